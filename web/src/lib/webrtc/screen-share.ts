// Screen sharing: what is asked of the browser's picker (whole screen or one window, no sound),
// and how it is sent — one layer (no simulcast: a slide shown small is unreadable anyway), a
// bitrate that keeps text sharp, resolution kept over frame rate, VP8 (codecs.ts).
import type { SendOptions } from './publisher';

/** Up to full HD; a low frame rate is enough for documents and frees bits for sharpness. */
export const SCREEN_CAPTURE_OPTIONS: DisplayMediaStreamOptions = {
  video: {
    width: { max: 1920 },
    height: { max: 1080 },
    frameRate: { ideal: 15, max: 30 },
  },
  audio: false,
};

export const SCREEN_MAX_BITRATE = 2_500_000;

export const SCREEN_SEND_OPTIONS: SendOptions = {
  encodings: [{ maxBitrate: SCREEN_MAX_BITRATE, maxFramerate: 30 }],
  degradationPreference: 'maintain-resolution',
};

export type GetDisplayMedia = (options: DisplayMediaStreamOptions) => Promise<MediaStream>;

export type ScreenCapture =
  | { readonly track: MediaStreamTrack }
  /** The participant closed the picker without choosing (nothing to say). */
  | { readonly cancelled: true }
  /** The browser could not capture (policy, hardware, no picker). */
  | { readonly failed: true };

/** Opens the browser's picker; the track is marked as detailed content (text stays sharp). */
export async function captureScreen(getDisplayMedia: GetDisplayMedia): Promise<ScreenCapture> {
  let stream: MediaStream;
  try {
    stream = await getDisplayMedia(SCREEN_CAPTURE_OPTIONS);
  } catch (error: unknown) {
    const name = typeof error === 'object' && error !== null && 'name' in error ? String((error as { name: unknown }).name) : '';
    // NotAllowedError: the picker was dismissed (or the permission refused); AbortError: closed.
    return name === 'NotAllowedError' || name === 'AbortError' ? { cancelled: true } : { failed: true };
  }
  const [track, ...others] = stream.getVideoTracks();
  for (const other of [...others, ...stream.getAudioTracks()]) other.stop();
  if (track === undefined) return { failed: true };
  try {
    track.contentHint = 'detail';
  } catch {
    // Read-only in old browsers: the encoder's default then.
  }
  return { track };
}
