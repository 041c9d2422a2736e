// The devices and the microphone/camera on-off state chosen before joining, remembered in
// localStorage for the next meeting (like the display name). A stored device that is gone by
// then falls back to the browser's default (media.ts: openDevice).
import { DEFAULT_MEDIA_CHOICES, type MediaChoices } from '../../lib/webrtc/media';

export const MEDIA_CHOICES_STORAGE_KEY = 'dienhong.mediaChoices';

/** Device IDs are opaque strings of a few dozen characters; anything far longer is not one. */
const DEVICE_ID_MAX = 512;

function deviceId(value: unknown): string | null {
  return typeof value === 'string' && value !== '' && value.length <= DEVICE_ID_MAX ? value : null;
}

function flag(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

/** What was stored, field by field; anything missing or malformed is the default. */
export function parseMediaChoices(text: string | null): MediaChoices {
  if (text === null) return DEFAULT_MEDIA_CHOICES;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return DEFAULT_MEDIA_CHOICES;
  }
  if (typeof parsed !== 'object' || parsed === null) return DEFAULT_MEDIA_CHOICES;
  const stored = parsed as Record<string, unknown>;
  return {
    microphoneId: deviceId(stored['microphoneId']),
    cameraId: deviceId(stored['cameraId']),
    speakerId: deviceId(stored['speakerId']),
    microphoneOn: flag(stored['microphoneOn'], DEFAULT_MEDIA_CHOICES.microphoneOn),
    cameraOn: flag(stored['cameraOn'], DEFAULT_MEDIA_CHOICES.cameraOn),
  };
}

export function readStoredMediaChoices(): MediaChoices {
  try {
    return parseMediaChoices(window.localStorage.getItem(MEDIA_CHOICES_STORAGE_KEY));
  } catch {
    return DEFAULT_MEDIA_CHOICES;
  }
}

export function storeMediaChoices(choices: MediaChoices): void {
  try {
    window.localStorage.setItem(MEDIA_CHOICES_STORAGE_KEY, JSON.stringify(choices));
  } catch {
    // Storage disabled by policy: the choices apply to this meeting only.
  }
}
