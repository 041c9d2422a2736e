import { describe, expect, it } from 'vitest';
import { isLayoutShortcut } from './use-layout-shortcut';

function press(key: string, init: KeyboardEventInit = {}, target: EventTarget = document.body): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  Object.defineProperty(event, 'target', { value: target });
  return event;
}

describe('isLayoutShortcut', () => {
  it('is W (either case) without a modifier', () => {
    expect(isLayoutShortcut(press('w'))).toBe(true);
    expect(isLayoutShortcut(press('W'))).toBe(true);
    expect(isLayoutShortcut(press('q'))).toBe(false);
    // The same physical key on a non-Latin layout; not a Latin letter on another key.
    expect(isLayoutShortcut(press('ц', { code: 'KeyW' }))).toBe(true);
    expect(isLayoutShortcut(press('z', { code: 'KeyW' }))).toBe(false);
    for (const modifier of ['ctrlKey', 'altKey', 'metaKey', 'shiftKey'] as const) {
      expect(isLayoutShortcut(press('w', { [modifier]: true })), modifier).toBe(false);
    }
  });

  it('is not while typing, composing, repeating, or already handled', () => {
    for (const tag of ['input', 'textarea', 'select']) {
      expect(isLayoutShortcut(press('w', {}, document.createElement(tag))), tag).toBe(false);
    }
    const editable = document.createElement('div');
    editable.setAttribute('contenteditable', 'true');
    const inner = document.createElement('span');
    editable.append(inner);
    expect(isLayoutShortcut(press('w', {}, inner))).toBe(false);
    const dialog = document.createElement('div');
    dialog.setAttribute('role', 'dialog');
    const button = document.createElement('button');
    dialog.append(button);
    expect(isLayoutShortcut(press('w', {}, button))).toBe(false);
    expect(isLayoutShortcut(press('w', { isComposing: true }))).toBe(false);
    expect(isLayoutShortcut(press('w', { repeat: true }))).toBe(false);
    const handled = press('w');
    handled.preventDefault();
    expect(isLayoutShortcut(handled)).toBe(false);
    expect(isLayoutShortcut(press('w', {}, document.createElement('button')))).toBe(true);
  });
});
