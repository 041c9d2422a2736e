// The capture and output devices the browser lists, and what a track tells about its device:
// shared by the pre-join screen and the in-meeting device menus.

export interface DeviceOption {
  readonly deviceId: string;
  /** '' while the browser hides names (before permission); the page numbers such devices. */
  readonly label: string;
}

export interface DeviceLists {
  readonly microphones: readonly DeviceOption[];
  readonly cameras: readonly DeviceOption[];
  readonly speakers: readonly DeviceOption[];
}

export const NO_DEVICES: DeviceLists = { microphones: [], cameras: [], speakers: [] };

/** The part of navigator.mediaDevices used here (a seam for tests). */
export interface MediaDevicesLike {
  getUserMedia?(constraints: MediaStreamConstraints): Promise<MediaStream>;
  getDisplayMedia?(options?: DisplayMediaStreamOptions): Promise<MediaStream>;
  enumerateDevices?(): Promise<MediaDeviceInfo[]>;
  addEventListener?(type: 'devicechange', listener: () => void): void;
  removeEventListener?(type: 'devicechange', listener: () => void): void;
}

/** navigator.mediaDevices; null on plain http and in old browsers. */
export function browserMediaDevices(): MediaDevicesLike | null {
  return typeof navigator === 'undefined' ? null : (navigator.mediaDevices ?? null);
}

/** The device a capture track uses; null when the browser does not say. */
export function deviceIdOf(track: MediaStreamTrack | null): string | null {
  if (track === null || typeof track.getSettings !== 'function') return null;
  const id = track.getSettings().deviceId;
  return id === undefined || id === '' ? null : id;
}

export function live(track: MediaStreamTrack | null): track is MediaStreamTrack {
  return track !== null && track.readyState === 'live';
}

/**
 * The devices by kind; null when they cannot be listed. Without permission the browser lists
 * devices without IDs: those are left out (nothing to choose from yet).
 */
export async function listDevices(devices: MediaDevicesLike | null): Promise<DeviceLists | null> {
  if (devices === null || typeof devices.enumerateDevices !== 'function') return null;
  let infos: MediaDeviceInfo[];
  try {
    infos = await devices.enumerateDevices();
  } catch {
    return null;
  }
  const of = (kind: MediaDeviceKind): DeviceOption[] =>
    infos.filter((info) => info.kind === kind && info.deviceId !== '').map((info) => ({ deviceId: info.deviceId, label: info.label }));
  return { microphones: of('audioinput'), cameras: of('videoinput'), speakers: of('audiooutput') };
}
