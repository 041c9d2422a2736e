// MeetingSession.tryRequest: the side panels' requests, whose refusals they show themselves.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SignalingClient } from '../../lib/signaling/client';
import { fakeSockets } from '../../test/fake-socket';
import { fakeCameraStream, FakeMediaStream, FakePeerConnection, fakePeerConnectionFactory } from '../../test/fake-webrtc';
import { joinedMessage } from '../../test/meeting-messages';
import { MeetingSession } from './meeting-session';

const flush = () => vi.advanceTimersByTimeAsync(0);

function setup() {
  const sockets = fakeSockets();
  const signaling = new SignalingClient({ url: 'wss://test/api/v1/ws', socketFactory: sockets.factory, random: () => 1 });
  const stream = fakeCameraStream();
  const session = new MeetingSession({
    roomId: '482915306',
    displayName: 'Nguyễn Văn A',
    signaling,
    acquireMedia: async () => ({ stream, video: 'ok', audio: 'ok' }),
    createPeerConnection: fakePeerConnectionFactory(),
  });
  return { session, sockets };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('MediaStream', FakeMediaStream);
  FakePeerConnection.instances.length = 0;
});

afterEach(() => {
  vi.useRealTimers();
});

describe('MeetingSession.tryRequest', () => {
  it('is refused before the join', async () => {
    const { session } = setup();
    expect(await session.tryRequest({ type: 'chat', text: 'x' })).toBe('not_joined');
  });

  it('resolves null when accepted and the error code when refused, without a session problem', async () => {
    const { session, sockets } = setup();
    session.start();
    const socket = sockets.latest();
    socket.open();
    socket.receive({ type: 'hello', protocol: 1, connectionId: 'c1', account: null });
    await flush();
    socket.reply('join', joinedMessage([], { role: 'chair' }));
    await flush();

    const sent = session.tryRequest({ type: 'moderate', action: 'muteAll', lock: true });
    expect(socket.last('moderate')).toMatchObject({ type: 'moderate', action: 'muteAll', lock: true });
    socket.reply('moderate', { type: 'ok' });
    expect(await sent).toBeNull();

    const chat = session.tryRequest({ type: 'chat', text: 'Xin chào' });
    socket.reply('chat', { type: 'error', code: 'chat_rate_limited', message: 'slow down' });
    expect(await chat).toBe('chat_rate_limited');
    expect(session.getSnapshot().problem).toBeNull();
    session.end();
  });
});
