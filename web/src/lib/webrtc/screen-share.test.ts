import { describe, expect, it, vi } from 'vitest';
import { FakeMediaStream, FakeMediaStreamTrack } from '../../test/fake-webrtc';
import { captureScreen, SCREEN_CAPTURE_OPTIONS } from './screen-share';

describe('captureScreen', () => {
  it('asks for up to 1920×1080 at 15–30 fps without sound, and marks the track as detailed', async () => {
    const track = new FakeMediaStreamTrack('video');
    const getDisplayMedia = vi.fn(async () => new FakeMediaStream([track]) as unknown as MediaStream);
    const capture = await captureScreen(getDisplayMedia);
    expect(getDisplayMedia).toHaveBeenCalledWith(SCREEN_CAPTURE_OPTIONS);
    expect(SCREEN_CAPTURE_OPTIONS).toEqual({
      video: { width: { max: 1920 }, height: { max: 1080 }, frameRate: { ideal: 15, max: 30 } },
      audio: false,
    });
    expect(capture).toEqual({ track });
    expect(track.contentHint).toBe('detail');
  });

  it('stops any sound track the browser added anyway', async () => {
    const video = new FakeMediaStreamTrack('video');
    const audio = new FakeMediaStreamTrack('audio');
    await captureScreen(async () => new FakeMediaStream([video, audio]) as unknown as MediaStream);
    expect(audio.readyState).toBe('ended');
    expect(video.readyState).toBe('live');
  });

  it('tells a dismissed picker from a capture that failed', async () => {
    const refuse = (name: string) => async () => {
      throw new DOMException('no', name);
    };
    expect(await captureScreen(refuse('NotAllowedError'))).toEqual({ cancelled: true });
    expect(await captureScreen(refuse('AbortError'))).toEqual({ cancelled: true });
    expect(await captureScreen(refuse('NotReadableError'))).toEqual({ failed: true });
    expect(await captureScreen(async () => new FakeMediaStream([]) as unknown as MediaStream)).toEqual({ failed: true });
  });
});
