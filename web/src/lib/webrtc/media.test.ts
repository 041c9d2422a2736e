import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeMediaStream, FakeMediaStreamTrack } from '../../test/fake-webrtc';
import { acquireLocalMedia, classifyMediaError, VIDEO_CONSTRAINTS, type GetUserMedia } from './media';

function domError(name: string): DOMException {
  return new DOMException('refused', name);
}

/** getUserMedia over a set of devices: each kind either gives a track or fails with `error`. */
function devices(config: { video?: string; audio?: string; both?: string }): { getUserMedia: GetUserMedia; calls: MediaStreamConstraints[] } {
  const calls: MediaStreamConstraints[] = [];
  const getUserMedia: GetUserMedia = async (constraints) => {
    calls.push(constraints);
    const kinds = (['video', 'audio'] as const).filter((kind) => constraints[kind] !== undefined);
    if (kinds.length === 2 && config.both !== undefined) throw domError(config.both);
    for (const kind of kinds) {
      const error = config[kind];
      if (error !== undefined) throw domError(error);
    }
    return new FakeMediaStream(kinds.map((kind) => new FakeMediaStreamTrack(kind))) as unknown as MediaStream;
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
