import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/App';
import { errorReply, installFakeApi } from '../../test/fake-api';
import { FakeMediaStream, FakeMediaStreamTrack, FakePeerConnection, FakeWebSocket, subscribeSdp } from '../../test/fake-webrtc';
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
  window.history.replaceState(null, '', '/r/giao-ban');
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
  it('shows the room ID and the remembered display name', async () => {
    window.localStorage.setItem(DISPLAY_NAME_STORAGE_KEY, 'Nguyễn Văn A');
    renderWithProviders(<App />);
    expect((await screen.findByTestId('room-id')).textContent).toBe('giao-ban');
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
    expect(socket.last('join')).toMatchObject({ roomId: 'giao-ban', displayName: 'Nguyễn Văn A' });
    expect(window.localStorage.getItem(DISPLAY_NAME_STORAGE_KEY)).toBe('Nguyễn Văn A');
    expect(status().dataset['status']).toBe('connecting');
    expect(status().textContent).toBe('Đang kết nối…');

    act(() =>
      socket.reply('join', {
        type: 'joined',
        roomId: 'giao-ban',
        participantId: 'p1',
        resumeToken: 'secret-token',
        participants: [{ participantId: 'p2', displayName: 'Trần Thị B' }],
      }),
    );
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

    act(() => socket.receive({ type: 'participantJoined', participantId: 'p3', displayName: 'Lê Văn C' }));
    expect(screen.getAllByTestId('remote-tile').map((tile) => tile.dataset['participantId'])).toEqual(['p2', 'p3']);

    expect(window.__dienhong?.participantId).toBe('p1');
    expect(window.__dienhong?.roomId).toBe('giao-ban');
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
    act(() => socket.reply('join', { type: 'joined', roomId: 'giao-ban', participantId: 'p1', resumeToken: 't', participants: [] }));
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
    act(() => socket.reply('join', { type: 'error', code: 'room_full', message: 'Room giao-ban is full (50)' }));
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
    act(() => socket.reply('join', { type: 'joined', roomId: 'giao-ban', participantId: 'p1', resumeToken: 't', participants: [] }));
    await waitFor(() => expect(status().dataset['status']).toBe('connected'));
    act(() => socket.drop());
    expect(status().dataset['status']).toBe('reconnecting');
    expect(status().textContent).toBe('Connection lost, reconnecting…');
  });
});
