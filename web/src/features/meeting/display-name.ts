// The display name entered before joining: 1–64 characters (docs/signaling.md), remembered in
// localStorage for the next meeting.

export const DISPLAY_NAME_STORAGE_KEY = 'dienhong.displayName';
export const DISPLAY_NAME_MAX = 64;

export type DisplayNameCheck =
  | { readonly ok: true; readonly name: string }
  | { readonly ok: false; readonly reason: 'empty' | 'tooLong' };

/** Trims, normalises to NFC (so that "ễ" counts once), collapses inner whitespace, checks the length. */
export function checkDisplayName(raw: string): DisplayNameCheck {
  const name = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (name === '') return { ok: false, reason: 'empty' };
  if ([...name].length > DISPLAY_NAME_MAX) return { ok: false, reason: 'tooLong' };
  return { ok: true, name };
}

export function readStoredDisplayName(): string | null {
  try {
    return window.localStorage.getItem(DISPLAY_NAME_STORAGE_KEY);
  } catch {
    return null;
  }
}

export function storeDisplayName(name: string): void {
  try {
    window.localStorage.setItem(DISPLAY_NAME_STORAGE_KEY, name);
  } catch {
    // Storage disabled by policy: the name is simply not remembered.
  }
}
