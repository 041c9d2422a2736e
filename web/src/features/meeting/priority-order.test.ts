import { describe, expect, it } from 'vitest';
import { effectivePriority, movedPriority, priorityRank } from './priority-order';

describe('display priority', () => {
  it('completes the order with everyone else in roster order, without those who left', () => {
    expect(effectivePriority(['c', 'gone', 'a'], ['a', 'b', 'c', 'd'])).toEqual(['c', 'a', 'b', 'd']);
    expect(effectivePriority([], ['a', 'b'])).toEqual(['a', 'b']);
  });

  it('moves one place up or down, not past the ends', () => {
    expect(movedPriority(['c', 'a'], ['a', 'b', 'c'], 'a', -1)).toEqual(['a', 'c', 'b']);
    expect(movedPriority([], ['a', 'b', 'c'], 'b', 1)).toEqual(['a', 'c', 'b']);
    expect(movedPriority([], ['a', 'b'], 'a', -1)).toBeNull();
    expect(movedPriority([], ['a', 'b'], 'b', 1)).toBeNull();
    expect(movedPriority([], ['a', 'b'], 'x', 1)).toBeNull();
  });

  it('ranks from 1 in the server order', () => {
    expect(priorityRank(['c', 'a'], 'a')).toBe(2);
    expect(priorityRank(['c', 'a'], 'b')).toBeNull();
  });
});
