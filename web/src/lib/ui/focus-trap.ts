// Keeping keyboard focus inside a modal dialog: Tab from its last control goes to its first,
// Shift+Tab from its first to its last (WAI-ARIA APG, dialog pattern).

/** The controls Tab can reach (disabled ones and tabindex="-1" left out). */
export const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The first control to focus in `container`: the one marked `data-autofocus`, else the first one Tab reaches. */
export function initialFocus(container: HTMLElement): HTMLElement | null {
  return container.querySelector<HTMLElement>('[data-autofocus]') ?? container.querySelector<HTMLElement>(FOCUSABLE);
}

/** On a Tab key press inside `container`, wraps focus around its ends. */
export function keepTabInside(event: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'preventDefault'>, container: HTMLElement): void {
  if (event.key !== 'Tab') return;
  const focusable = [...container.querySelectorAll<HTMLElement>(FOCUSABLE)];
  const first = focusable[0];
  const last = focusable.at(-1);
  if (first === undefined || last === undefined) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}
