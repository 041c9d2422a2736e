import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../lib/i18n/i18n';
import type { Language } from '../../lib/i18n/translate';
import type { ChatMessage, ModeratedMessage } from '../../lib/signaling/messages';
import { participant } from '../../test/meeting-messages';
import { INITIAL_LOCAL_MEDIA, type LocalMediaState } from './local-media';
import { INITIAL_SNAPSHOT, type MeetingSnapshot } from './meeting-session';
import type { SidePanelName } from './side-panel-name';
import { Toolbar, type ToolbarSession } from './Toolbar';
import { MODERATION_NOTICE_MS } from './use-moderation-notices';

const LOCAL: LocalMediaState = {
  ...INITIAL_LOCAL_MEDIA,
  microphone: true,
  camera: true,
  microphoneInUse: 'mic-1',
  cameraInUse: 'cam-1',
  canShareScreen: true,
  devices: {
    microphones: [
      { deviceId: 'mic-1', label: 'Micrô tích hợp' },
      { deviceId: 'mic-2', label: '' },
    ],
    cameras: [
      { deviceId: 'cam-1', label: 'Camera tích hợp' },
      { deviceId: 'cam-2', label: 'Camera USB' },
    ],
    speakers: [
      { deviceId: 'spk-1', label: 'Loa tích hợp' },
      { deviceId: 'spk-2', label: 'Tai nghe USB' },
    ],
  },
};

/** The snapshot of a session just made (never started), joined as p1 with p2, then `patch`. */
function snapshotWith(patch: Partial<Omit<MeetingSnapshot, 'local'>> & { local?: Partial<LocalMediaState> } = {}): MeetingSnapshot {
  return {
    ...INITIAL_SNAPSHOT,
    connection: 'connected',
    joined: true,
    participantId: 'p1',
    role: 'participant',
    permissions: { shareContent: true, recordAudio: false, recordVideo: false },
    roster: [participant('p2', 'Trần Thị B')],
    ...patch,
    local: { ...LOCAL, ...patch.local },
  };
}

function fakeSession(): ToolbarSession & { [K in keyof ToolbarSession]: ReturnType<typeof vi.fn> } {
  return {
    setMicrophone: vi.fn(async () => true),
    setCamera: vi.fn(async () => true),
    switchDevice: vi.fn(async () => true),
    setSpeaker: vi.fn(),
    startScreenShare: vi.fn(async () => true),
    stopScreenShare: vi.fn(async () => true),
    raiseHand: vi.fn(async () => true),
  };
}

function Harness({
  session,
  snapshot,
  leaving = false,
  onLeave = () => undefined,
}: {
  session: ToolbarSession;
  snapshot: MeetingSnapshot;
  leaving?: boolean;
  onLeave?: () => void;
}) {
  const [panel, setPanel] = useState<SidePanelName | null>(null);
  return (
    <>
      <input aria-label="typing here" />
      <Toolbar session={session} snapshot={snapshot} panel={panel} onPanelChange={setPanel} leaving={leaving} onLeave={onLeave} />
      <output data-testid="panel">{panel ?? 'none'}</output>
    </>
  );
}

function show(session: ToolbarSession, snapshot: MeetingSnapshot, lang: Language = 'vi', extra: { leaving?: boolean; onLeave?: () => void } = {}) {
  const ui = (next: MeetingSnapshot) => (
    <I18nProvider initial={lang}>
      <Harness session={session} snapshot={next} {...extra} />
    </I18nProvider>
  );
  const result = render(ui(snapshot));
  return { ...result, update: (next: MeetingSnapshot) => result.rerender(ui(next)) };
}

function chat(id: string, from: string): ChatMessage {
  return { id, participantId: from, displayName: from, text: 'Xin chào', sentAt: 0 };
}

function moderated(action: string, locked?: boolean): ModeratedMessage {
  return { type: 'moderated', action, by: 'Chủ trì', ...(locked === undefined ? {} : { locked }) };
}

function key(keyName: string, target: Element = document.body, init: KeyboardEventInit = {}) {
  fireEvent.keyDown(target, { key: keyName, code: keyName.length === 1 ? `Key${keyName.toUpperCase()}` : keyName, ...init });
}

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('Toolbar: own media', () => {
  it('names each toggle by its action and key, with aria-pressed for its state', () => {
    const session = fakeSession();
    show(session, snapshotWith());
    const toolbar = screen.getByTestId('meeting-toolbar');
    expect(toolbar.getAttribute('aria-label')).toBe('Điều khiển cuộc họp');
    const microphone = screen.getByTestId('toolbar-microphone');
    expect(microphone.getAttribute('aria-label')).toBe('Tắt micrô (M)');
    expect(microphone.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('toolbar-camera').getAttribute('aria-label')).toBe('Tắt camera (V)');
    expect(screen.getByTestId('toolbar-screen').getAttribute('aria-label')).toBe('Chia sẻ màn hình (D)');
    expect(screen.getByTestId('toolbar-screen').getAttribute('aria-pressed')).toBe('false');
    expect(screen.getByTestId('toolbar-hand').getAttribute('aria-label')).toBe('Giơ tay (R)');

    fireEvent.click(microphone);
    fireEvent.click(screen.getByTestId('toolbar-camera'));
    fireEvent.click(screen.getByTestId('toolbar-screen'));
    fireEvent.click(screen.getByTestId('toolbar-hand'));
    expect(session.setMicrophone).toHaveBeenCalledWith(false);
    expect(session.setCamera).toHaveBeenCalledWith(false);
    expect(session.startScreenShare).toHaveBeenCalledTimes(1);
    expect(session.raiseHand).toHaveBeenCalledWith(true);
  });

  it('shows what is off, shared or raised', () => {
    const session = fakeSession();
    show(
      session,
      snapshotWith({ local: { microphone: false, camera: false, screen: true }, self: participant('p1', 'Nguyễn Văn A', { handRaised: true }) }),
      'en',
    );
    expect(screen.getByTestId('toolbar-microphone').getAttribute('aria-label')).toBe('Turn on microphone (M)');
    expect(screen.getByTestId('toolbar-microphone').getAttribute('aria-pressed')).toBe('false');
    expect(screen.getByTestId('toolbar-camera').getAttribute('aria-pressed')).toBe('false');
    const share = screen.getByTestId('toolbar-screen');
    expect(share.getAttribute('aria-pressed')).toBe('true');
    expect(share.getAttribute('aria-label')).toBe('Stop sharing (D)');
    expect(screen.getByText('You are sharing your screen with everyone.')).toBeTruthy();
    expect(screen.getByTestId('toolbar-hand').getAttribute('aria-pressed')).toBe('true');

    fireEvent.click(share);
    fireEvent.click(screen.getByTestId('toolbar-hand'));
    expect(session.stopScreenShare).toHaveBeenCalledTimes(1);
    expect(session.raiseHand).toHaveBeenCalledWith(false);
  });

  it('disables the microphone under a chair’s lock and says why', () => {
    const session = fakeSession();
    show(session, snapshotWith({ microphoneLocked: true, local: { microphone: false } }));
    const microphone = screen.getByTestId('toolbar-microphone') as HTMLButtonElement;
    expect(microphone.disabled).toBe(true);
    const notice = screen.getByTestId('microphone-locked-notice');
    expect(notice.textContent).toContain('Người chủ trì đã tắt micrô của mọi người');
    expect(microphone.getAttribute('aria-describedby')).toBe(notice.id);
    key('m');
    expect(session.setMicrophone).not.toHaveBeenCalled();
  });

  it('disables sharing without the permission, and hides it where the browser cannot share', () => {
    const session = fakeSession();
    const { update } = show(session, snapshotWith({ permissions: { shareContent: false, recordAudio: false, recordVideo: false } }));
    const share = screen.getByTestId('toolbar-screen') as HTMLButtonElement;
    expect(share.disabled).toBe(true);
    expect(document.getElementById(share.getAttribute('aria-describedby') ?? '')?.textContent).toBe('Người chủ trì chưa cho phép bạn chia sẻ màn hình.');
    key('d');
    expect(session.startScreenShare).not.toHaveBeenCalled();

    update(snapshotWith({ local: { canShareScreen: false } }));
    expect(screen.queryByTestId('toolbar-screen')).toBeNull();
  });
});

describe('Toolbar: device menus', () => {
  it('lists the microphones and speakers with the one in use checked, and switches', async () => {
    const session = fakeSession();
    show(session, snapshotWith({ local: { canChooseSpeaker: true, speakerId: 'spk-2' } }));
    const button = screen.getByTestId('toolbar-microphone-menu');
    expect(button.getAttribute('aria-label')).toBe('Chọn micrô và loa');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const menu = screen.getByRole('menu', { name: 'Chọn micrô và loa' });
    const options = within(menu).getAllByTestId('device-option');
    expect(options.map((o) => [o.dataset['kind'], o.dataset['deviceId'], o.getAttribute('aria-checked'), o.textContent])).toEqual([
      ['audioinput', 'mic-1', 'true', 'Micrô tích hợp'],
      ['audioinput', 'mic-2', 'false', 'Micrô 2'],
      ['audiooutput', 'spk-1', 'false', 'Loa tích hợp'],
      ['audiooutput', 'spk-2', 'true', 'Tai nghe USB'],
    ]);
    // Focus on the checked item; the arrows move.
    expect(document.activeElement).toBe(options[0]);
    fireEvent.keyDown(menu, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(options[1]);
    fireEvent.keyDown(menu, { key: 'End' });
    expect(document.activeElement).toBe(options[3]);

    fireEvent.click(options[1] as HTMLElement);
    expect(session.switchDevice).toHaveBeenCalledWith('audioinput', 'mic-2');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);

    fireEvent.click(button);
    fireEvent.click(within(screen.getByRole('menu')).getAllByTestId('device-option')[2] as HTMLElement);
    expect(session.setSpeaker).toHaveBeenCalledWith('spk-1');
  });

  it('hides the speakers where the output cannot be chosen; Escape closes and gives focus back', () => {
    const session = fakeSession();
    show(session, snapshotWith());
    const button = screen.getByTestId('toolbar-camera-menu');
    fireEvent.keyDown(button, { key: 'ArrowUp' });
    const menu = screen.getByRole('menu', { name: 'Chọn camera' });
    expect(within(menu).getAllByTestId('device-option').map((o) => o.dataset['kind'])).toEqual(['videoinput', 'videoinput']);
    fireEvent.keyDown(menu, { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);

    fireEvent.click(screen.getByTestId('toolbar-microphone-menu'));
    expect(within(screen.getByRole('menu')).getAllByTestId('device-option').every((o) => o.dataset['kind'] === 'audioinput')).toBe(true);
    // A click elsewhere closes it.
    fireEvent.pointerDown(document.body);
    expect(screen.queryByRole('menu')).toBeNull();
  });
});

describe('Toolbar: panels, badges, leave', () => {
  it('opens and closes the chat and the participant list, counting unread messages from others', () => {
    const session = fakeSession();
    const { update } = show(session, snapshotWith({ chat: [chat('c1', 'p2')] }));
    // The history from `joined` counts as read.
    expect(screen.queryByTestId('toolbar-chat-unread')).toBeNull();
    update(snapshotWith({ chat: [chat('c1', 'p2'), chat('c2', 'p2'), chat('c3', 'p1'), chat('c4', 'p2')] }));
    expect(screen.getByTestId('toolbar-chat-unread').textContent).toBe('2');
    expect(screen.getByTestId('toolbar-chat').getAttribute('aria-label')).toBe('Trò chuyện — 2 tin nhắn chưa đọc (C)');

    fireEvent.click(screen.getByTestId('toolbar-chat'));
    expect(screen.getByTestId('panel').textContent).toBe('chat');
    expect(screen.getByTestId('toolbar-chat').getAttribute('aria-pressed')).toBe('true');
    expect(screen.queryByTestId('toolbar-chat-unread')).toBeNull();

    fireEvent.click(screen.getByTestId('toolbar-people'));
    expect(screen.getByTestId('panel').textContent).toBe('people');
    expect(screen.getByTestId('toolbar-people').getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('toolbar-chat').getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(screen.getByTestId('toolbar-people'));
    expect(screen.getByTestId('panel').textContent).toBe('none');
  });

  it('counts the participants, and for chairs who waits in the lobby', () => {
    const lobby = [{ lobbyId: 'l1', displayName: 'Khách', guest: true, since: 0 }];
    const { update } = show(fakeSession(), snapshotWith({ lobby }));
    const people = screen.getByTestId('toolbar-people');
    expect(people.getAttribute('aria-label')).toBe('Người tham gia — 2 người tham gia (P)');
    expect(screen.queryByTestId('toolbar-lobby-count')).toBeNull();

    update(snapshotWith({ role: 'chair', lobby }));
    expect(screen.getByTestId('toolbar-lobby-count').textContent).toBe('1');
    expect(people.getAttribute('aria-label')).toBe('Người tham gia — 2 người tham gia — 1 người đang chờ vào phòng (P)');
  });

  it('leaves with the red button, which waits while leaving', () => {
    const onLeave = vi.fn();
    const { unmount } = show(fakeSession(), snapshotWith(), 'vi', { onLeave });
    const leave = screen.getByTestId('meeting-leave') as HTMLButtonElement;
    expect(leave.textContent).toBe('Rời phòng');
    fireEvent.click(leave);
    expect(onLeave).toHaveBeenCalledTimes(1);
    unmount();

    show(fakeSession(), snapshotWith(), 'vi', { leaving: true });
    const leaving = screen.getByTestId('meeting-leave') as HTMLButtonElement;
    expect(leaving.disabled).toBe(true);
    expect(leaving.textContent).toBe('Đang rời phòng…');
  });
});

describe('Toolbar: keyboard shortcuts', () => {
  it('runs the single-key shortcuts, except while typing', () => {
    const session = fakeSession();
    show(session, snapshotWith({ local: { microphone: false } }));
    key('m');
    key('v');
    key('d');
    key('r');
    expect(session.setMicrophone).toHaveBeenCalledWith(true);
    expect(session.setCamera).toHaveBeenCalledWith(false);
    expect(session.startScreenShare).toHaveBeenCalledTimes(1);
    expect(session.raiseHand).toHaveBeenCalledWith(true);
    key('c');
    expect(screen.getByTestId('panel').textContent).toBe('chat');
    key('p');
    expect(screen.getByTestId('panel').textContent).toBe('people');

    const input = screen.getByLabelText('typing here');
    key('m', input);
    key('m', document.body, { ctrlKey: true });
    expect(session.setMicrophone).toHaveBeenCalledTimes(1);
  });

  it('lists the shortcuts in a modal dialog that Escape closes, giving focus back', () => {
    show(fakeSession(), snapshotWith());
    const opener = screen.getByTestId('toolbar-shortcuts');
    opener.focus();
    key('?', opener, { shiftKey: true, code: 'Slash' });
    const dialog = screen.getByTestId('shortcuts-dialog');
    expect(dialog.getAttribute('role')).toBe('dialog');
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(screen.getByRole('dialog', { name: 'Phím tắt' })).toBe(dialog);
    expect(within(dialog).getAllByRole('row').slice(1).map((row) => row.querySelector('kbd')?.textContent)).toEqual(['M', 'V', 'D', 'R', 'C', 'P', 'W', '?']);
    expect(dialog.textContent).toContain('Đổi bố cục hiển thị');
    const close = within(dialog).getByRole('button', { name: 'Đóng' });
    expect(document.activeElement).toBe(close);
    // Focus stays inside.
    fireEvent.keyDown(close, { key: 'Tab' });
    expect(document.activeElement).toBe(close);

    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByTestId('shortcuts-dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);

    fireEvent.click(opener);
    expect(screen.getByTestId('shortcuts-dialog')).toBeTruthy();
    fireEvent.click(within(screen.getByTestId('shortcuts-dialog')).getByRole('button', { name: 'Đóng' }));
    expect(screen.queryByTestId('shortcuts-dialog')).toBeNull();
  });
});

describe('Toolbar: a chair’s actions on us', () => {
  it('says briefly that a chair muted us', async () => {
    const { update } = show(fakeSession(), snapshotWith());
    expect(screen.queryByTestId('moderation-notice')).toBeNull();
    update(snapshotWith({ moderation: moderated('mute'), local: { microphone: false } }));
    const notice = screen.getByTestId('moderation-notice');
    expect(notice.dataset['action']).toBe('mute');
    expect(notice.textContent).toContain('Người chủ trì đã tắt micrô của bạn.');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(MODERATION_NOTICE_MS);
    });
    expect(screen.queryByTestId('moderation-notice')).toBeNull();

    update(snapshotWith({ moderation: moderated('stopCamera'), local: { camera: false } }));
    expect(screen.getByTestId('moderation-notice').dataset['action']).toBe('stopCamera');
    fireEvent.click(within(screen.getByTestId('moderation-notice')).getByRole('button', { name: 'Đóng thông báo' }));
    expect(screen.queryByTestId('moderation-notice')).toBeNull();
  });

  it('asks politely to unmute and never unmutes by itself', () => {
    const session = fakeSession();
    const { update } = show(session, snapshotWith({ local: { microphone: false } }));
    update(snapshotWith({ moderation: moderated('askUnmute'), local: { microphone: false } }));
    const prompt = screen.getByTestId('ask-unmute-prompt');
    expect(prompt.textContent).toContain('Người chủ trì đề nghị bạn bật micrô');
    expect(session.setMicrophone).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('ask-unmute-accept'));
    expect(session.setMicrophone).toHaveBeenCalledWith(true);
    expect(screen.queryByTestId('ask-unmute-prompt')).toBeNull();
  });

  it('does not tell a chair that everyone was muted', () => {
    const { update } = show(fakeSession(), snapshotWith({ role: 'chair' }));
    update(snapshotWith({ role: 'chair', moderation: moderated('muteAll', true) }));
    expect(screen.queryByTestId('moderation-notice')).toBeNull();
  });
});
