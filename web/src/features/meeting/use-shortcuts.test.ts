import { describe, expect, it } from 'vitest';
import { shortcutAction, SHORTCUT_LIST } from './use-shortcuts';

function press(key: string, options: { code?: string; target?: EventTarget | null; shiftKey?: boolean; ctrlKey?: boolean; altKey?: boolean; metaKey?: boolean; repeat?: boolean } = {}) {
  return shortcutAction({
    key,
    code: options.code ?? `Key${key.toUpperCase()}`,
    altKey: options.altKey ?? false,
    ctrlKey: options.ctrlKey ?? false,
    metaKey: options.metaKey ?? false,
    shiftKey: options.shiftKey ?? false,
    repeat: options.repeat ?? false,
    isComposing: false,
    defaultPrevented: false,
    target: options.target ?? document.body,
  });
}

describe('shortcutAction', () => {
  it('maps the single keys, in either case', () => {
    expect(['m', 'v', 'd', 'r', 'c', 'p'].map((key) => press(key))).toEqual(['microphone', 'camera', 'screen', 'hand', 'chat', 'people']);
    expect(press('M', { shiftKey: false })).toBe('microphone');
    expect(press('?', { code: 'Slash', shiftKey: true })).toBe('help');
    expect(press('x')).toBeNull();
    expect(press('w')).toBeNull();
  });

  it('uses the physical key on layouts without Latin letters', () => {
    expect(press('ь', { code: 'KeyM' })).toBe('microphone');
  });

  it('leaves modified keys, held keys and Shift+letter to the browser', () => {
    expect(press('m', { ctrlKey: true })).toBeNull();
    expect(press('d', { metaKey: true })).toBeNull();
    expect(press('r', { altKey: true })).toBeNull();
    expect(press('M', { shiftKey: true })).toBeNull();
    expect(press('m', { repeat: true })).toBeNull();
  });

  it('ignores typing, open menus and dialogs', () => {
    const input = document.createElement('input');
    const textarea = document.createElement('textarea');
    const editable = document.createElement('div');
    editable.setAttribute('contenteditable', 'true');
    const menu = document.createElement('div');
    menu.setAttribute('role', 'menu');
    const item = document.createElement('button');
    menu.append(item);
    document.body.append(input, textarea, editable, menu);
    for (const target of [input, textarea, editable, item]) expect(press('m', { target })).toBeNull();
    expect(press('?', { target: input, shiftKey: true })).toBeNull();
    document.body.replaceChildren();
  });

  it('lists every shortcut once, with the layout key of the stage', () => {
    expect(SHORTCUT_LIST.map((shortcut) => shortcut.key)).toEqual(['M', 'V', 'D', 'R', 'C', 'P', 'W', '?']);
  });
});
