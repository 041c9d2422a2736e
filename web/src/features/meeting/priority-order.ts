// The chair's display-priority order (`moderate setPriority`): the server keeps a list of
// participant IDs, most important first. Moving someone up or down rewrites the whole list from
// the current one, with everyone not in it appended in roster order.

/** `priority` entries still present, then the other `ids` in their order. */
export function effectivePriority(priority: readonly string[], ids: readonly string[]): string[] {
  const present = new Set(ids);
  const ordered = priority.filter((id, index) => present.has(id) && priority.indexOf(id) === index);
  const listed = new Set(ordered);
  return [...ordered, ...ids.filter((id) => !listed.has(id))];
}

/** The order with `id` moved one place (delta -1: earlier, 1: later); null when it cannot move. */
export function movedPriority(priority: readonly string[], ids: readonly string[], id: string, delta: -1 | 1): string[] | null {
  const order = effectivePriority(priority, ids);
  const from = order.indexOf(id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= order.length) return null;
  [order[from], order[to]] = [order[to] as string, order[from] as string];
  return order;
}

/** 1-based place of `id` in the server's order; null when not in it. */
export function priorityRank(priority: readonly string[], id: string): number | null {
  const index = priority.indexOf(id);
  return index < 0 ? null : index + 1;
}
