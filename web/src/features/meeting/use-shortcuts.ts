// The meeting's single-key shortcuts (M microphone, V camera, D screen, R hand, C chat,
// P participants, ? the list). They work from anywhere on the page except while typing (inputs,
// text areas, selects, editable text), inside an open menu or dialog, and never with Ctrl, Alt or
// Meta (the browser's and the system's own shortcuts). W (layout) belongs to the stage.
import { useEffect, useRef } from 'react';
import type { MessageKey } from '../../lib/i18n/translate';

export type ShortcutAction = 'microphone' | 'camera' | 'screen' | 'hand' | 'chat' | 'people' | 'help';

/** Letter keys (lower case) → action; `?` is matched on its character (Shift+/ on most layouts). */
const LETTERS: Readonly<Record<string, ShortcutAction>> = {
  m: 'microphone',
  v: 'camera',
  d: 'screen',
  r: 'hand',
  c: 'chat',
  p: 'people',
};

/** KeyboardEvent.code of each letter: the same physical key on layouts without Latin letters. */
const CODES: Readonly<Record<string, ShortcutAction>> = {
  KeyM: 'microphone',
  KeyV: 'camera',
  KeyD: 'screen',
  KeyR: 'hand',
  KeyC: 'chat',
  KeyP: 'people',
};

/** Every shortcut as the help dialog lists it, in that order (W is the stage's). */
export const SHORTCUT_LIST: readonly { readonly key: string; readonly text: MessageKey }[] = [
  { key: 'M', text: 'meeting.controls.shortcuts.microphone' },
  { key: 'V', text: 'meeting.controls.shortcuts.camera' },
  { key: 'D', text: 'meeting.controls.shortcuts.screen' },
  { key: 'R', text: 'meeting.controls.shortcuts.hand' },
  { key: 'C', text: 'meeting.controls.shortcuts.chat' },
  { key: 'P', text: 'meeting.controls.shortcuts.people' },
  { key: 'W', text: 'meeting.controls.shortcuts.layout' },
  { key: '?', text: 'meeting.controls.shortcuts.help' },
];

/** The key shown for an action (in button names: "Tắt micrô (M)"). */
export const SHORTCUT_KEY: Readonly<Record<ShortcutAction, string>> = {
  microphone: 'M',
  camera: 'V',
  screen: 'D',
  hand: 'R',
  chat: 'C',
  people: 'P',
  help: '?',
};

type KeyInfo = Pick<KeyboardEvent, 'key' | 'code' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'repeat' | 'isComposing' | 'defaultPrevented' | 'target'>;

/** Where a letter is text, or belongs to an open menu or dialog. */
function keyBelongsElsewhere(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const editable = 'input, textarea, select, [contenteditable]:not([contenteditable="false"])';
  return target.closest(`${editable}, [role="menu"], [role="dialog"], dialog`) !== null;
}

/** The action a key press asks for, or null (pure, for tests). */
export function shortcutAction(event: KeyInfo): ShortcutAction | null {
  if (event.defaultPrevented || event.repeat || event.isComposing) return null;
  if (event.altKey || event.ctrlKey || event.metaKey) return null;
  if (keyBelongsElsewhere(event.target)) return null;
  if (event.key === '?') return 'help';
  if (event.shiftKey) return null;
  return LETTERS[event.key.toLowerCase()] ?? (event.key.length === 1 && /[a-z]/i.test(event.key) ? null : (CODES[event.code] ?? null));
}

/** Calls `onAction` for each shortcut pressed on the page while `enabled`. */
export function useShortcuts(onAction: (action: ShortcutAction) => void, enabled = true): void {
  const callback = useRef(onAction);
  useEffect(() => {
    callback.current = onAction;
  });
  useEffect(() => {
    if (!enabled) return undefined;
    const onKeyDown = (event: KeyboardEvent) => {
      const action = shortcutAction(event);
      if (action === null) return;
      event.preventDefault();
      callback.current(action);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
