// The W key cycles the stage layouts, from anywhere on the page except while typing or in a menu
// or dialog (keyboard-target.ts, as for the toolbar's shortcuts), and never with a modifier key
// (browser and system shortcuts).
import { useEffect, useRef } from 'react';
import { mayBeShortcut, type KeyPress } from './keyboard-target';

export const LAYOUT_SHORTCUT_KEY = 'w';

/** Whether a key press is the layout shortcut (pure, for tests). */
export function isLayoutShortcut(event: KeyPress): boolean {
  if (event.shiftKey || !mayBeShortcut(event)) return false;
  const key = event.key.toLowerCase();
  // The W key itself, or the same physical key on a layout without Latin letters.
  return key === LAYOUT_SHORTCUT_KEY || (!/^[a-z]$/.test(key) && event.code === 'KeyW');
}

export function useLayoutShortcut(onCycle: () => void): void {
  const callback = useRef(onCycle);
  useEffect(() => {
    callback.current = onCycle;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isLayoutShortcut(event)) return;
      event.preventDefault();
      callback.current();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
