import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/App';
import { errorReply, installFakeApi } from '../../test/fake-api';
import { FakeMediaStream, FakeMediaStreamTrack, FakePeerConnection, FakeWebSocket, subscribeSdp } from '../../test/fake-webrtc';
import { joinedMessage, participant } from '../../test/meeting-messages';
import { renderWithProviders } from '../../test/render';
import { DISPLAY_NAME_STORAGE_KEY } from './display-name';

const anonymous = { 'GET /api/v1/auth/session': errorReply(401, 'unauthenticated') };

let getUserMedia: ReturnType<typeof vi.fn<(constraints: MediaStreamConstraints) => Promise<MediaStream>>>;

beforeEach(() => {
  FakeWebSocket.instances.length = 0;
  FakePeerConnection.instances.length = 0;
  vi.stubGlobal('WebSocket', FakeWebSocket);
  vi.stubGlobal('RTCPeerConnection', FakePeerConnection);
  vi.stubGlobal('MediaStream', FakeMediaStream);
  getUserMedia = vi.fn(
    async () => new FakeMediaStream([new FakeMediaStreamTrack('video'), new FakeMediaStreamTrack('audio')]) as unknown as MediaStream,
  );
  Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: { getUserMedia } });
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
  window.history.replaceState(null, '', '/r/482915306');
  installFakeApi(anonymous);
});

afterEach(() => {
  Reflect.deleteProperty(navigator, 'mediaDevices');
});

async function joinAs(name: string): Promise<FakeWebSocket> {
  const input = await screen.findByTestId('meeting-name-input');
  fireEvent.change(input, { target: { value: name } });
  const before = FakeWebSocket.instances.length;
  fireEvent.click(screen.getByTestId('meeting-join'));
  await waitFor(() => expect(FakeWebSocket.instances).toHaveLength(before + 1));
  const socket = FakeWebSocket.latest();
  act(() => socket.open());
  await waitFor(() => expect(socket.last('join')).toBeDefined());
  return socket;
}

function status(): HTMLElement {
  return screen.getByTestId('meeting-status');
}

describe('meeting page: before joining', () => {
  it('shows the room code and the remembered display name', async () => {
    window.localStorage.setItem(DISPLAY_NAME_STORAGE_KEY, 'Nguyễn Văn A');
    renderWithProviders(<App />);
    expect((await screen.findByTestId('room-id')).textContent).toBe('482 915 306');
    expect((screen.getByTestId('meeting-name-input') as HTMLInputElement).value).toBe('Nguyễn Văn A');
    expect(screen.getByLabelText('Tên hiển thị')).toBe(screen.getByTestId('meeting-name-input'));
  });

  it('asks for a name before joining', async () => {
    renderWithProviders(<App />, 'en');
    fireEvent.click(await screen.findByTestId('meeting-join'));
    expect(screen.getByTestId('meeting-name-error').textContent).toBe('Enter a display name.');
    expect(FakeWebSocket.instances).toHaveLength(0);
  });
});

describe('meeting page: in the meeting', () => {
  it('connects, joins, shows remote tiles with their video, the speaker, and leaves', async () => {
    renderWithProviders(<App />);
    const socket = await joinAs('  Nguyễn Văn A ');
    expect(socket.url).toBe(`ws://${window.location.host}/api/v1/ws`);
    expect(socket.last('join')).toEqual({ type: 'join', roomId: '482915306', displayName: 'Nguyễn Văn A', requestId: expect.any(Number) });
    expect(window.localStorage.getItem(DISPLAY_NAME_STORAGE_KEY)).toBe('Nguyễn Văn A');
    expect(status().dataset['status']).toBe('connecting');
    expect(status().textContent).toBe('Đang kết nối…');

    act(() => socket.reply('join', joinedMessage([participant('p2', 'Trần Thị B')], { resumeToken: 'secret-token' })));
    await waitFor(() => expect(status().dataset['status']).toBe('connected'));
    expect(status().textContent).toBe('Đã kết nối');

    // A participant without video: a tile with the name, no data-mid.
    const first = await screen.findByTestId('remote-tile');
    expect(first.dataset['participantId']).toBe('p2');
    expect(first.hasAttribute('data-mid')).toBe(false);
    expect(first.textContent).toContain('Trần Thị B');

    // Camera and microphone were asked for with the join click; the self-view shows.
    expect(getUserMedia).toHaveBeenCalledTimes(1);
    expect(await screen.findByTestId('self-view')).toBeTruthy();
    await waitFor(() => expect(socket.last('publish')).toBeDefined());

    act(() =>
      socket.receive({
        type: 'subscribeOffer',
        sdp: subscribeSdp([
          ['0', 'audio'],
          ['1', 'video'],
        ]),
        version: 1,
        tracks: [
          { mid: '0', participantId: 'p2', kind: 'audio' },
          { mid: '1', participantId: 'p2', kind: 'video' },
        ],
      }),
    );
    await waitFor(() => expect(screen.getByTestId('remote-tile').dataset['mid']).toBe('1'));
    expect(socket.last('subscribeAnswer')?.['version']).toBe(1);
    expect(screen.getByTestId('remote-tile').querySelector('video')).not.toBeNull();
    expect(document.querySelectorAll('audio')).toHaveLength(1);

    act(() => socket.receive({ type: 'dominantSpeaker', participantId: 'p2' }));
    expect(screen.getByTestId('remote-tile').dataset['speaking']).toBe('true');

    act(() => socket.receive({ type: 'participantJoined', participant: participant('p3', 'Lê Văn C') }));
    expect(screen.getAllByTestId('remote-tile').map((tile) => tile.dataset['participantId'])).toEqual(['p2', 'p3']);
    act(() => socket.receive({ type: 'participantUpdated', participant: participant('p3', 'Lê Văn Cường', { handRaised: true }) }));
    expect(screen.getAllByTestId('remote-tile')[1]?.textContent).toContain('Lê Văn Cường');
    act(() => socket.receive({ type: 'participantLeft', participantId: 'p3' }));
    expect(screen.getAllByTestId('remote-tile').map((tile) => tile.dataset['participantId'])).toEqual(['p2']);
    expect(screen.getByTestId('room-id').textContent).toBe('482 915 306');

    expect(window.__dienhong?.participantId).toBe('p1');
    expect(window.__dienhong?.roomId).toBe('482915306');
    expect(window.__dienhong?.subscribePc).toBe(FakePeerConnection.instances[0]);
    expect(window.__dienhong?.publishPc).toBe(FakePeerConnection.instances[1]);

    fireEvent.click(screen.getByTestId('meeting-leave'));
    await waitFor(() => expect(socket.last('leave')).toBeDefined());
    act(() => socket.reply('leave', { type: 'left' }));
    await waitFor(() => expect(window.location.pathname).toBe('/'));
    expect(FakePeerConnection.instances.every((pc) => pc.closed)).toBe(true);
    expect(window.__dienhong).toBeUndefined();
  });

  it('joins to watch and says why when the camera and microphone are refused', async () => {
    getUserMedia.mockRejectedValue(new DOMException('no', 'NotAllowedError'));
    renderWithProviders(<App />, 'en');
    const socket = await joinAs('A');
    act(() => socket.reply('join', joinedMessage()));
    const notice = await screen.findByTestId('meeting-media-notice');
    expect(notice.textContent).toContain('Camera access was refused');
    expect(notice.textContent).toContain('Microphone access was refused');
    expect(notice.textContent).toContain('You are still in the room to watch and listen');
    expect(status().dataset['status']).toBe('connected');
    expect(screen.getByTestId('meeting-empty')).toBeTruthy();
    expect(screen.queryByTestId('self-view')).toBeNull();
  });

  it('shows a refused join as the translation of its code, never the server text', async () => {
    renderWithProviders(<App />);
    const socket = await joinAs('A');
    act(() => socket.reply('join', { type: 'error', code: 'room_full', message: 'Room 482915306 is full (50)' }));
    expect((await screen.findByTestId('meeting-error')).textContent).toBe('Phòng họp đã đủ người.');
    expect(document.body.textContent).not.toContain('is full (50)');
    expect(status().dataset['status']).toBe('failed');

    // Back to the form, name kept, for another try.
    fireEvent.click(screen.getByTestId('meeting-rejoin'));
    expect((await screen.findByTestId('meeting-name-input') as HTMLInputElement).value).toBe('A');
    await joinAs('A');
    expect(FakeWebSocket.instances).toHaveLength(2);
  });

  it('says it is reconnecting after a drop', async () => {
    renderWithProviders(<App />, 'en');
    const socket = await joinAs('A');
    act(() => socket.reply('join', joinedMessage()));
    await waitFor(() => expect(status().dataset['status']).toBe('connected'));
    act(() => socket.drop());
    expect(status().dataset['status']).toBe('reconnecting');
    expect(status().textContent).toBe('Connection lost, reconnecting…');
  });
});

describe('meeting page: who may enter', () => {
  it('joins with the invitation token of the link', async () => {
    window.history.replaceState(null, '', '/r/482-915-306?t=inv_Token-1');
    renderWithProviders(<App />);
    await waitFor(() => expect(window.location.pathname + window.location.search).toBe('/r/482915306?t=inv_Token-1'));
    const socket = await joinAs('A');
    expect(socket.last('join')).toEqual({
      type: 'join',
      roomId: '482915306',
      displayName: 'A',
      inviteToken: 'inv_Token-1',
      requestId: expect.any(Number),
    });
  });

  it('asks for the room password when the server wants one, and joins again with it', async () => {
    renderWithProviders(<App />);
    const first = await joinAs('A');
    expect(screen.queryByTestId('meeting-password-input')).toBeNull();
    act(() => first.reply('join', { type: 'error', code: 'password_required', message: 'needs a password' }));

    // Back on the pre-join screen, name kept, with the password field and why.
    const password = (await screen.findByTestId('meeting-password-input')) as HTMLInputElement;
    expect(password.type).toBe('password');
    expect(screen.getByLabelText('Mật khẩu phòng họp')).toBe(password);
    expect(screen.getByTestId('meeting-password-error').textContent).toBe('Phòng họp này cần mật khẩu. Hãy nhập mật khẩu để tham gia.');
    expect((screen.getByTestId('meeting-name-input') as HTMLInputElement).value).toBe('A');
    expect(screen.queryByTestId('meeting-status')).toBeNull();

    // Not without a password.
    fireEvent.click(screen.getByTestId('meeting-join'));
    expect(screen.getByTestId('meeting-password-error').textContent).toBe('Hãy nhập mật khẩu phòng họp.');
    expect(FakeWebSocket.instances).toHaveLength(1);

    fireEvent.change(password, { target: { value: 'sai-mat-khau' } });
    const second = await joinAs('A');
    expect(second.last('join')).toMatchObject({ roomId: '482915306', displayName: 'A', password: 'sai-mat-khau' });
    act(() => second.reply('join', { type: 'error', code: 'wrong_password', message: 'wrong' }));
    expect((await screen.findByTestId('meeting-password-error')).textContent).toBe('Mật khẩu phòng họp không đúng.');
    expect((screen.getByTestId('meeting-password-input') as HTMLInputElement).value).toBe('');

    fireEvent.change(screen.getByTestId('meeting-password-input'), { target: { value: 'dung-roi' } });
    const third = await joinAs('A');
    expect(third.last('join')).toMatchObject({ password: 'dung-roi' });
    act(() => third.reply('join', joinedMessage()));
    await waitFor(() => expect(status().dataset['status']).toBe('connected'));
  });

  it('waits in the lobby, can leave from there, and enters when a chair lets it in', async () => {
    renderWithProviders(<App />, 'en');
    const socket = await joinAs('A');
    act(() => socket.reply('join', { type: 'lobbyWaiting', roomId: '482915306', title: 'Weekly briefing' }));
    const waiting = await screen.findByTestId('meeting-lobby-waiting');
    expect(waiting.textContent).toContain('Waiting for a chair to let you in…');
    expect(waiting.textContent).toContain('Weekly briefing');
    expect(status().dataset['status']).toBe('waiting');
    expect(screen.getByTestId('room-id').textContent).toBe('482 915 306');
    expect(screen.getByTestId('meeting-leave')).toBeTruthy();
    expect(socket.last('publish')).toBeUndefined();

    // Let in: `joined` without a requestId.
    act(() => socket.receive(joinedMessage([participant('p2', 'Trần Thị B')])));
    await waitFor(() => expect(status().dataset['status']).toBe('connected'));
    expect(screen.queryByTestId('meeting-lobby-waiting')).toBeNull();
    expect((await screen.findByTestId('remote-tile')).dataset['participantId']).toBe('p2');
    await waitFor(() => expect(socket.last('publish')).toBeDefined());
  });

  it('leaves the lobby with `leave`', async () => {
    renderWithProviders(<App />);
    const socket = await joinAs('A');
    act(() => socket.reply('join', { type: 'lobbyWaiting', roomId: '482915306', title: 'Giao ban' }));
    await screen.findByTestId('meeting-lobby-waiting');
    expect(screen.getByTestId('meeting-lobby-waiting').textContent).toContain('Đang chờ người chủ trì cho vào…');
    fireEvent.click(screen.getByTestId('meeting-leave'));
    await waitFor(() => expect(socket.last('leave')).toBeDefined());
    act(() => socket.reply('leave', { type: 'left' }));
    await waitFor(() => expect(window.location.pathname).toBe('/'));
  });

  it('says so when a chair refuses entry from the lobby', async () => {
    renderWithProviders(<App />);
    const socket = await joinAs('A');
    act(() => socket.reply('join', { type: 'lobbyWaiting', roomId: '482915306', title: 'Giao ban' }));
    await screen.findByTestId('meeting-lobby-waiting');
    act(() => socket.receive({ type: 'lobbyRejected' }));
    expect((await screen.findByTestId('meeting-error')).textContent).toBe('Người chủ trì đã không cho bạn vào phòng họp.');
    expect(status().dataset['status']).toBe('failed');
  });

  it.each([
    ['removed', 'Người chủ trì đã mời bạn ra khỏi cuộc họp.'],
    ['banned', 'Người chủ trì đã mời bạn ra khỏi cuộc họp và không cho phép bạn tham gia lại.'],
    ['ended', 'Cuộc họp đã kết thúc.'],
  ])('says why it ended on `removed` (%s)', async (reason, text) => {
    renderWithProviders(<App />);
    const socket = await joinAs('A');
    act(() => socket.reply('join', joinedMessage()));
    await waitFor(() => expect(status().dataset['status']).toBe('connected'));
    act(() => socket.receive({ type: 'removed', reason }));
    expect((await screen.findByTestId('meeting-error')).textContent).toBe(text);
    expect(status().dataset['status']).toBe('failed');
  });

  it('says so when the room admits only signed-in users', async () => {
    renderWithProviders(<App />, 'en');
    const socket = await joinAs('A');
    act(() => socket.reply('join', { type: 'error', code: 'sign_in_required', message: 'guests not allowed' }));
    expect((await screen.findByTestId('meeting-error')).textContent).toBe('This room admits only signed-in users. Sign in, then join again.');
  });

  it('says so when the room does not exist', async () => {
    renderWithProviders(<App />);
    const socket = await joinAs('A');
    act(() => socket.reply('join', { type: 'error', code: 'room_not_found', message: 'No room' }));
    expect((await screen.findByTestId('meeting-error')).textContent).toBe('Không có phòng họp nào mang mã này. Hãy kiểm tra lại mã phòng.');
  });

  it("fills the form again with the account's name from `hello` when none was remembered", async () => {
    renderWithProviders(<App />);
    const socket = await joinAs('A');
    window.localStorage.removeItem(DISPLAY_NAME_STORAGE_KEY);
    act(() => socket.receive({ type: 'hello', protocol: 1, connectionId: 'c1', account: { displayName: 'Nguyễn Văn A' } }));
    act(() => socket.reply('join', { type: 'error', code: 'room_full', message: 'full' }));
    fireEvent.click(await screen.findByTestId('meeting-rejoin'));
    expect(((await screen.findByTestId('meeting-name-input')) as HTMLInputElement).value).toBe('Nguyễn Văn A');
  });
});
