import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SignalingClient } from '../../lib/signaling/client';
import type { LocalMedia } from '../../lib/webrtc/media';
import { SIMULCAST_ENCODINGS } from '../../lib/webrtc/publisher';
import { fakeSockets, type FakeSocket } from '../../test/fake-socket';
import { fakeCameraStream, FakeMediaStream, FakePeerConnection, fakePeerConnectionFactory, subscribeSdp } from '../../test/fake-webrtc';
import { MeetingSession } from './meeting-session';

const flush = () => vi.advanceTimersByTimeAsync(0);

function setup(media: Partial<LocalMedia> = {}) {
  const sockets = fakeSockets();
  const signaling = new SignalingClient({ url: 'wss://test/api/v1/ws', socketFactory: sockets.factory, random: () => 1 });
  const stream = media.stream === undefined ? fakeCameraStream() : media.stream;
  const session = new MeetingSession({
    roomId: 'giao-ban',
    displayName: 'Nguyễn Văn A',
    signaling,
    acquireMedia: async () => ({ stream, video: media.video ?? 'ok', audio: media.audio ?? 'ok' }),
    createPeerConnection: fakePeerConnectionFactory(),
  });
  return { session, sockets, stream };
}

/** Starts the session and answers `join`; returns the socket. */
async function joined(t: ReturnType<typeof setup>, participants: unknown[] = []): Promise<FakeSocket> {
  t.session.start();
  const socket = t.sockets.latest();
  socket.open();
  await flush();
  socket.reply('join', { type: 'joined', roomId: 'giao-ban', participantId: 'p1', resumeToken: 'tok', participants });
  await flush();
  return socket;
}

function subscribePc(): FakePeerConnection {
  const pc = FakePeerConnection.instances[0];
  if (pc === undefined) throw new Error('no subscribe connection');
  return pc;
}

function publishPc(): FakePeerConnection {
  const pc = FakePeerConnection.instances[1];
  if (pc === undefined) throw new Error('no publish connection');
  return pc;
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('MediaStream', FakeMediaStream);
  FakePeerConnection.instances.length = 0;
});

afterEach(() => {
  vi.useRealTimers();
});

describe('MeetingSession', () => {
  it('joins, then publishes camera (simulcast q/h/f, sendonly) and microphone', async () => {
    const t = setup();
    const socket = await joined(t, [{ participantId: 'p2', displayName: 'Trần Thị B' }]);
    expect(socket.last('join')).toMatchObject({ roomId: 'giao-ban', displayName: 'Nguyễn Văn A' });

    const snapshot = t.session.getSnapshot();
    expect(snapshot.connection).toBe('connected');
    expect(snapshot.participantId).toBe('p1');
    expect(snapshot.tiles).toEqual([{ key: 'p:p2', participantId: 'p2', displayName: 'Trần Thị B', videoMid: null }]);
    expect(snapshot.localStream).toBe(t.stream);

    const pc = publishPc();
    expect(pc.config.iceServers).toEqual([]);
    const [video, audio] = pc.transceivers;
    expect(video?.kind).toBe('video');
    expect(video?.direction).toBe('sendonly');
    expect(video?.sendEncodings).toEqual(SIMULCAST_ENCODINGS);
    expect(audio?.kind).toBe('audio');
    expect(audio?.direction).toBe('sendonly');

    // The offer goes out right after setLocalDescription (no candidate gathering, no trickle).
    expect(socket.last('publish')?.['sdp']).toBe('offer-1');
    socket.reply('publish', { type: 'publishAnswer', sdp: 'server-answer' });
    await flush();
    expect(pc.remoteDescription).toEqual({ type: 'answer', sdp: 'server-answer' });
    expect(socket.sent.some((m) => m.type === 'candidate' || m.type === 'trickle')).toBe(false);
  });

  it('answers subscribe offers and maps their mids to tiles and audio', async () => {
    const t = setup();
    const socket = await joined(t, [
      { participantId: 'p2', displayName: 'Trần Thị B' },
      { participantId: 'p3', displayName: 'Lê Văn C' },
    ]);
    socket.receive({
      type: 'subscribeOffer',
      sdp: subscribeSdp([
        ['0', 'audio'],
        ['1', 'video'],
        ['2', 'audio'],
      ]),
      version: 1,
      tracks: [
        { mid: '0', participantId: 'p2', kind: 'audio' },
        { mid: '1', participantId: 'p2', kind: 'video' },
        { mid: '2', participantId: 'p3', kind: 'audio' },
      ],
    });
    await flush();
    expect(socket.last('subscribeAnswer')).toMatchObject({ sdp: expect.stringMatching(/^answer-/), version: 1 });
    let snapshot = t.session.getSnapshot();
    expect(snapshot.tiles.map((tile) => [tile.participantId, tile.videoMid])).toEqual([
      ['p2', '1'],
      ['p3', null],
    ]);
    expect(snapshot.audioMids).toEqual(['0', '2']);
    const stream = t.session.streamFor('1');
    expect(stream?.getTracks()[0]).toBe(subscribePc().transceivers.find((x) => x.mid === '1')?.receiver.track);
    expect(t.session.streamFor('1')).toBe(stream);

    // p2 stops their camera: mid 1 is no longer listed, so it is inactive.
    socket.receive({
      type: 'subscribeOffer',
      sdp: subscribeSdp([
        ['0', 'audio'],
        ['1', 'video'],
        ['2', 'audio'],
      ]),
      version: 2,
      tracks: [
        { mid: '0', participantId: 'p2', kind: 'audio' },
        { mid: '2', participantId: 'p3', kind: 'audio' },
      ],
    });
    await flush();
    expect(socket.last('subscribeAnswer')?.['version']).toBe(2);
    snapshot = t.session.getSnapshot();
    expect(snapshot.tiles.map((tile) => tile.videoMid)).toEqual([null, null]);
  });

  it('reports the layout of measured tiles after each offer', async () => {
    const t = setup();
    const socket = await joined(t, [{ participantId: 'p2', displayName: 'B' }]);
    socket.receive({
      type: 'subscribeOffer',
      sdp: subscribeSdp([['1', 'video']]),
      version: 1,
      tracks: [{ mid: '1', participantId: 'p2', kind: 'video' }],
    });
    await flush();
    const element = document.createElement('li');
    element.getBoundingClientRect = () => ({ width: 320, height: 180 }) as DOMRect;
    const stop = t.session.observeTile(element, '1');
    await vi.advanceTimersByTimeAsync(300);
    expect(socket.last('layout')?.['tiles']).toEqual([{ mid: '1', width: 320 * window.devicePixelRatio, height: 180 * window.devicePixelRatio }]);

    const before = socket.sent.filter((m) => m.type === 'layout').length;
    socket.receive({
      type: 'subscribeOffer',
      sdp: subscribeSdp([['1', 'video']]),
      version: 2,
      tracks: [{ mid: '1', participantId: 'p2', kind: 'video' }],
    });
    await vi.advanceTimersByTimeAsync(300);
    expect(socket.sent.filter((m) => m.type === 'layout')).toHaveLength(before + 1);

    stop();
    await vi.advanceTimersByTimeAsync(300);
    expect(socket.last('layout')?.['tiles']).toEqual([]);
  });

  it('follows the roster and the dominant speaker', async () => {
    const t = setup();
    const socket = await joined(t, [{ participantId: 'p2', displayName: 'B' }]);
    socket.receive({ type: 'participantJoined', participantId: 'p3', displayName: 'C' });
    socket.receive({ type: 'dominantSpeaker', participantId: 'p3' });
    expect(t.session.getSnapshot().tiles.map((tile) => tile.displayName)).toEqual(['B', 'C']);
    expect(t.session.getSnapshot().dominantSpeakerId).toBe('p3');
    socket.receive({ type: 'participantLeft', participantId: 'p3' });
    expect(t.session.getSnapshot().tiles.map((tile) => tile.displayName)).toEqual(['B']);
    expect(t.session.getSnapshot().dominantSpeakerId).toBeNull();
  });

  it('exposes the peer connections and identifiers on window.__dienhong, never the token', async () => {
    const t = setup();
    const socket = await joined(t);
    socket.reply('publish', { type: 'publishAnswer', sdp: 'a' });
    await flush();
    const handle = window.__dienhong;
    expect(handle?.publishPc).toBe(publishPc());
    expect(handle?.subscribePc).toBe(subscribePc());
    expect(handle?.participantId).toBe('p1');
    expect(handle?.roomId).toBe('giao-ban');
    expect(JSON.stringify(Object.keys(handle ?? {}))).not.toMatch(/token/i);
    t.session.end();
    expect(window.__dienhong).toBeUndefined();
  });

  it('joins to watch when camera and microphone are refused', async () => {
    const t = setup({ stream: null, video: 'denied', audio: 'denied' });
    const socket = await joined(t);
    expect(t.session.getSnapshot().media).toEqual({ video: 'denied', audio: 'denied' });
    expect(t.session.getSnapshot().connection).toBe('connected');
    expect(socket.last('publish')).toBeUndefined();
    expect(FakePeerConnection.instances).toHaveLength(1); // subscribe only
    expect(window.__dienhong?.publishPc).toBeNull();
    t.session.end();
  });

  it('shows a refused join as fatal and releases camera and microphone', async () => {
    const t = setup();
    t.session.start();
    const socket = t.sockets.latest();
    socket.open();
    await flush();
    socket.reply('join', { type: 'error', code: 'room_full', message: 'Room full' });
    await flush();
    const snapshot = t.session.getSnapshot();
    expect(snapshot.fatal).toBe('room_full');
    expect(snapshot.connection).toBe('failed');
    expect((t.stream as unknown as FakeMediaStream).getTracks().every((track) => track.readyState === 'ended')).toBe(true);
    expect(subscribePc().closed).toBe(true);
  });

  it('restarts ICE on the publish connection with a new publish offer', async () => {
    const t = setup();
    const socket = await joined(t);
    socket.reply('publish', { type: 'publishAnswer', sdp: 'a1' });
    await flush();
    const pc = publishPc();
    pc.setIceState('connected');
    pc.setIceState('failed');
    await vi.advanceTimersByTimeAsync(0);
    expect(pc.offers.at(-1)?.iceRestart).toBe(true);
    // Still failed while the restart waits for its answer: no second restart on top of it.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(socket.sent.filter((m) => m.type === 'publish')).toHaveLength(2);
    expect(socket.last('publish')?.['sdp']).toBe(pc.offers.at(-1)?.sdp);
    socket.reply('publish', { type: 'publishAnswer', sdp: 'a2' });
    await flush();
    expect(pc.remoteDescription?.sdp).toBe('a2');
    pc.setIceState('connected');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(socket.sent.filter((m) => m.type === 'publish')).toHaveLength(2);
  });

  it('asks the server to restart ICE on the subscribe connection', async () => {
    const t = setup();
    const socket = await joined(t);
    socket.receive({ type: 'subscribeOffer', sdp: subscribeSdp([]), version: 1, tracks: [] });
    await flush();
    subscribePc().setIceState('failed');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(socket.last('restartIce')).toMatchObject({ connection: 'subscribe' });
  });

  it('shows reconnecting during a drop, resumes and redoes a publish the drop interrupted', async () => {
    const t = setup();
    const socket = await joined(t);
    expect(socket.last('publish')).toBeDefined();
    socket.drop();
    await flush();
    expect(t.session.getSnapshot().connection).toBe('reconnecting');
    expect(t.session.getSnapshot().problem).toBeNull();

    await vi.advanceTimersByTimeAsync(500);
    const next = t.sockets.latest();
    expect(next).not.toBe(socket);
    next.open();
    expect(next.last('resume')?.['resumeToken']).toBe('tok');
    next.reply('resume', { type: 'resumed', roomId: 'giao-ban', participantId: 'p1' });
    await flush();
    expect(t.session.getSnapshot().connection).toBe('connected');
    expect(next.last('publish')).toBeDefined();
    next.reply('publish', { type: 'publishAnswer', sdp: 'after-resume' });
    await flush();
    expect(publishPc().remoteDescription?.sdp).toBe('after-resume');
  });

  it('shows a server error by its code and ignores stale answers', async () => {
    const t = setup();
    const socket = await joined(t);
    socket.receive({ type: 'error', code: 'stale_answer', message: 'stale' });
    expect(t.session.getSnapshot().problem).toBeNull();
    socket.reply('publish', { type: 'error', code: 'sdp_unsupported', message: 'no VP8' });
    await flush();
    expect(t.session.getSnapshot().problem).toBe('sdp_unsupported');
  });

  it('leaves: sends leave, closes both connections and stops the tracks', async () => {
    const t = setup();
    const socket = await joined(t);
    socket.reply('publish', { type: 'publishAnswer', sdp: 'a' });
    await flush();
    const leaving = t.session.leave();
    socket.reply('leave', { type: 'left' });
    await leaving;
    expect(publishPc().closed).toBe(true);
    expect(subscribePc().closed).toBe(true);
    expect((t.stream as unknown as FakeMediaStream).getTracks().every((track) => track.readyState === 'ended')).toBe(true);
    expect(socket.closedByClient?.code).toBe(1000);
  });
});
