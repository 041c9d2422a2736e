// The session starts with what was chosen before joining (A2): the devices, a muted microphone
// (track disabled), a camera off (no video sent, its light off).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SignalingClient } from '../../lib/signaling/client';
import { AUDIO_CONSTRAINTS, DEFAULT_MEDIA_CHOICES, VIDEO_CONSTRAINTS } from '../../lib/webrtc/media';
import { FakeMediaDevices } from '../../test/fake-media-devices';
import { fakeSockets } from '../../test/fake-socket';
import { fakeCameraStream, FakeMediaStream, FakePeerConnection, fakePeerConnectionFactory } from '../../test/fake-webrtc';
import { MeetingSession, type MeetingSessionOptions } from './meeting-session';

const flush = () => vi.advanceTimersByTimeAsync(0);

async function joinWith(options: Partial<MeetingSessionOptions>) {
  const sockets = fakeSockets();
  const signaling = new SignalingClient({ url: 'wss://test/api/v1/ws', socketFactory: sockets.factory, random: () => 1 });
  const session = new MeetingSession({
    roomId: 'giao-ban',
    displayName: 'Nguyễn Văn A',
    signaling,
    createPeerConnection: fakePeerConnectionFactory(),
    ...options,
  });
  session.start();
  const socket = sockets.latest();
  socket.open();
  await flush();
  socket.reply('join', { type: 'joined', roomId: 'giao-ban', participantId: 'p1', resumeToken: 'tok', participants: [] });
  await flush();
  return { session, socket };
}

function publishPc(): FakePeerConnection {
  const pc = FakePeerConnection.instances[1];
  if (pc === undefined) throw new Error('no publish connection');
  return pc;
}

let uninstall: () => void = () => undefined;

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('MediaStream', FakeMediaStream);
  FakePeerConnection.instances.length = 0;
});

afterEach(() => {
  uninstall();
  vi.useRealTimers();
});

describe('MeetingSession: the pre-join choices', () => {
  it('A2: opens the chosen devices exactly when nothing was handed over', async () => {
    const devices = new FakeMediaDevices();
    uninstall = devices.install();
    const mediaChoices = { ...DEFAULT_MEDIA_CHOICES, microphoneId: 'mic-2', cameraId: 'cam-2' };
    const { session, socket } = await joinWith({ mediaChoices });
    expect(session.mediaChoices).toBe(mediaChoices);
    expect(devices.requests).toEqual([
      { video: { ...VIDEO_CONSTRAINTS, deviceId: { exact: 'cam-2' } }, audio: { ...AUDIO_CONSTRAINTS, deviceId: { exact: 'mic-2' } } },
    ]);
    expect(socket.last('publish')).toBeDefined();
    expect(publishPc().transceivers.map((t) => t.sender.track?.deviceId)).toEqual(['cam-2', 'mic-2']);
    session.end();
    expect(devices.tracks.every((t) => t.readyState === 'ended')).toBe(true);
  });

  it('A2: joins muted and without video when so chosen, whatever it was handed', async () => {
    const stream = fakeCameraStream();
    const [video, audio] = (stream as unknown as FakeMediaStream).getTracks();
    const { session, socket } = await joinWith({
      mediaChoices: { ...DEFAULT_MEDIA_CHOICES, microphoneOn: false, cameraOn: false },
      acquireMedia: async () => ({ stream, video: 'ok', audio: 'ok' }),
    });
    expect(video?.readyState).toBe('ended');
    expect(audio?.enabled).toBe(false);
    expect(socket.last('publish')).toBeDefined();
    expect(publishPc().transceivers.map((t) => [t.kind, t.sender.track])).toEqual([['audio', audio]]);
    expect(session.getSnapshot().media).toEqual({ video: 'ok', audio: 'ok' });
    expect(session.getSnapshot().localStream?.getVideoTracks()).toEqual([]);
    session.end();
  });

  it('starts with microphone and camera on by default', async () => {
    const stream = fakeCameraStream();
    const { session } = await joinWith({ acquireMedia: async () => ({ stream, video: 'ok', audio: 'ok' }) });
    expect(session.mediaChoices).toEqual(DEFAULT_MEDIA_CHOICES);
    expect(publishPc().transceivers.map((t) => [t.kind, t.sender.track?.enabled])).toEqual([
      ['video', true],
      ['audio', true],
    ]);
    session.end();
  });
});
