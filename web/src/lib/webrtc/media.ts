// Camera and microphone for the publish connection. When a device is missing, busy or refused,
// the participant still joins (to watch and listen); what happened to each device is reported
// so that the page can say so.

export type DeviceOutcome =
  /** Got a track. */
  | 'ok'
  /** The user or a policy refused access. */
  | 'denied'
  /** No such device (or none that satisfies the constraints). */
  | 'unavailable'
  /** The device exists but could not be started (used by another application, hardware error). */
  | 'busy'
  /** This browser or page cannot capture at all (no mediaDevices: old browser, plain http). */
  | 'unsupported';

export interface LocalMedia {
  /** Null when no device could be used. */
  readonly stream: MediaStream | null;
  readonly video: DeviceOutcome;
  readonly audio: DeviceOutcome;
}

export const VIDEO_CONSTRAINTS: MediaTrackConstraints = {
  width: { ideal: 1280 },
  height: { ideal: 720 },
  frameRate: { ideal: 30 },
};

export const AUDIO_CONSTRAINTS: MediaTrackConstraints = {
  echoCancellation: true,
  noiseSuppression: true,
  autoGainControl: true,
};

export type GetUserMedia = (constraints: MediaStreamConstraints) => Promise<MediaStream>;

/** Maps a getUserMedia rejection to an outcome (names from the spec and older Chrome/Firefox). */
export function classifyMediaError(error: unknown): Exclude<DeviceOutcome, 'ok'> {
  const name = error instanceof Error || (typeof error === 'object' && error !== null && 'name' in error) ? String((error as { name: unknown }).name) : '';
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return 'denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
    case 'ConstraintNotSatisfiedError':
      return 'unavailable';
    case 'TypeError':
      return 'unsupported';
    default:
      // NotReadableError, TrackStartError, AbortError and anything else.
      return 'busy';
  }
}

function browserGetUserMedia(): GetUserMedia | null {
  const devices = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
  if (devices === undefined || typeof devices.getUserMedia !== 'function') return null;
  return (constraints) => devices.getUserMedia(constraints);
}

async function tryOne(getUserMedia: GetUserMedia, kind: 'video' | 'audio'): Promise<[MediaStreamTrack | null, DeviceOutcome]> {
  try {
    const stream = await getUserMedia(kind === 'video' ? { video: VIDEO_CONSTRAINTS } : { audio: AUDIO_CONSTRAINTS });
    const track = (kind === 'video' ? stream.getVideoTracks() : stream.getAudioTracks())[0] ?? null;
    for (const other of stream.getTracks()) if (other !== track) other.stop();
    return [track, track === null ? 'unavailable' : 'ok'];
  } catch (error: unknown) {
    return [null, classifyMediaError(error)];
  }
}

/**
 * Camera (ideal 1280×720 at 30 fps) and microphone. Asks for both at once (one permission
 * prompt); when that fails for a reason other than a refusal, asks for each alone, so that a
 * missing camera does not cost the microphone. A refusal is not asked again (it would prompt
 * twice more, or fail the same way).
 */
export async function acquireLocalMedia(getUserMedia: GetUserMedia | null = browserGetUserMedia()): Promise<LocalMedia> {
  if (getUserMedia === null) return { stream: null, video: 'unsupported', audio: 'unsupported' };

  try {
    const stream = await getUserMedia({ video: VIDEO_CONSTRAINTS, audio: AUDIO_CONSTRAINTS });
    return {
      stream,
      video: stream.getVideoTracks().length > 0 ? 'ok' : 'unavailable',
      audio: stream.getAudioTracks().length > 0 ? 'ok' : 'unavailable',
    };
  } catch (error: unknown) {
    const outcome = classifyMediaError(error);
    if (outcome === 'denied' || outcome === 'unsupported') return { stream: null, video: outcome, audio: outcome };
  }

  const [videoTrack, video] = await tryOne(getUserMedia, 'video');
  const [audioTrack, audio] = await tryOne(getUserMedia, 'audio');
  const tracks = [videoTrack, audioTrack].filter((track): track is MediaStreamTrack => track !== null);
  return { stream: tracks.length === 0 ? null : new MediaStream(tracks), video, audio };
}

export function stopStream(stream: MediaStream | null): void {
  if (stream === null) return;
  for (const track of stream.getTracks()) track.stop();
}
