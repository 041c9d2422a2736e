// The session starts with what was chosen before joining (A2): the devices, a muted microphone
// (track disabled), a camera off (no video sent, its light off).
import { afterEach, describe, expect, it } from 'vitest';
import { AUDIO_CONSTRAINTS, DEFAULT_MEDIA_CHOICES, VIDEO_CONSTRAINTS } from '../../lib/webrtc/media';
import { FakeMediaDevices } from '../../test/fake-media-devices';
import { fakeCameraStream, type FakeMediaStream } from '../../test/fake-webrtc';
import { joined, meetingSession, publishPc, useMeetingFakes, type SessionSetup } from '../../test/meeting-session-harness';

async function joinWith(setup: SessionSetup) {
  const t = meetingSession(setup);
  const socket = await joined(t);
  return { session: t.session, socket };
}

let uninstall: () => void = () => undefined;

useMeetingFakes();

afterEach(() => {
  uninstall();
});

describe('MeetingSession: the pre-join choices', () => {
  it('A2: opens the chosen devices exactly when nothing was handed over', async () => {
    const devices = new FakeMediaDevices();
    uninstall = devices.install();
    const mediaChoices = { ...DEFAULT_MEDIA_CHOICES, microphoneId: 'mic-2', cameraId: 'cam-2' };
    const { session, socket } = await joinWith({ media: 'devices', mediaChoices });
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
      media: { stream },
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
    const { session } = await joinWith({ media: { stream } });
    expect(session.mediaChoices).toEqual(DEFAULT_MEDIA_CHOICES);
    expect(publishPc().transceivers.map((t) => [t.kind, t.sender.track?.enabled])).toEqual([
      ['video', true],
      ['audio', true],
    ]);
    session.end();
  });
});
