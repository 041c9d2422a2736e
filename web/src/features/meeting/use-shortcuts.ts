// The meeting's single-key shortcuts (M microphone, V camera, D screen, R hand, C chat,
// P participants, ? the list). They work from anywhere on the page except while typing or in a
// menu or dialog (keyboard-target.ts), and never with Ctrl, Alt or Meta (the browser's and the
// system's own shortcuts). W (layout) belongs to the stage.
import { useEffect, useRef } from 'react';
import type { MessageKey } from '../../lib/i18n/translate';
import { mayBeShortcut, type KeyPress } from './keyboard-target';

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

/** The action a key press asks for, or null (pure, for tests). */
export function shortcutAction(event: KeyPress): ShortcutAction | null {
  if (!mayBeShortcut(event)) return null;
  if (event.key === '?') return 'help';
  if (event.shiftKey) return null;
  return LETTERS[event.key.toLowerCase()] ?? (event.key.length === 1 && /[a-z]/i.test(event.key) ? null : (CODES[event.code] ?? null));
}

/** Calls `onAction` for each shortcut pressed on the page. */
export function useShortcuts(onAction: (action: ShortcutAction) => void): void {
  const callback = useRef(onAction);
  useEffect(() => {
    callback.current = onAction;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const action = shortcutAction(event);
      if (action === null) return;
      event.preventDefault();
      callback.current(action);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
