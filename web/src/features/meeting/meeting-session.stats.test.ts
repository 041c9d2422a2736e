import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SignalingClient } from '../../lib/signaling/client';
import { fakeSockets } from '../../test/fake-socket';
import { fakeCameraStream, FakeMediaStream, FakePeerConnection } from '../../test/fake-webrtc';
import { joinedMessage } from '../../test/meeting-messages';
import { MeetingSession } from './meeting-session';

const flush = () => vi.advanceTimersByTimeAsync(0);

/** Fake connections that answer getStats with a report naming the connection. */
function statsFactory(): (config: RTCConfiguration) => RTCPeerConnection {
  return (config) => {
    const pc = new FakePeerConnection(config);
    const index = FakePeerConnection.instances.length - 1;
    Object.assign(pc, { getStats: async () => new Map([['pc', { id: 'pc', index }]]) });
    return pc as unknown as RTCPeerConnection;
  };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('MediaStream', FakeMediaStream);
  FakePeerConnection.instances.length = 0;
});

afterEach(() => {
  vi.useRealTimers();
});

function setup(createPeerConnection: (config: RTCConfiguration) => RTCPeerConnection) {
  const sockets = fakeSockets();
  const signaling = new SignalingClient({ url: 'wss://test/api/v1/ws', socketFactory: sockets.factory, random: () => 1 });
  const stream = fakeCameraStream();
  const session = new MeetingSession({
    roomId: '482915306',
    displayName: 'A',
    signaling,
    acquireMedia: async () => ({ stream, video: 'ok', audio: 'ok' }),
    createPeerConnection,
  });
  return { session, sockets };
}

describe('MeetingSession.getConnectionStats', () => {
  it('reads both connections; nothing before they exist or after the end', async () => {
    const { session, sockets } = setup(statsFactory());
    expect(await session.getConnectionStats()).toEqual({ subscribe: null, publish: null });

    session.start();
    const socket = sockets.latest();
    socket.open();
    socket.receive({ type: 'hello', protocol: 1, connectionId: 'c1', account: null });
    await flush();
    socket.reply('join', joinedMessage());
    await flush();
    const stats = await session.getConnectionStats();
    expect((stats.subscribe?.get('pc') as { index: number } | undefined)?.index).toBe(0);
    expect((stats.publish?.get('pc') as { index: number } | undefined)?.index).toBe(1);

    session.end();
    expect(await session.getConnectionStats()).toEqual({ subscribe: null, publish: null });
  });

  it('gives null for a connection whose statistics cannot be read', async () => {
    const { session, sockets } = setup((config) => {
      const pc = new FakePeerConnection(config);
      Object.assign(pc, { getStats: () => Promise.reject(new Error('closed')) });
      return pc as unknown as RTCPeerConnection;
    });
    session.start();
    sockets.latest().open();
    await flush();
    expect(await session.getConnectionStats()).toEqual({ subscribe: null, publish: null });
    session.end();
  });
});
