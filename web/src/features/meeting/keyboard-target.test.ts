import { afterEach, describe, expect, it } from 'vitest';
import { isLayoutShortcut } from './use-layout-shortcut';
import { shortcutAction } from './use-shortcuts';

function press(key: string, code: string, target: EventTarget = document.body): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, code, bubbles: true, cancelable: true });
  Object.defineProperty(event, 'target', { value: target });
  return event;
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('the single-key shortcuts (toolbar and stage alike)', () => {
  it('are not taken inside a menu, a dialog or a confirmation', () => {
    for (const role of ['menu', 'dialog', 'alertdialog']) {
      const container = document.createElement('div');
      container.setAttribute('role', role);
      const item = document.createElement('button');
      container.append(item);
      expect(isLayoutShortcut(press('w', 'KeyW', item)), role).toBe(false);
      expect(shortcutAction(press('m', 'KeyM', item)), role).toBeNull();
    }
  });

  it('are not taken while a modal dialog is open, wherever the focus is', () => {
    const modal = document.createElement('div');
    modal.setAttribute('role', 'dialog');
    modal.setAttribute('aria-modal', 'true');
    document.body.append(modal);
    // Focus left on the page behind (a click beside the dialog).
    expect(isLayoutShortcut(press('w', 'KeyW'))).toBe(false);
    expect(shortcutAction(press('m', 'KeyM'))).toBeNull();
    modal.remove();
    expect(isLayoutShortcut(press('w', 'KeyW'))).toBe(true);
    expect(shortcutAction(press('m', 'KeyM'))).toBe('microphone');
  });
});
