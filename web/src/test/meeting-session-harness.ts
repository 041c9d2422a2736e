// A MeetingSession wired to fakes, for the tests of the session: signalling over fake sockets
// (fake-socket.ts), fake peer connections (fake-webrtc.ts) and, unless a test says otherwise, a
// fake camera stream handed over as the pre-join screen would; then the join, step by step, with
// the test playing the server.
import { afterEach, beforeEach, vi } from 'vitest';
import { MeetingSession, type MeetingSessionOptions } from '../features/meeting/meeting-session';
import { SignalingClient } from '../lib/signaling/client';
import type { LocalMedia } from '../lib/webrtc/media';
import { fakeSockets, type FakeSocket } from './fake-socket';
import { fakeCameraStream, FakeMediaStream, FakePeerConnection, fakePeerConnectionFactory } from './fake-webrtc';
import { joinedMessage } from './meeting-messages';

/** Lets everything already due run (promises, timers at 0). */
export const flush = () => vi.advanceTimersByTimeAsync(0);

/** Around each test of the file: fake timers, the fake MediaStream, no peer connection yet. */
export function useMeetingFakes(): void {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('MediaStream', FakeMediaStream);
    FakePeerConnection.instances.length = 0;
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}

export interface SessionSetup extends Partial<MeetingSessionOptions> {
  /**
   * What the session is handed as the pre-join screen's media: a fake camera stream with both
   * devices "ok", or what is given here; `devices`: nothing, the session opens the devices itself
   * (navigator.mediaDevices, e.g. FakeMediaDevices).
   */
  readonly media?: Partial<LocalMedia> | 'devices';
}

export interface MeetingHarness {
  readonly session: MeetingSession;
  readonly sockets: ReturnType<typeof fakeSockets>;
  /** The stream handed over (null: none). */
  readonly stream: MediaStream | null;
}

/** A session (not started) in room 482915306 as "Nguyễn Văn A"; `setup` overrides any option. */
export function meetingSession(setup: SessionSetup = {}): MeetingHarness {
  const { media = {}, ...options } = setup;
  const sockets = fakeSockets();
  const signaling = new SignalingClient({ url: 'wss://test/api/v1/ws', socketFactory: sockets.factory, random: () => 1 });
  const stream = media === 'devices' ? null : media.stream === undefined ? fakeCameraStream() : media.stream;
  const handed: Partial<MeetingSessionOptions> =
    media === 'devices' ? {} : { acquireMedia: async () => ({ stream, video: media.video ?? 'ok', audio: media.audio ?? 'ok' }) };
  const session = new MeetingSession({
    roomId: '482915306',
    displayName: 'Nguyễn Văn A',
    signaling,
    ...handed,
    createPeerConnection: fakePeerConnectionFactory(),
    ...options,
  });
  return { session, sockets, stream };
}

/** Starts the session, opens its socket and says hello; returns the socket once `join` is sent. */
export async function joining(t: MeetingHarness): Promise<FakeSocket> {
  t.session.start();
  const socket = t.sockets.latest();
  socket.open();
  socket.receive({ type: 'hello', protocol: 1, connectionId: 'c1', account: null });
  await flush();
  return socket;
}

/** As `joining`, then answers `join` (as p1, with `participants` as the others); returns the socket. */
export async function joined(t: MeetingHarness, participants: readonly unknown[] = [], overrides: Record<string, unknown> = {}): Promise<FakeSocket> {
  const socket = await joining(t);
  socket.reply('join', joinedMessage(participants, overrides));
  await flush();
  return socket;
}

function peerConnection(index: number, name: string): FakePeerConnection {
  const pc = FakePeerConnection.instances[index];
  if (pc === undefined) throw new Error(`no ${name} connection`);
  return pc;
}

/** The session's subscribe connection (made first, at the join). */
export function subscribePc(): FakePeerConnection {
  return peerConnection(0, 'subscribe');
}

/** The session's publish connection (made second). */
export function publishPc(): FakePeerConnection {
  return peerConnection(1, 'publish');
}
