// The "schedule a meeting" form's values, checked before sending with the server's own limits
// (src/meeting/room_settings.cpp), so that people see what to fix next to the field instead of
// a generic "invalid request".
import type { RoomSettingsRequest } from '../../lib/api-types';
import type { MessageKey } from '../../lib/i18n/translate';

export const TITLE_MAX_CHARACTERS = 200;
export const PASSWORD_MIN_CHARACTERS = 4;
/** The server counts the password's UTF-8 bytes. */
export const PASSWORD_MAX_BYTES = 128;
export const MIN_PARTICIPANTS = 2;
export const MAX_PARTICIPANTS = 1000;
/** The server's default for a new room. */
export const DEFAULT_MAX_PARTICIPANTS = 100;
/** The server refuses a schedule this far ahead or more (5 × 365 days). */
export const MAX_SCHEDULE_AHEAD_MS = 5 * 365 * 24 * 3600 * 1000;

export interface ScheduleValues {
  readonly title: string;
  /** As an <input type="datetime-local"> gives it: "2026-05-14T09:00", local time. */
  readonly when: string;
  readonly password: string;
  readonly lobbyEnabled: boolean;
  readonly allowGuests: boolean;
  /** As typed. */
  readonly maxParticipants: string;
  readonly startMuted: boolean;
}

export type ScheduleField = 'title' | 'when' | 'password' | 'maxParticipants';

export type ScheduleCheck =
  | { readonly ok: true; readonly request: RoomSettingsRequest }
  | { readonly ok: false; readonly field: ScheduleField; readonly key: MessageKey };

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/;

/** Epoch ms of a datetime-local value read as local time, or null when it is not a real moment. */
export function parseLocalDateTime(value: string): number | null {
  const match = LOCAL_DATE_TIME.exec(value.trim());
  if (match === null) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? '0')) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(year, month - 1, day, hour, minute, second);
  // new Date() rolls 30 February over to March: such a value was not a real date.
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  return date.getTime();
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The datetime-local value (minutes precision, local time) of an instant. */
export function toLocalDateTimeValue(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A sensible first proposal: the first whole hour at least 30 minutes from now. */
export function defaultStartTime(nowMs: number): number {
  const d = new Date(nowMs + 30 * 60 * 1000);
  if (d.getMinutes() !== 0 || d.getSeconds() !== 0 || d.getMilliseconds() !== 0) {
    d.setHours(d.getHours() + 1, 0, 0, 0);
  }
  return d.getTime();
}

export function defaultScheduleValues(nowMs: number): ScheduleValues {
  return {
    title: '',
    when: toLocalDateTimeValue(defaultStartTime(nowMs)),
    password: '',
    lobbyEnabled: false,
    allowGuests: false,
    maxParticipants: String(DEFAULT_MAX_PARTICIPANTS),
    startMuted: false,
  };
}

/** Characters as the server counts them (code points), not UTF-16 units. */
export function characterCount(text: string): number {
  return Array.from(text).length;
}

function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Checks the values in the order of the fields; the first problem wins. */
export function checkSchedule(values: ScheduleValues, nowMs: number): ScheduleCheck {
  const title = values.title.trim();
  if (title === '') return { ok: false, field: 'title', key: 'home.rooms.error.titleRequired' };
  if (characterCount(title) > TITLE_MAX_CHARACTERS) return { ok: false, field: 'title', key: 'home.rooms.error.titleTooLong' };

  if (values.when.trim() === '') return { ok: false, field: 'when', key: 'home.rooms.error.whenRequired' };
  const scheduledAt = parseLocalDateTime(values.when);
  if (scheduledAt === null) return { ok: false, field: 'when', key: 'home.rooms.error.whenInvalid' };
  if (scheduledAt <= nowMs) return { ok: false, field: 'when', key: 'home.rooms.error.whenPast' };
  if (scheduledAt >= nowMs + MAX_SCHEDULE_AHEAD_MS) return { ok: false, field: 'when', key: 'home.rooms.error.whenTooFar' };

  // Passwords are taken exactly as typed: spaces may be part of them.
  const { password } = values;
  if (password !== '' && characterCount(password) < PASSWORD_MIN_CHARACTERS) {
    return { ok: false, field: 'password', key: 'home.rooms.error.passwordShort' };
  }
  if (utf8Bytes(password) > PASSWORD_MAX_BYTES) return { ok: false, field: 'password', key: 'home.rooms.error.passwordLong' };

  const max = values.maxParticipants.trim();
  const maxParticipants = /^\d{1,4}$/.test(max) ? Number(max) : NaN;
  if (!(maxParticipants >= MIN_PARTICIPANTS && maxParticipants <= MAX_PARTICIPANTS)) {
    return { ok: false, field: 'maxParticipants', key: 'home.rooms.error.maxInvalid' };
  }

  const request: RoomSettingsRequest = {
    title,
    scheduledAt,
    lobbyEnabled: values.lobbyEnabled,
    allowGuests: values.allowGuests,
    maxParticipants,
    startMuted: values.startMuted,
    ...(password === '' ? {} : { password }),
  };
  return { ok: true, request };
}
