import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeMediaStream, FakeMediaStreamTrack } from '../../test/fake-webrtc';
import {
  acquireLocalMedia,
  applyMediaChoices,
  AUDIO_CONSTRAINTS,
  classifyMediaError,
  DEFAULT_MEDIA_CHOICES,
  VIDEO_CONSTRAINTS,
  type GetUserMedia,
} from './media';

function domError(name: string): DOMException {
  return new DOMException('refused', name);
}

/**
 * getUserMedia over a set of devices: each kind either gives a track or fails with `error`; a
 * device asked for exactly must be one of `present` (when given).
 */
function devices(config: { video?: string; audio?: string; both?: string; present?: readonly string[] }): {
  getUserMedia: GetUserMedia;
  calls: MediaStreamConstraints[];
} {
  const calls: MediaStreamConstraints[] = [];
  const getUserMedia: GetUserMedia = async (constraints) => {
    calls.push(constraints);
    const kinds = (['video', 'audio'] as const).filter((kind) => constraints[kind] !== undefined);
    if (kinds.length === 2 && config.both !== undefined) throw domError(config.both);
    const tracks = kinds.map((kind) => {
      const error = config[kind];
      if (error !== undefined) throw domError(error);
      const constraint = constraints[kind];
      const exact = typeof constraint === 'object' ? (constraint.deviceId as { exact?: string } | undefined)?.exact : undefined;
      if (exact !== undefined && config.present !== undefined && !config.present.includes(exact)) throw domError('OverconstrainedError');
      return new FakeMediaStreamTrack(kind, { deviceId: exact ?? `default-${kind}` });
    });
    return new FakeMediaStream(tracks) as unknown as MediaStream;
  };
  return { getUserMedia, calls };
}

beforeEach(() => {
  vi.stubGlobal('MediaStream', FakeMediaStream);
});

describe('classifyMediaError', () => {
  it('tells refusals, missing devices and busy devices apart', () => {
    expect(classifyMediaError(domError('NotAllowedError'))).toBe('denied');
    expect(classifyMediaError(domError('SecurityError'))).toBe('denied');
    expect(classifyMediaError(domError('NotFoundError'))).toBe('unavailable');
    expect(classifyMediaError(domError('OverconstrainedError'))).toBe('unavailable');
    expect(classifyMediaError(domError('NotReadableError'))).toBe('busy');
    expect(classifyMediaError(new TypeError('no constraints'))).toBe('unsupported');
    expect(classifyMediaError('weird')).toBe('busy');
  });
});

describe('acquireLocalMedia', () => {
  it('asks once for camera (ideal 1280×720 at 30 fps) and microphone', async () => {
    const { getUserMedia, calls } = devices({});
    const media = await acquireLocalMedia(getUserMedia);
    expect(media.video).toBe('ok');
    expect(media.audio).toBe('ok');
    expect(media.stream?.getTracks().map((t) => t.kind)).toEqual(['video', 'audio']);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.video).toEqual(VIDEO_CONSTRAINTS);
    expect(VIDEO_CONSTRAINTS).toEqual({ width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } });
  });

  it('keeps the microphone when there is no camera', async () => {
    const { getUserMedia } = devices({ video: 'NotFoundError' });
    const media = await acquireLocalMedia(getUserMedia);
    expect(media).toMatchObject({ video: 'unavailable', audio: 'ok' });
    expect(media.stream?.getTracks().map((t) => t.kind)).toEqual(['audio']);
  });

  it('keeps the camera when the microphone is busy', async () => {
    const { getUserMedia } = devices({ audio: 'NotReadableError' });
    const media = await acquireLocalMedia(getUserMedia);
    expect(media).toMatchObject({ video: 'ok', audio: 'busy' });
    expect(media.stream?.getTracks().map((t) => t.kind)).toEqual(['video']);
  });

  it('does not ask again after a refusal, and joins without media', async () => {
    const { getUserMedia, calls } = devices({ both: 'NotAllowedError' });
    expect(await acquireLocalMedia(getUserMedia)).toEqual({ stream: null, video: 'denied', audio: 'denied' });
    expect(calls).toHaveLength(1);
  });

  it('reports a browser or page that cannot capture', async () => {
    expect(await acquireLocalMedia(null)).toEqual({ stream: null, video: 'unsupported', audio: 'unsupported' });
  });

  it('has no stream when neither device works', async () => {
    const { getUserMedia } = devices({ video: 'NotFoundError', audio: 'NotFoundError' });
    expect(await acquireLocalMedia(getUserMedia)).toEqual({ stream: null, video: 'unavailable', audio: 'unavailable' });
  });
});

describe('acquireLocalMedia with the pre-join choices', () => {
  const chosen = { ...DEFAULT_MEDIA_CHOICES, microphoneId: 'mic-2', cameraId: 'cam-2' };

  it('asks for the chosen devices exactly, in one prompt', async () => {
    const { getUserMedia, calls } = devices({});
    const media = await acquireLocalMedia(getUserMedia, chosen);
    expect(calls).toEqual([
      { video: { ...VIDEO_CONSTRAINTS, deviceId: { exact: 'cam-2' } }, audio: { ...AUDIO_CONSTRAINTS, deviceId: { exact: 'mic-2' } } },
    ]);
    expect(media.stream?.getTracks().map((t) => t.getSettings().deviceId)).toEqual(['cam-2', 'mic-2']);
  });

  it('does not open the camera when it is off, and reports nothing wrong with it', async () => {
    const { getUserMedia, calls } = devices({});
    const media = await acquireLocalMedia(getUserMedia, { ...chosen, cameraOn: false });
    expect(calls).toEqual([{ audio: { ...AUDIO_CONSTRAINTS, deviceId: { exact: 'mic-2' } } }]);
    expect(media).toMatchObject({ video: 'ok', audio: 'ok' });
    expect(media.stream?.getVideoTracks()).toEqual([]);
  });

  it('opens a muted microphone with its track disabled', async () => {
    const { getUserMedia } = devices({});
    const media = await acquireLocalMedia(getUserMedia, { ...chosen, microphoneOn: false });
    expect(media.stream?.getAudioTracks().map((t) => t.enabled)).toEqual([false]);
    expect(media.stream?.getVideoTracks().map((t) => t.enabled)).toEqual([true]);
  });

  it('falls back to the default device when a remembered one is gone', async () => {
    const { getUserMedia, calls } = devices({ present: ['mic-2'] });
    const media = await acquireLocalMedia(getUserMedia, chosen);
    expect(media).toMatchObject({ video: 'ok', audio: 'ok' });
    expect(media.stream?.getTracks().map((t) => t.getSettings().deviceId)).toEqual(['default-video', 'mic-2']);
    expect(calls.map((c) => Object.keys(c))).toEqual([['video', 'audio'], ['video'], ['video'], ['audio']]);
    expect(calls[2]).toEqual({ video: VIDEO_CONSTRAINTS });
  });

  it('still reports a refused microphone when the camera is off', async () => {
    const { getUserMedia } = devices({ audio: 'NotAllowedError' });
    expect(await acquireLocalMedia(getUserMedia, { ...chosen, cameraOn: false })).toEqual({ stream: null, video: 'ok', audio: 'denied' });
  });
});

describe('applyMediaChoices', () => {
  it('mutes the microphone and stops the camera of media opened elsewhere', () => {
    const video = new FakeMediaStreamTrack('video');
    const audio = new FakeMediaStreamTrack('audio');
    const stream = new FakeMediaStream([video, audio]) as unknown as MediaStream;
    const media = applyMediaChoices({ stream, video: 'ok', audio: 'ok' }, { ...DEFAULT_MEDIA_CHOICES, microphoneOn: false, cameraOn: false });
    expect(video.readyState).toBe('ended');
    expect(audio.enabled).toBe(false);
    expect(media.stream?.getTracks()).toEqual([audio]);
    expect(media).toMatchObject({ video: 'ok', audio: 'ok' });
  });

  it('leaves media as chosen alone', () => {
    const stream = new FakeMediaStream([new FakeMediaStreamTrack('video'), new FakeMediaStreamTrack('audio')]) as unknown as MediaStream;
    const media = { stream, video: 'ok', audio: 'ok' } as const;
    expect(applyMediaChoices(media, DEFAULT_MEDIA_CHOICES)).toBe(media);
    expect(stream.getTracks().every((t) => t.enabled && t.readyState === 'live')).toBe(true);
  });
});
