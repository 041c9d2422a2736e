// The organisation's units (S1.1) as the console shows them: GET /admin/units answers a flat list
// of the units within reach; this makes the tree (siblings by name, Vietnamese order), the
// indented list a <select> offers, and what an administrator may do with each unit. The server
// decides again on every call.
import type { Unit } from './admin-types';

export interface UnitNode {
  readonly unit: Unit;
  readonly children: readonly UnitNode[];
}

export interface FlatUnit {
  readonly unit: Unit;
  /** 0 for a root of the tree. */
  readonly depth: number;
}

const byName = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/**
 * The units as a forest: a unit whose parent is not in the list (the caller's own unit, or a
 * top-level one) is a root. A cycle in a malformed answer cannot loop: each unit is placed once.
 */
export function buildUnitTree(units: readonly Unit[]): readonly UnitNode[] {
  const ids = new Set(units.map((u) => u.id));
  const children = new Map<string | null, Unit[]>();
  for (const unit of units) {
    const parent = unit.parentId !== null && ids.has(unit.parentId) && unit.parentId !== unit.id ? unit.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(unit);
    children.set(parent, list);
  }
  const placed = new Set<string>();
  const build = (parent: string | null): UnitNode[] =>
    [...(children.get(parent) ?? [])]
      .sort((a, b) => byName.compare(a.name, b.name))
      .filter((unit) => {
        if (placed.has(unit.id)) return false;
        placed.add(unit.id);
        return true;
      })
      .map((unit) => ({ unit, children: build(unit.id) }));
  return build(null);
}

/** The tree in reading order (parents before their children), with each unit's depth. */
export function flattenUnitTree(nodes: readonly UnitNode[], depth = 0): readonly FlatUnit[] {
  return nodes.flatMap((node) => [{ unit: node.unit, depth }, ...flattenUnitTree(node.children, depth + 1)]);
}

/** A unit's name after one dash per level, for a <select> (options cannot be styled one by one). */
export function indentedName({ unit, depth }: FlatUnit): string {
  return '— '.repeat(depth) + unit.name;
}

/** A unit's name, or null for an id not in the list. */
export function unitName(units: readonly Unit[], id: string | null): string | null {
  if (id === null) return null;
  return units.find((u) => u.id === id)?.name ?? null;
}

/** "Bộ Nội vụ › Vụ Tổ chức" — the unit's path within reach, for titles and screen readers. */
export function unitPath(units: readonly Unit[], id: string): string {
  const byId = new Map(units.map((u) => [u.id, u]));
  const names: string[] = [];
  const seen = new Set<string>();
  let current = byId.get(id);
  while (current !== undefined && !seen.has(current.id)) {
    seen.add(current.id);
    names.unshift(current.name);
    current = current.parentId === null ? undefined : byId.get(current.parentId);
  }
  return names.join(' › ');
}

/**
 * What an administrator may do with a unit: add units under any unit within reach; rename or
 * remove any but their own unit (that is changed from above).
 */
export function unitActions(unit: Unit, rootUnitId: string | null): { readonly add: boolean; readonly change: boolean } {
  return { add: true, change: unit.id !== rootUnitId };
}

/** A unit name as the server takes it: 1–120 characters of text once trimmed; null when not. */
export function cleanUnitName(text: string): string | null {
  const trimmed = text.trim();
  const length = [...trimmed].length;
  return length === 0 || length > 120 ? null : trimmed;
}
