// Which layout the stage uses: the user's choice, and the automatic switch to the presentation
// layout when someone starts sharing a screen (back to the layout before once every share ended).
// A pure reducer: the Stage keeps the state and feeds it the shares it sees.
import type { StageLayout } from './stage-layout';

export interface LayoutChoice {
  readonly layout: StageLayout;
  /** Where the presentation layout returns to when the last share ends. */
  readonly previous: Exclude<StageLayout, 'presentation'>;
  /** The shares seen, in the order they started (oldest first): the newest is shown large. */
  readonly shares: readonly string[];
}

/** Grid by default: in a meeting everybody is seen. */
export const INITIAL_LAYOUT_CHOICE: LayoutChoice = { layout: 'grid', previous: 'grid', shares: [] };

/** The user picked a layout (button or shortcut): it stays until a new share starts. */
export function chooseLayout(state: LayoutChoice, layout: StageLayout): LayoutChoice {
  if (layout === state.layout) return state;
  if (layout === 'presentation') {
    return { ...state, layout, previous: state.layout === 'presentation' ? state.previous : state.layout };
  }
  return { ...state, layout, previous: layout };
}

/**
 * The shares now on the stage. A share that was not there before switches to the presentation
 * layout (unless already in it); when none is left, the presentation layout returns to the
 * previous one. Returns `state` itself when nothing changed (safe to call on every render).
 */
export function followShares(state: LayoutChoice, current: readonly string[]): LayoutChoice {
  const now = new Set(current);
  const kept = state.shares.filter((key) => now.has(key));
  const added = [...now].filter((key) => !state.shares.includes(key));
  if (added.length === 0 && kept.length === state.shares.length) return state;
  const shares = [...kept, ...added];
  if (added.length > 0 && state.layout !== 'presentation') {
    return { layout: 'presentation', previous: state.layout, shares };
  }
  if (shares.length === 0 && state.layout === 'presentation') {
    return { layout: state.previous, previous: state.previous, shares };
  }
  return { ...state, shares };
}

/** The layout after `current` for the shortcut: grid → speaker → presentation (only with a share) → grid. */
export function nextLayout(current: StageLayout, hasShare: boolean): StageLayout {
  if (current === 'grid') return 'speaker';
  if (current === 'speaker') return hasShare ? 'presentation' : 'grid';
  return 'grid';
}
