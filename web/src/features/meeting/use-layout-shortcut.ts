// The W key cycles the stage layouts, from anywhere on the page except while typing (inputs,
// text areas, selects, editable text) or inside an open menu or dialog, and never with a modifier
// key (browser and system shortcuts). Same rules as the toolbar's shortcuts (use-shortcuts.ts).
import { useEffect, useRef } from 'react';

export const LAYOUT_SHORTCUT_KEY = 'w';

type KeyInfo = Pick<KeyboardEvent, 'key' | 'code' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'repeat' | 'isComposing' | 'defaultPrevented' | 'target'>;

/** Whether a key press is the layout shortcut (pure, for tests). */
export function isLayoutShortcut(event: KeyInfo): boolean {
  if (event.defaultPrevented || event.repeat || event.isComposing) return false;
  if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return false;
  const key = event.key.toLowerCase();
  // The W key itself, or the same physical key on a layout without Latin letters.
  const matches = key === LAYOUT_SHORTCUT_KEY || (!/^[a-z]$/.test(key) && event.code === 'KeyW');
  return matches && !belongsElsewhere(event.target);
}

/** Where a letter is text, or belongs to an open menu or dialog. */
function belongsElsewhere(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target instanceof HTMLElement && target.isContentEditable) return true;
  const editable = 'input, textarea, select, [contenteditable]:not([contenteditable="false"])';
  return target.closest(`${editable}, [role="menu"], [role="dialog"], dialog`) !== null;
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
