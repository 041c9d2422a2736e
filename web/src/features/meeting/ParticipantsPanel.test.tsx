import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../lib/i18n/i18n';
import type { LobbyEntry, Participant, RoomSettings } from '../../lib/signaling/messages';
import { participant, SETTINGS } from '../../test/meeting-messages';
import type { PanelSession, PanelSnapshot } from './panel-session';
import { ParticipantsPanel } from './ParticipantsPanel';
import { meetingPeople } from './people-order';

const settings: RoomSettings = { ...SETTINGS, defaultPermissions: { ...SETTINGS.defaultPermissions } };

function snapshotWith(overrides: Partial<PanelSnapshot> = {}): PanelSnapshot {
  return {
    chat: [],
    participantId: 'p1',
    role: 'participant',
    settings,
    lobby: [],
    priority: [],
    roster: [
      participant('p2', 'Trần Thị Bình', { microphone: true, camera: true, guest: false }),
      participant('p3', 'Lê Văn Cường', { role: 'chair', guest: false }),
      participant('p4', 'Đỗ An', { handRaised: true, screen: true }),
    ],
    self: null,
    permissions: null,
    microphoneLocked: false,
    account: { displayName: 'Nguyễn Văn A' },
    ...overrides,
  };
}

function fakeSession(result: string | null = null) {
  return { tryRequest: vi.fn<PanelSession['tryRequest']>(async () => result) };
}

const wrapper = ({ children }: { children: ReactNode }) => <I18nProvider initial="vi">{children}</I18nProvider>;

function renderPanel(overrides: Partial<PanelSnapshot> = {}, session = fakeSession()) {
  const snapshot = snapshotWith(overrides);
  const ui = (s: PanelSnapshot) => <ParticipantsPanel snapshot={s} people={meetingPeople(s, 'Nguyễn Văn A')} raisedOrder={[]} session={session} />;
  const result = render(ui(snapshot), { wrapper });
  return { session, rerender: (next: Partial<PanelSnapshot>) => result.rerender(ui(snapshotWith({ ...overrides, ...next }))) };
}

const rows = () => screen.getAllByTestId('people-row');
const row = (id: string) => rows().find((r) => r.dataset['participantId'] === id) as HTMLElement;

async function click(element: Element) {
  await act(async () => {
    fireEvent.click(element);
  });
}

function openMenu(id: string): HTMLElement {
  fireEvent.click(within(row(id)).getByTestId('people-menu'));
  return screen.getByRole('menu');
}

const actionItem = (action: string) => screen.getAllByTestId('chair-action').find((item) => item.dataset['action'] === action) as HTMLElement;

describe('ParticipantsPanel', () => {
  it('lists ourselves first, then raised hands, chairs and the others by name, with their state', () => {
    renderPanel();
    expect(rows().map((r) => r.dataset['participantId'])).toEqual(['p1', 'p4', 'p3', 'p2']);
    expect(within(row('p1')).getByTestId('people-name').textContent).toBe('Nguyễn Văn A');
    expect(row('p1').textContent).toContain('(Bạn)');
    expect(row('p3').dataset['role']).toBe('chair');
    expect(within(row('p3')).getByText('Chủ trì')).toBeTruthy();
    expect(within(row('p4')).getByText('Khách')).toBeTruthy();
    expect(within(row('p2')).queryByText('Khách')).toBeNull();
    expect(row('p2').dataset).toMatchObject({ microphone: 'on', camera: 'on', hand: 'down', screen: 'off' });
    expect(row('p4').dataset).toMatchObject({ microphone: 'off', camera: 'off', hand: 'up', screen: 'on' });
    expect(within(row('p4')).getByRole('img', { name: 'Đang giơ tay' })).toBeTruthy();
    expect(within(row('p4')).getByRole('img', { name: 'Đang chia sẻ màn hình' })).toBeTruthy();
    expect(within(row('p2')).getByRole('img', { name: 'Micrô đang bật' })).toBeTruthy();
  });

  it('shows a locked microphone as such', () => {
    renderPanel({ roster: [participant('p2', 'B', { microphoneLocked: true })] });
    expect(within(row('p2')).getByRole('img', { name: 'Micrô đang bị người chủ trì khóa' })).toBeTruthy();
  });

  it('gives a participant no chair controls', () => {
    renderPanel();
    expect(screen.queryByTestId('people-menu')).toBeNull();
    expect(screen.queryByTestId('chair-mute-all')).toBeNull();
    expect(screen.queryByTestId('priority-up')).toBeNull();
    expect(screen.getAllByTestId('people-self-rename')).toHaveLength(1);
  });

  it('F6: renames ourselves in place and shows a refusal translated', async () => {
    const session = fakeSession('invalid_name');
    renderPanel({}, session);
    fireEvent.click(screen.getByTestId('people-self-rename'));
    const input = screen.getByTestId('rename-input') as HTMLInputElement;
    expect(document.activeElement).toBe(input);
    fireEvent.change(input, { target: { value: '   ' } });
    await click(screen.getByTestId('rename-save'));
    expect(screen.getByTestId('rename-error').textContent).toBe('Hãy nhập tên hiển thị.');
    expect(session.tryRequest).not.toHaveBeenCalled();

    fireEvent.change(input, { target: { value: ' Nguyễn  Văn B ' } });
    await click(screen.getByTestId('rename-save'));
    expect(session.tryRequest).toHaveBeenCalledWith({ type: 'rename', displayName: 'Nguyễn Văn B' });
    expect(screen.getByTestId('rename-error').textContent).toBe('Tên hiển thị không hợp lệ. Hãy dùng từ 1 đến 64 ký tự.');

    session.tryRequest.mockResolvedValue(null);
    await click(screen.getByTestId('rename-save'));
    expect(screen.queryByTestId('rename-input')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('people-self-rename'));
    expect(window.localStorage.getItem('dienhong.displayName')).toBe('Nguyễn Văn B');
  });

  it('cancels the rename with Escape without closing the panel', () => {
    const outer = vi.fn();
    const snapshot = snapshotWith();
    render(
      <div onKeyDown={outer}>
        <ParticipantsPanel snapshot={snapshot} people={meetingPeople(snapshot, 'A')} raisedOrder={[]} session={fakeSession()} />
      </div>,
      { wrapper },
    );
    fireEvent.click(screen.getByTestId('people-self-rename'));
    fireEvent.keyDown(screen.getByTestId('rename-input'), { key: 'Escape' });
    expect(screen.queryByTestId('rename-input')).toBeNull();
    expect(outer).not.toHaveBeenCalled();
  });
});

describe('ParticipantsPanel for a chair', () => {
  const chair = { role: 'chair' as const };

  it('opens a keyboard-operable menu with the actions that fit the participant', () => {
    renderPanel(chair);
    expect(within(row('p1')).queryByTestId('people-menu')).toBeNull();
    const button = within(row('p2')).getByTestId('people-menu');
    expect(button.getAttribute('aria-label')).toBe('Thao tác với Trần Thị Bình');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    const menu = openMenu('p2');
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const items = within(menu).getAllByRole('menuitem');
    expect(items.map((i) => i.dataset['action'])).toEqual(['mute', 'stopCamera', 'rename', 'setRoleChair', 'permissions', 'remove', 'removeBan']);
    expect(items.map((i) => i.textContent)).toContain('Tắt micrô');
    expect(document.activeElement).toBe(items[0]);
    fireEvent.keyDown(menu, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(items[1]);
    fireEvent.keyDown(menu, { key: 'ArrowUp' });
    fireEvent.keyDown(menu, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(items.at(-1));
    fireEvent.keyDown(menu, { key: 'Home' });
    expect(document.activeElement).toBe(items[0]);
    fireEvent.keyDown(menu, { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('offers stop sharing, lower hand and revoking a chair when they apply', () => {
    renderPanel(chair);
    openMenu('p4');
    expect(screen.getAllByTestId('chair-action').map((i) => i.dataset['action'])).toEqual(
      expect.arrayContaining(['askUnmute', 'stopScreen', 'lowerHand', 'setRoleChair']),
    );
    fireEvent.keyDown(screen.getByRole('menu'), { key: 'Escape' });
    openMenu('p3');
    expect(actionItem('setRoleParticipant').textContent).toBe('Thu hồi quyền chủ trì');
    expect(actionItem('permissions')).toBeUndefined();
  });

  it('acts at once for simple actions and shows a refusal translated', async () => {
    const session = fakeSession('unknown_participant');
    renderPanel(chair, session);
    openMenu('p2');
    await click(actionItem('mute'));
    expect(session.tryRequest).toHaveBeenCalledWith({ type: 'moderate', action: 'mute', target: 'p2' });
    expect(screen.getByTestId('people-error').textContent).toBe('Người này không còn ở trong cuộc họp.');
    openMenu('p4');
    await click(actionItem('setRoleChair'));
    expect(session.tryRequest).toHaveBeenLastCalledWith({ type: 'moderate', action: 'setRole', target: 'p4', role: 'chair' });
  });

  it('removes (and bans) only after a confirmation', async () => {
    const session = fakeSession();
    renderPanel(chair, session);
    openMenu('p2');
    await click(actionItem('removeBan'));
    const dialog = screen.getByTestId('confirm-dialog');
    expect(dialog.getAttribute('role')).toBe('alertdialog');
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(within(dialog).getByRole('heading').textContent).toBe('Mời Trần Thị Bình ra và cấm vào lại?');
    fireEvent.click(screen.getByTestId('confirm-cancel'));
    expect(screen.queryByTestId('confirm-dialog')).toBeNull();
    expect(session.tryRequest).not.toHaveBeenCalled();

    openMenu('p2');
    await click(actionItem('remove'));
    await click(screen.getByTestId('confirm-accept'));
    expect(session.tryRequest).toHaveBeenCalledWith({ type: 'moderate', action: 'remove', target: 'p2', ban: false });
    expect(screen.queryByTestId('confirm-dialog')).toBeNull();
  });

  it('closes a dialog with Escape and gives focus back to the menu button', async () => {
    renderPanel(chair);
    const button = within(row('p2')).getByTestId('people-menu');
    openMenu('p2');
    await click(actionItem('remove'));
    expect(document.activeElement).toBe(screen.getByTestId('confirm-cancel'));
    fireEvent.keyDown(screen.getByTestId('confirm-dialog'), { key: 'Escape' });
    expect(screen.queryByTestId('confirm-dialog')).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('keeps Tab inside a dialog', async () => {
    renderPanel(chair);
    fireEvent.click(screen.getByTestId('chair-end-meeting'));
    const cancel = screen.getByTestId('confirm-cancel');
    const accept = screen.getByTestId('confirm-accept');
    expect(document.activeElement).toBe(cancel);
    accept.focus();
    fireEvent.keyDown(accept, { key: 'Tab' });
    expect(document.activeElement).toBe(cancel);
    fireEvent.keyDown(cancel, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(accept);
  });

  it('closes the menu on a click elsewhere', () => {
    renderPanel(chair);
    openMenu('p2');
    fireEvent.pointerDown(document.body);
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('F6: renames another participant in a dialog', async () => {
    const session = fakeSession();
    renderPanel(chair, session);
    openMenu('p2');
    await click(actionItem('rename'));
    const input = screen.getByTestId('endpoint-rename-input') as HTMLInputElement;
    expect(screen.getByTestId('endpoint-rename-dialog')).toBeTruthy();
    expect(input.value).toBe('Trần Thị Bình');
    fireEvent.change(input, { target: { value: 'Phòng họp Sở Y tế' } });
    await click(screen.getByTestId('endpoint-rename-save'));
    expect(session.tryRequest).toHaveBeenCalledWith({ type: 'moderate', action: 'rename', target: 'p2', displayName: 'Phòng họp Sở Y tế' });
    expect(screen.queryByTestId('endpoint-rename-dialog')).toBeNull();
  });

  it('sets a participant’s permissions in a dialog', async () => {
    const session = fakeSession();
    renderPanel(chair, session);
    openMenu('p2');
    await click(actionItem('permissions'));
    expect(screen.getByTestId('permissions-dialog')).toBeTruthy();
    fireEvent.click(screen.getByTestId('permission-share-content'));
    fireEvent.click(screen.getByTestId('permission-record-video'));
    await click(screen.getByTestId('permissions-save'));
    expect(session.tryRequest).toHaveBeenCalledWith({
      type: 'moderate',
      action: 'setPermissions',
      target: 'p2',
      permissions: { shareContent: true, recordAudio: false, recordVideo: true },
    });
  });

  it('mutes everyone, with or without the lock, and locks the room', async () => {
    const session = fakeSession();
    renderPanel(chair, session);
    await click(screen.getByTestId('chair-mute-all'));
    expect(session.tryRequest).toHaveBeenLastCalledWith({ type: 'moderate', action: 'muteAll', lock: false });
    fireEvent.click(screen.getByTestId('chair-mute-all-lock'));
    await click(screen.getByTestId('chair-mute-all'));
    expect(session.tryRequest).toHaveBeenLastCalledWith({ type: 'moderate', action: 'muteAll', lock: true });

    const lock = screen.getByTestId('chair-lock-room');
    expect(lock.getAttribute('aria-pressed')).toBe('false');
    await click(lock);
    expect(session.tryRequest).toHaveBeenLastCalledWith({ type: 'moderate', action: 'updateSettings', settings: { locked: true } });
  });

  it('shows a locked room as pressed and unlocks it', async () => {
    const session = fakeSession();
    renderPanel({ ...chair, settings: { ...settings, locked: true } }, session);
    const lock = screen.getByTestId('chair-lock-room');
    expect(lock.getAttribute('aria-pressed')).toBe('true');
    await click(lock);
    expect(session.tryRequest).toHaveBeenLastCalledWith({ type: 'moderate', action: 'updateSettings', settings: { locked: false } });
  });

  it('ends the meeting for everyone after a confirmation', async () => {
    const session = fakeSession();
    renderPanel(chair, session);
    fireEvent.click(screen.getByTestId('chair-end-meeting'));
    expect(screen.getByTestId('confirm-dialog').textContent).toContain('Kết thúc cuộc họp?');
    await click(screen.getByTestId('confirm-accept'));
    expect(session.tryRequest).toHaveBeenCalledWith({ type: 'moderate', action: 'end' });
  });

  it('saves only the room settings that changed, after checking them', async () => {
    const session = fakeSession();
    renderPanel(chair, session);
    fireEvent.click(screen.getByTestId('chair-room-settings'));
    const dialog = screen.getByTestId('room-settings-dialog');
    expect((screen.getByTestId('settings-title') as HTMLInputElement).value).toBe('Giao ban tuần');
    expect((screen.getByTestId('settings-guests') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByTestId('settings-share-content') as HTMLInputElement).checked).toBe(true);
    expect(within(dialog).queryByTestId('settings-password-remove')).toBeNull();

    fireEvent.change(screen.getByTestId('settings-max'), { target: { value: '1' } });
    await click(screen.getByTestId('settings-save'));
    expect(screen.getByTestId('settings-error').textContent).toBe('Số người tối đa phải là số nguyên từ 2 đến 1000.');
    expect(session.tryRequest).not.toHaveBeenCalled();

    fireEvent.change(screen.getByTestId('settings-max'), { target: { value: '30' } });
    fireEvent.change(screen.getByTestId('settings-title'), { target: { value: 'Họp giao ban quý' } });
    fireEvent.click(screen.getByTestId('settings-lobby'));
    fireEvent.click(screen.getByTestId('settings-share-content'));
    fireEvent.change(screen.getByTestId('settings-password'), { target: { value: 'mật khẩu' } });
    await click(screen.getByTestId('settings-save'));
    expect(session.tryRequest).toHaveBeenCalledWith({
      type: 'moderate',
      action: 'updateSettings',
      settings: { title: 'Họp giao ban quý', maxParticipants: 30, lobbyEnabled: true, mayShareContent: false, password: 'mật khẩu' },
    });
    expect(screen.queryByTestId('room-settings-dialog')).toBeNull();
  });

  it('removes the password, and translates a refused setting', async () => {
    const session = fakeSession('invalid_message');
    renderPanel({ ...chair, settings: { ...settings, passwordProtected: true } }, session);
    fireEvent.click(screen.getByTestId('chair-room-settings'));
    const remove = screen.getByTestId('settings-password-remove');
    fireEvent.click(remove);
    expect(remove.getAttribute('aria-pressed')).toBe('true');
    expect((screen.getByTestId('settings-password') as HTMLInputElement).disabled).toBe(true);
    await click(screen.getByTestId('settings-save'));
    expect(session.tryRequest).toHaveBeenCalledWith({ type: 'moderate', action: 'updateSettings', settings: { password: null } });
    expect(screen.getByTestId('settings-error').textContent).toBe('Cài đặt phòng không hợp lệ. Hãy kiểm tra lại các giá trị.');
    expect(screen.getByTestId('room-settings-dialog')).toBeTruthy();
  });

  it('lets people in from the lobby, or not', async () => {
    const session = fakeSession();
    const lobby: LobbyEntry[] = [
      { lobbyId: 'l1', displayName: 'Phạm Dũng', guest: true, since: new Date(2025, 0, 6, 8, 55).getTime() },
      { lobbyId: 'l2', displayName: 'Hoàng Em', guest: false, since: new Date(2025, 0, 6, 8, 58).getTime() },
    ];
    renderPanel({ ...chair, lobby }, session);
    const section = screen.getByTestId('lobby-section');
    expect(within(section).getByRole('heading').textContent).toBe('Đang chờ vào phòng (2)');
    const [first] = screen.getAllByTestId('lobby-entry');
    expect(first?.dataset['lobbyId']).toBe('l1');
    expect(first?.textContent).toContain('Khách');
    expect(first?.textContent).toContain('Chờ từ 08:55');
    await click(within(first as HTMLElement).getByTestId('lobby-admit'));
    expect(session.tryRequest).toHaveBeenLastCalledWith({ type: 'moderate', action: 'admit', target: 'l1' });
    await click(within(first as HTMLElement).getByTestId('lobby-reject'));
    expect(session.tryRequest).toHaveBeenLastCalledWith({ type: 'moderate', action: 'reject', target: 'l1' });
    session.tryRequest.mockClear();
    await click(screen.getByTestId('lobby-admit-all'));
    expect(session.tryRequest.mock.calls.map(([m]) => m)).toEqual([
      { type: 'moderate', action: 'admit', target: 'l1' },
      { type: 'moderate', action: 'admit', target: 'l2' },
    ]);
  });

  it('shows a refused admission', async () => {
    const session = fakeSession('room_full');
    renderPanel({ ...chair, lobby: [{ lobbyId: 'l1', displayName: 'D', guest: true, since: 0 }] }, session);
    await click(screen.getByTestId('lobby-admit'));
    expect(screen.getByTestId('people-error').textContent).toBe('Phòng họp đã đủ người.');
  });

  it('hides the lobby from participants and when nobody waits', () => {
    renderPanel({ lobby: [{ lobbyId: 'l1', displayName: 'D', guest: true, since: 0 }] });
    expect(screen.queryByTestId('lobby-section')).toBeNull();
  });

  it('A3: orders the display priority with up and down', async () => {
    const session = fakeSession();
    const { rerender } = renderPanel({ ...chair, priority: ['p3'] }, session);
    expect(within(row('p3')).getByTestId('people-priority').textContent).toBe('1');
    expect(within(row('p2')).queryByTestId('people-priority')).toBeNull();
    expect(screen.queryByTestId('priority-up')).toBeNull();

    const mode = screen.getByTestId('people-priority-mode');
    fireEvent.click(mode);
    expect(mode.getAttribute('aria-pressed')).toBe('true');
    // In the chair's order: p3, then the roster (p2, p4), then ourselves.
    expect(rows().map((r) => r.dataset['participantId'])).toEqual(['p3', 'p2', 'p4', 'p1']);
    expect((within(row('p3')).getByTestId('priority-up') as HTMLButtonElement).disabled).toBe(true);
    expect((within(row('p1')).getByTestId('priority-down') as HTMLButtonElement).disabled).toBe(true);
    await click(within(row('p4')).getByTestId('priority-up'));
    expect(session.tryRequest).toHaveBeenCalledWith({ type: 'moderate', action: 'setPriority', order: ['p3', 'p4', 'p2', 'p1'] });

    rerender({ priority: ['p3', 'p4', 'p2', 'p1'] });
    expect(rows().map((r) => within(r).getByTestId('people-priority').textContent)).toEqual(['1', '2', '3', '4']);
    await click(screen.getByTestId('people-priority-clear'));
    expect(session.tryRequest).toHaveBeenLastCalledWith({ type: 'moderate', action: 'setPriority', order: [] });
  });

  it('has a search box in large meetings', () => {
    const roster: Participant[] = ['An', 'Bình', 'Cúc', 'Dũng', 'Đức', 'Giang', 'Hà', 'Khánh'].map((name, i) => participant(`q${i}`, name));
    renderPanel({ roster });
    const search = screen.getByRole('searchbox', { name: 'Tìm người tham gia' });
    fireEvent.change(search, { target: { value: 'duc' } });
    expect(rows().map((r) => within(r).getByTestId('people-name').textContent)).toEqual(['Đức']);
    fireEvent.change(search, { target: { value: 'xyz' } });
    expect(screen.getByText('Không có ai khớp với “xyz”.')).toBeTruthy();
  });
});
