// Camera and microphone for the pre-join preview and the publish connection. When a device is
// missing, busy or refused, the participant still joins (to watch and listen); what happened to
// each device is reported so that the page can say so. The devices, and whether microphone and
// camera start on, are the participant's choices from the pre-join screen.

export type DeviceOutcome =
  /** Got a track (or, for a camera the participant turned off, nothing went wrong). */
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

/** What the participant chose before joining (remembered for the next meeting). */
export interface MediaChoices {
  /** A microphone's deviceId, or null for the browser's default. */
  readonly microphoneId: string | null;
  /** A camera's deviceId, or null for the browser's default. */
  readonly cameraId: string | null;
  /** Where sound plays (HTMLMediaElement.setSinkId), or null for the default output. */
  readonly speakerId: string | null;
  /** Off: the microphone is still opened, but its track is disabled (silence is sent). */
  readonly microphoneOn: boolean;
  /** Off: the camera is not opened at all (its light stays off, no video is sent). */
  readonly cameraOn: boolean;
}

export const DEFAULT_MEDIA_CHOICES: MediaChoices = {
  microphoneId: null,
  cameraId: null,
  speakerId: null,
  microphoneOn: true,
  cameraOn: true,
};

export type MediaKind = 'audio' | 'video';

/** The constraints for one kind of device: a chosen device is asked for exactly. */
export function deviceConstraints(kind: MediaKind, deviceId: string | null): MediaTrackConstraints {
  const base = kind === 'video' ? VIDEO_CONSTRAINTS : AUDIO_CONSTRAINTS;
  return deviceId === null ? base : { ...base, deviceId: { exact: deviceId } };
}

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

export function browserGetUserMedia(): GetUserMedia | null {
  const devices = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
  if (devices === undefined || typeof devices.getUserMedia !== 'function') return null;
  return (constraints) => devices.getUserMedia(constraints);
}

async function tryOne(getUserMedia: GetUserMedia, kind: MediaKind, deviceId: string | null): Promise<[MediaStreamTrack | null, DeviceOutcome]> {
  try {
    const stream = await getUserMedia({ [kind]: deviceConstraints(kind, deviceId) });
    const track = (kind === 'video' ? stream.getVideoTracks() : stream.getAudioTracks())[0] ?? null;
    for (const other of stream.getTracks()) if (other !== track) other.stop();
    return [track, track === null ? 'unavailable' : 'ok'];
  } catch (error: unknown) {
    return [null, classifyMediaError(error)];
  }
}

/**
 * One device: the chosen one exactly; when it is gone (unplugged, or remembered from another
 * computer), the browser's default instead.
 */
export async function openDevice(
  getUserMedia: GetUserMedia,
  kind: MediaKind,
  deviceId: string | null,
): Promise<[MediaStreamTrack | null, DeviceOutcome]> {
  const first = await tryOne(getUserMedia, kind, deviceId);
  if (first[1] !== 'unavailable' || deviceId === null) return first;
  return tryOne(getUserMedia, kind, null);
}

/**
 * Camera (ideal 1280×720 at 30 fps) and microphone, the chosen devices exactly. Asks for both at
 * once (one permission prompt); when that fails for a reason other than a refusal, asks for each
 * alone, so that a missing camera does not cost the microphone (and a chosen device that is gone
 * falls back to the default). A refusal is not asked again (it would prompt twice more, or fail
 * the same way). A camera turned off is not asked for; a microphone turned off is opened muted.
 */
export async function acquireLocalMedia(
  getUserMedia: GetUserMedia | null = browserGetUserMedia(),
  choices: MediaChoices = DEFAULT_MEDIA_CHOICES,
): Promise<LocalMedia> {
  if (getUserMedia === null) return { stream: null, video: 'unsupported', audio: 'unsupported' };
  const wantVideo = choices.cameraOn;

  try {
    const audio = deviceConstraints('audio', choices.microphoneId);
    const stream = await getUserMedia(wantVideo ? { video: deviceConstraints('video', choices.cameraId), audio } : { audio });
    return applyMediaChoices(
      {
        stream,
        video: !wantVideo || stream.getVideoTracks().length > 0 ? 'ok' : 'unavailable',
        audio: stream.getAudioTracks().length > 0 ? 'ok' : 'unavailable',
      },
      choices,
    );
  } catch (error: unknown) {
    const outcome = classifyMediaError(error);
    if (outcome === 'denied' || outcome === 'unsupported') return { stream: null, video: wantVideo ? outcome : 'ok', audio: outcome };
  }

  const [videoTrack, video] = wantVideo ? await openDevice(getUserMedia, 'video', choices.cameraId) : [null, 'ok' as const];
  const [audioTrack, audio] = await openDevice(getUserMedia, 'audio', choices.microphoneId);
  const tracks = [videoTrack, audioTrack].filter((track): track is MediaStreamTrack => track !== null);
  return applyMediaChoices({ stream: tracks.length === 0 ? null : new MediaStream(tracks), video, audio }, choices);
}

/**
 * Makes media acquired elsewhere (the pre-join preview) start as chosen: the microphone track
 * enabled or not, no camera track when the camera is off (it is stopped: its light goes off).
 */
export function applyMediaChoices(media: LocalMedia, choices: MediaChoices): LocalMedia {
  const { stream } = media;
  if (stream === null) return media;
  for (const track of stream.getAudioTracks()) track.enabled = choices.microphoneOn;
  const video = stream.getVideoTracks();
  if (choices.cameraOn || video.length === 0) return media;
  for (const track of video) track.stop();
  const audio = stream.getAudioTracks();
  return { ...media, stream: audio.length === 0 ? null : new MediaStream(audio) };
}

export function stopStream(stream: MediaStream | null): void {
  if (stream === null) return;
  for (const track of stream.getTracks()) track.stop();
}
