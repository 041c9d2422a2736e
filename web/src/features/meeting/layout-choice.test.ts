import { describe, expect, it } from 'vitest';
import { chooseLayout, followShares, INITIAL_LAYOUT_CHOICE, nextLayout, type LayoutChoice } from './layout-choice';

describe('layout choice', () => {
  it('starts in the grid', () => {
    expect(INITIAL_LAYOUT_CHOICE.layout).toBe('grid');
  });

  it('switches to presentation when a share starts, and back to the previous layout when it ends', () => {
    const speaker = chooseLayout(INITIAL_LAYOUT_CHOICE, 'speaker');
    const sharing = followShares(speaker, ['s1']);
    expect(sharing).toEqual({ layout: 'presentation', previous: 'speaker', shares: ['s1'] });
    const ended = followShares(sharing, []);
    expect(ended).toEqual({ layout: 'speaker', previous: 'speaker', shares: [] });
  });

  it('keeps the layout the user chose after the share started, also when the share ends', () => {
    const sharing = followShares(INITIAL_LAYOUT_CHOICE, ['s1']);
    const chosen = chooseLayout(sharing, 'grid');
    expect(chosen.layout).toBe('grid');
    // The same share goes on: no switch back.
    expect(followShares(chosen, ['s1'])).toBe(chosen);
    expect(followShares(chosen, []).layout).toBe('grid');
  });

  it('switches again for a new share after the user chose', () => {
    const chosen = chooseLayout(followShares(INITIAL_LAYOUT_CHOICE, ['s1']), 'speaker');
    const second = followShares(chosen, ['s1', 's2']);
    expect(second).toEqual({ layout: 'presentation', previous: 'speaker', shares: ['s1', 's2'] });
  });

  it('stays in presentation while any share is left, keeping the start order', () => {
    const two = followShares(followShares(INITIAL_LAYOUT_CHOICE, ['s1']), ['s2', 's1']);
    expect(two.shares).toEqual(['s1', 's2']);
    const one = followShares(two, ['s2']);
    expect(one).toEqual({ layout: 'presentation', previous: 'grid', shares: ['s2'] });
  });

  it('returns the same state when nothing changed (safe on every render)', () => {
    const state: LayoutChoice = { layout: 'presentation', previous: 'grid', shares: ['s1'] };
    expect(followShares(state, ['s1'])).toBe(state);
    expect(followShares(INITIAL_LAYOUT_CHOICE, [])).toBe(INITIAL_LAYOUT_CHOICE);
    expect(chooseLayout(state, 'presentation')).toBe(state);
  });

  it('remembers the layout before presentation when the user picks presentation', () => {
    const state = followShares(chooseLayout(INITIAL_LAYOUT_CHOICE, 'speaker'), ['s1']);
    const grid = chooseLayout(state, 'grid');
    const back = chooseLayout(grid, 'presentation');
    expect(back).toEqual({ layout: 'presentation', previous: 'grid', shares: ['s1'] });
    expect(followShares(back, []).layout).toBe('grid');
  });

  it('cycles grid → speaker → presentation (only with a share) → grid', () => {
    expect(nextLayout('grid', false)).toBe('speaker');
    expect(nextLayout('speaker', false)).toBe('grid');
    expect(nextLayout('speaker', true)).toBe('presentation');
    expect(nextLayout('presentation', true)).toBe('grid');
  });
});
