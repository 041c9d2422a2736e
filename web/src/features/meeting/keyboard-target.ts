// When a key press may be one of the meeting's single-key shortcuts (the toolbar's M, V, D, R, C,
// P, ? and the stage's W): not while typing (inputs, text areas, selects, editable text), not in
// an open menu, not in a dialog — the focus inside one, or a modal one open at all (the page
// behind it is out of reach until it closes) — and never with Ctrl, Alt or Meta (the browser's
// and the system's own shortcuts).

export type KeyPress = Pick<KeyboardEvent, 'key' | 'code' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'repeat' | 'isComposing' | 'defaultPrevented' | 'target'>;

const OWN_KEYS = [
  'input',
  'textarea',
  'select',
  '[contenteditable]:not([contenteditable="false"])',
  '[role="menu"]',
  '[role="dialog"]',
  '[role="alertdialog"]',
  'dialog',
].join(', ');

/** Whether keys pressed at `target` are text, or belong to a menu or dialog. */
function keyBelongsElsewhere(target: EventTarget | null): boolean {
  if (target instanceof HTMLElement && target.isContentEditable) return true;
  if (target instanceof Element && target.closest(OWN_KEYS) !== null) return true;
  return document.querySelector('[aria-modal="true"]') !== null;
}

/**
 * Whether a key press may be a shortcut: not handled already, not held down or being composed,
 * without Ctrl, Alt or Meta, and not the business of text, a menu or a dialog. (Shift is for each
 * shortcut to judge: ? needs it.)
 */
export function mayBeShortcut(event: KeyPress): boolean {
  if (event.defaultPrevented || event.repeat || event.isComposing) return false;
  if (event.altKey || event.ctrlKey || event.metaKey) return false;
  return !keyBelongsElsewhere(event.target);
}
