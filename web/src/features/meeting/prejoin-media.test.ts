import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_MEDIA_CHOICES, VIDEO_CONSTRAINTS, type MediaChoices } from '../../lib/webrtc/media';
import { CAM_1, CAM_2, FakeMediaDevices, MIC_1, MIC_2, SPEAKER_1 } from '../../test/fake-media-devices';
import { FakeMediaStream } from '../../test/fake-webrtc';
import { PrejoinMedia } from './prejoin-media';

/** Lets the queued device operations (fake promises only) finish. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

let devices: FakeMediaDevices;

function preview(choices: Partial<MediaChoices> = {}) {
  const stored: MediaChoices[] = [];
  const media = new PrejoinMedia({
    choices: { ...DEFAULT_MEDIA_CHOICES, ...choices },
    mediaDevices: devices,
    onChoices: (c) => stored.push(c),
  });
  return { media, stored };
}

beforeEach(() => {
  vi.stubGlobal('MediaStream', FakeMediaStream);
  devices = new FakeMediaDevices();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('PrejoinMedia', () => {
  it('opens camera and microphone in one prompt, then lists the devices with their names', async () => {
    const { media } = preview();
    expect(media.getSnapshot()).toMatchObject({ stream: null, video: null, audio: null, cameraStarting: true });
    media.start();
    expect(devices.requests).toHaveLength(0);
    await settle();
    const snapshot = media.getSnapshot();
    expect(devices.requests).toHaveLength(1);
    expect(snapshot).toMatchObject({ video: 'ok', audio: 'ok', cameraStarting: false, cameraInUse: 'cam-1', microphoneInUse: 'mic-1' });
    expect(snapshot.stream?.getTracks()).toEqual([snapshot.videoTrack, snapshot.audioTrack]);
    expect(snapshot.devices.microphones.map((d) => d.label)).toEqual(['Micrô tích hợp', 'Tai nghe USB']);
    expect(snapshot.devices.cameras.map((d) => d.deviceId)).toEqual(['cam-1', 'cam-2']);
    expect(snapshot.devices.speakers).toHaveLength(2);
  });

  it('switches camera: the old one stops first, the new one is asked for exactly', async () => {
    const { media, stored } = preview();
    media.start();
    await settle();
    const old = devices.live('video')[0];
    media.selectCamera('cam-2');
    await settle();
    expect(old?.readyState).toBe('ended');
    expect(devices.requests.at(-1)).toEqual({ video: { ...VIDEO_CONSTRAINTS, deviceId: { exact: 'cam-2' } } });
    expect(media.getSnapshot().cameraInUse).toBe('cam-2');
    expect(devices.live('video').map((t) => t.deviceId)).toEqual(['cam-2']);
    expect(stored.at(-1)?.cameraId).toBe('cam-2');
  });

  it('stops the camera when it is turned off, and opens the chosen one when turned on again', async () => {
    const { media, stored } = preview({ cameraId: 'cam-2' });
    media.start();
    await settle();
    media.setCameraOn(false);
    // At once: the light goes off with the click.
    expect(devices.live('video')).toEqual([]);
    expect(media.getSnapshot().videoTrack).toBeNull();
    expect(media.getSnapshot().stream?.getVideoTracks()).toEqual([]);
    expect(stored.at(-1)?.cameraOn).toBe(false);
    media.setCameraOn(true);
    await settle();
    expect(devices.live('video').map((t) => t.deviceId)).toEqual(['cam-2']);
    expect(media.getSnapshot().videoTrack?.readyState).toBe('live');
  });

  it('never opens a camera that starts off; mutes by disabling the microphone track', async () => {
    const { media } = preview({ cameraOn: false, microphoneOn: false });
    media.start();
    await settle();
    expect(devices.requests.map((r) => Object.keys(r))).toEqual([['audio']]);
    const audio = media.getSnapshot().audioTrack;
    expect(audio?.enabled).toBe(false);
    media.setMicrophoneOn(true);
    expect(audio?.enabled).toBe(true);
    expect(devices.requests).toHaveLength(1);
    // Another microphone while muted: it opens muted too.
    media.setMicrophoneOn(false);
    media.selectMicrophone(MIC_2.deviceId);
    await settle();
    expect(devices.live('audio').map((t) => [t.deviceId, t.enabled])).toEqual([['mic-2', false]]);
    expect(devices.live('video')).toEqual([]);
  });

  it('turned off while the camera was still opening: the camera is stopped once open', async () => {
    const { media } = preview();
    media.start();
    media.setCameraOn(false);
    await settle();
    expect(devices.live('video')).toEqual([]);
    expect(media.getSnapshot().videoTrack).toBeNull();
    expect(devices.live('audio')).toHaveLength(1);
  });

  it('follows devices being plugged in and out', async () => {
    const { media } = preview({ microphoneId: 'mic-2' });
    media.start();
    await settle();
    expect(media.getSnapshot().microphoneInUse).toBe('mic-2');
    devices.setDevices([MIC_1, CAM_1, CAM_2, SPEAKER_1]);
    await settle();
    // The headset is gone: the default microphone replaces it; the choice is kept for next time.
    expect(media.getSnapshot().devices.microphones.map((d) => d.deviceId)).toEqual(['mic-1']);
    expect(media.getSnapshot().microphoneInUse).toBe('mic-1');
    expect(media.getSnapshot().choices.microphoneId).toBe('mic-2');
    devices.setDevices([MIC_1, MIC_2, CAM_1, CAM_2, SPEAKER_1]);
    await settle();
    expect(media.getSnapshot().devices.microphones).toHaveLength(2);
  });

  it('reports a refusal without asking twice, and asks again on retry', async () => {
    devices.failures = { audio: 'NotAllowedError', video: 'NotAllowedError' };
    const { media } = preview();
    media.start();
    await settle();
    expect(media.getSnapshot()).toMatchObject({ video: 'denied', audio: 'denied', stream: null, cameraStarting: false });
    expect(devices.requests).toHaveLength(1);
    // Without permission the browser hides IDs: nothing to pick from.
    expect(media.getSnapshot().devices.cameras).toEqual([]);
    devices.failures = {};
    media.retry();
    await settle();
    expect(media.getSnapshot()).toMatchObject({ video: 'ok', audio: 'ok' });
    expect(media.getSnapshot().devices.cameras).toHaveLength(2);
  });

  it('says when the browser cannot capture at all', async () => {
    const media = new PrejoinMedia({ choices: DEFAULT_MEDIA_CHOICES, mediaDevices: null });
    media.start();
    await settle();
    expect(media.getSnapshot()).toMatchObject({ video: 'unsupported', audio: 'unsupported' });
  });

  it('stops everything when the screen is left', async () => {
    const { media } = preview();
    media.start();
    await settle();
    media.dispose();
    expect(devices.tracks.every((t) => t.readyState === 'ended')).toBe(true);
  });

  it('stops what opens after the screen was left', async () => {
    let allow: () => void = () => undefined;
    const permission = new Promise<void>((resolve) => {
      allow = resolve;
    });
    const open = devices.getUserMedia.getMockImplementation();
    devices.getUserMedia.mockImplementationOnce(async (constraints) => {
      await permission;
      return open!(constraints);
    });
    const { media } = preview();
    media.start();
    await settle();
    expect(devices.requests).toHaveLength(0); // still waiting for the permission prompt
    media.dispose();
    allow();
    await settle();
    expect(devices.tracks).toHaveLength(2);
    expect(devices.tracks.every((t) => t.readyState === 'ended')).toBe(true);
    expect(media.getSnapshot().stream).toBeNull();
  });

  it('hands the tracks over (after a pending switch) and no longer stops or changes them', async () => {
    const { media } = preview({ microphoneOn: false });
    media.start();
    await settle();
    media.selectCamera(CAM_2.deviceId);
    const handedOver = media.handOver();
    media.dispose();
    media.setCameraOn(false);
    media.selectMicrophone(MIC_2.deviceId);
    const local = await handedOver;
    expect(local.video).toBe('ok');
    expect(local.audio).toBe('ok');
    const tracks = (local.stream as unknown as FakeMediaStream).getTracks();
    expect(tracks.map((t) => [t.kind, t.deviceId, t.readyState, t.enabled])).toEqual([
      ['video', 'cam-2', 'live', true],
      ['audio', 'mic-1', 'live', false],
    ]);
    expect(await media.handOver()).toBe(local);
  });

  it('hands over what the camera being off and a refused microphone mean for the meeting', async () => {
    devices.failures = { audio: 'NotFoundError' };
    const { media } = preview({ cameraOn: false });
    media.start();
    await settle();
    expect(await media.handOver()).toEqual({ stream: null, video: 'ok', audio: 'unavailable' });
  });
});
