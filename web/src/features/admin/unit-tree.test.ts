import { describe, expect, it } from 'vitest';
import { unitBody, unitsBody } from '../../test/admin';
import { buildUnitTree, cleanUnitName, flattenUnitTree, unitActions, unitName, unitPath } from './unit-tree';

describe('unit tree', () => {
  it('S1_1_builds_the_tree_with_siblings_in_Vietnamese_order', () => {
    const flat = flattenUnitTree(buildUnitTree(unitsBody.units)).map(({ unit, depth }) => `${depth}:${unit.name}`);
    expect(flat).toEqual(['0:Bộ Nội vụ', '1:Văn phòng Bộ', '1:Vụ Tổ chức', '2:Phòng Một', '0:Bộ Tài chính']);
  });

  it('S1_1_roots_a_usage_administrators_tree_at_their_own_unit', () => {
    // The answer holds the administrator's unit and those under it; its parent is out of reach.
    const units = [unitBody('u-vu', 'Vụ Tổ chức', 'u-bo'), unitBody('u-phong', 'Phòng Một', 'u-vu')];
    const tree = buildUnitTree(units);
    expect(tree.map((n) => n.unit.id)).toEqual(['u-vu']);
    expect(tree[0]?.children.map((n) => n.unit.id)).toEqual(['u-phong']);
    expect(unitActions(units[0]!, 'u-vu')).toEqual({ add: true, change: false });
    expect(unitActions(units[1]!, 'u-vu')).toEqual({ add: true, change: true });
  });

  it('places each unit once, even in a malformed answer with a cycle', () => {
    const units = [unitBody('a', 'A', 'b'), unitBody('b', 'B', 'a'), unitBody('c', 'C', 'c')];
    const flat = flattenUnitTree(buildUnitTree(units));
    expect(flat.map((f) => f.unit.id).sort()).toEqual(['c']);
  });

  it('names units and their paths', () => {
    expect(unitName(unitsBody.units, 'u-phong')).toBe('Phòng Một');
    expect(unitName(unitsBody.units, 'nope')).toBeNull();
    expect(unitName(unitsBody.units, null)).toBeNull();
    expect(unitPath(unitsBody.units, 'u-phong')).toBe('Bộ Nội vụ › Vụ Tổ chức › Phòng Một');
  });

  it('takes unit names of 1 to 120 characters', () => {
    expect(cleanUnitName('  Sở Nội vụ ')).toBe('Sở Nội vụ');
    expect(cleanUnitName('   ')).toBeNull();
    expect(cleanUnitName('ă'.repeat(120))).toBe('ă'.repeat(120));
    expect(cleanUnitName('ă'.repeat(121))).toBeNull();
  });
});
