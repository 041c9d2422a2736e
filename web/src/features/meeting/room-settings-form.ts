// The room settings dialog's form: its fields from the room's settings, and the `updateSettings`
// change set (only what changed), checked as the server checks it (docs/meetings.md).
import type { MessageKey } from '../../lib/i18n/translate';
import type { RoomSettings, RoomSettingsUpdate } from '../../lib/signaling/messages';

export const TITLE_MAX = 200;
export const MAX_PARTICIPANTS_MIN = 2;
export const MAX_PARTICIPANTS_MAX = 1000;
export const PASSWORD_MIN_BYTES = 4;
export const PASSWORD_MAX_BYTES = 128;

export interface SettingsForm {
  readonly title: string;
  /** A new password; empty: unchanged. */
  readonly password: string;
  readonly removePassword: boolean;
  readonly lobbyEnabled: boolean;
  readonly allowGuests: boolean;
  /** As typed. */
  readonly maxParticipants: string;
  readonly startMuted: boolean;
  readonly mayShareContent: boolean;
  readonly mayRecordAudio: boolean;
  readonly mayRecordVideo: boolean;
}

export type SettingsField = 'title' | 'password' | 'maxParticipants';

export type SettingsCheck =
  | { readonly ok: true; readonly changes: RoomSettingsUpdate }
  | { readonly ok: false; readonly field: SettingsField; readonly key: MessageKey };

export function formFromSettings(settings: RoomSettings): SettingsForm {
  return {
    title: settings.title,
    password: '',
    removePassword: false,
    lobbyEnabled: settings.lobbyEnabled,
    allowGuests: settings.allowGuests,
    maxParticipants: String(settings.maxParticipants),
    startMuted: settings.startMuted,
    mayShareContent: settings.defaultPermissions.shareContent,
    mayRecordAudio: settings.defaultPermissions.recordAudio,
    mayRecordVideo: settings.defaultPermissions.recordVideo,
  };
}

export function checkSettingsForm(settings: RoomSettings, form: SettingsForm): SettingsCheck {
  const changes: { -readonly [K in keyof RoomSettingsUpdate]: RoomSettingsUpdate[K] } = {};

  const title = form.title.normalize('NFC').trim();
  if (title === '') return { ok: false, field: 'title', key: 'meeting.chair.settingsTitleEmpty' };
  if ([...title].length > TITLE_MAX) return { ok: false, field: 'title', key: 'meeting.chair.settingsTitleTooLong' };
  if (title !== settings.title) changes.title = title;

  const max = form.maxParticipants.trim();
  const maxValue = /^\d{1,7}$/.test(max) ? Number(max) : Number.NaN;
  if (!(maxValue >= MAX_PARTICIPANTS_MIN && maxValue <= MAX_PARTICIPANTS_MAX)) {
    return { ok: false, field: 'maxParticipants', key: 'meeting.chair.settingsMaxInvalid' };
  }
  if (maxValue !== settings.maxParticipants) changes.maxParticipants = maxValue;

  if (form.removePassword) {
    if (settings.passwordProtected) changes.password = null;
  } else if (form.password !== '') {
    const bytes = new TextEncoder().encode(form.password).length;
    if (bytes < PASSWORD_MIN_BYTES || bytes > PASSWORD_MAX_BYTES) {
      return { ok: false, field: 'password', key: 'meeting.chair.settingsPasswordInvalid' };
    }
    changes.password = form.password;
  }

  if (form.lobbyEnabled !== settings.lobbyEnabled) changes.lobbyEnabled = form.lobbyEnabled;
  if (form.allowGuests !== settings.allowGuests) changes.allowGuests = form.allowGuests;
  if (form.startMuted !== settings.startMuted) changes.startMuted = form.startMuted;
  const defaults = settings.defaultPermissions;
  if (form.mayShareContent !== defaults.shareContent) changes.mayShareContent = form.mayShareContent;
  if (form.mayRecordAudio !== defaults.recordAudio) changes.mayRecordAudio = form.mayRecordAudio;
  if (form.mayRecordVideo !== defaults.recordVideo) changes.mayRecordVideo = form.mayRecordVideo;
  return { ok: true, changes };
}
