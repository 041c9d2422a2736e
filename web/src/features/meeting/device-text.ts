// What to tell the user when the camera or the microphone could not be used, and how to call a
// device the browser does not name: the pre-join screen and the meeting show the same texts.
import type { MessageKey } from '../../lib/i18n/translate';
import type { DeviceOutcome } from '../../lib/webrtc/media';

export type DeviceProblem = Exclude<DeviceOutcome, 'ok' | 'unsupported'>;

export const CAMERA_TEXT: Readonly<Record<DeviceProblem, MessageKey>> = {
  denied: 'meeting.media.camera.denied',
  unavailable: 'meeting.media.camera.unavailable',
  busy: 'meeting.media.camera.busy',
};

export const MICROPHONE_TEXT: Readonly<Record<DeviceProblem, MessageKey>> = {
  denied: 'meeting.media.microphone.denied',
  unavailable: 'meeting.media.microphone.unavailable',
  busy: 'meeting.media.microphone.busy',
};

export type DeviceRole = 'microphone' | 'camera' | 'speaker';

/** A device the browser lists without a name (before permission): "Micrô 2". */
export const UNNAMED_DEVICE_TEXT: Readonly<Record<DeviceRole, MessageKey>> = {
  microphone: 'meeting.prejoin.unnamedMicrophone',
  camera: 'meeting.prejoin.unnamedCamera',
  speaker: 'meeting.prejoin.unnamedSpeaker',
};
