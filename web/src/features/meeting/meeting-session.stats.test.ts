import { describe, expect, it } from 'vitest';
import { FakePeerConnection } from '../../test/fake-webrtc';
import { flush, joined, meetingSession, useMeetingFakes } from '../../test/meeting-session-harness';

/** Fake connections that answer getStats with a report naming the connection. */
function statsFactory(): (config: RTCConfiguration) => RTCPeerConnection {
  return (config) => {
    const pc = new FakePeerConnection(config);
    const index = FakePeerConnection.instances.length - 1;
    Object.assign(pc, { getStats: async () => new Map([['pc', { id: 'pc', index }]]) });
    return pc as unknown as RTCPeerConnection;
  };
}

useMeetingFakes();

describe('MeetingSession.getConnectionStats', () => {
  it('reads both connections; nothing before they exist or after the end', async () => {
    const t = meetingSession({ createPeerConnection: statsFactory() });
    const { session } = t;
    expect(await session.getConnectionStats()).toEqual({ subscribe: null, publish: null });

    await joined(t);
    const stats = await session.getConnectionStats();
    expect((stats.subscribe?.get('pc') as { index: number } | undefined)?.index).toBe(0);
    expect((stats.publish?.get('pc') as { index: number } | undefined)?.index).toBe(1);

    session.end();
    expect(await session.getConnectionStats()).toEqual({ subscribe: null, publish: null });
  });

  it('gives null for a connection whose statistics cannot be read', async () => {
    const { session, sockets } = meetingSession({
      createPeerConnection: (config) => {
        const pc = new FakePeerConnection(config);
        Object.assign(pc, { getStats: () => Promise.reject(new Error('closed')) });
        return pc as unknown as RTCPeerConnection;
      },
    });
    session.start();
    sockets.latest().open();
    await flush();
    expect(await session.getConnectionStats()).toEqual({ subscribe: null, publish: null });
    session.end();
  });
});
