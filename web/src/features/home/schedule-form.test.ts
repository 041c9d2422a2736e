import { describe, expect, it } from 'vitest';
import {
  checkSchedule,
  defaultScheduleValues,
  defaultStartTime,
  parseLocalDateTime,
  toLocalDateTimeValue,
  type ScheduleValues,
} from './schedule-form';

const NOW = new Date(2026, 4, 14, 8, 40).getTime(); // local time, whatever the zone
const valid: ScheduleValues = {
  title: '  Giao ban tuần  ',
  when: '2026-05-15T09:00',
  password: '',
  lobbyEnabled: true,
  allowGuests: false,
  maxParticipants: '50',
  startMuted: true,
};

describe('datetime-local values', () => {
  it('are read as local time and written back the same', () => {
    const ms = parseLocalDateTime('2026-05-15T09:30');
    expect(ms).toBe(new Date(2026, 4, 15, 9, 30).getTime());
    expect(toLocalDateTimeValue(ms ?? 0)).toBe('2026-05-15T09:30');
    expect(parseLocalDateTime('2026-05-15T09:30:15')).toBe(new Date(2026, 4, 15, 9, 30, 15).getTime());
  });

  it('refuse dates that do not exist and other text', () => {
    expect(parseLocalDateTime('2026-02-30T09:00')).toBeNull();
    expect(parseLocalDateTime('2026-05-15T25:00')).toBeNull();
    expect(parseLocalDateTime('2026-05-15')).toBeNull();
    expect(parseLocalDateTime('15/05/2026 09:00')).toBeNull();
    expect(parseLocalDateTime('')).toBeNull();
  });

  it('propose the first whole hour at least 30 minutes ahead', () => {
    expect(toLocalDateTimeValue(defaultStartTime(NOW))).toBe('2026-05-14T10:00');
    expect(toLocalDateTimeValue(defaultStartTime(new Date(2026, 4, 14, 8, 30).getTime()))).toBe('2026-05-14T09:00');
    expect(defaultScheduleValues(NOW)).toMatchObject({ when: '2026-05-14T10:00', maxParticipants: '100', lobbyEnabled: false });
  });
});

describe('checkSchedule', () => {
  it('builds the request with the server limits respected', () => {
    const checked = checkSchedule(valid, NOW);
    expect(checked).toEqual({
      ok: true,
      request: {
        title: 'Giao ban tuần',
        scheduledAt: new Date(2026, 4, 15, 9, 0).getTime(),
        lobbyEnabled: true,
        allowGuests: false,
        maxParticipants: 50,
        startMuted: true,
      },
    });
  });

  it('sends a password exactly as typed, and none when empty', () => {
    const checked = checkSchedule({ ...valid, password: ' mật khẩu ' }, NOW);
    expect(checked.ok && checked.request.password).toBe(' mật khẩu ');
    const without = checkSchedule(valid, NOW);
    expect(without.ok && 'password' in without.request).toBe(false);
  });

  it.each([
    [{ title: '   ' }, 'title', 'home.rooms.error.titleRequired'],
    [{ title: 'ạ'.repeat(201) }, 'title', 'home.rooms.error.titleTooLong'],
    [{ when: '' }, 'when', 'home.rooms.error.whenRequired'],
    [{ when: '2026-02-30T09:00' }, 'when', 'home.rooms.error.whenInvalid'],
    [{ when: '2026-05-14T08:40' }, 'when', 'home.rooms.error.whenPast'],
    [{ when: '2031-05-14T09:00' }, 'when', 'home.rooms.error.whenTooFar'],
    [{ password: 'abc' }, 'password', 'home.rooms.error.passwordShort'],
    [{ password: 'đ'.repeat(65) }, 'password', 'home.rooms.error.passwordLong'],
    [{ maxParticipants: '1' }, 'maxParticipants', 'home.rooms.error.maxInvalid'],
    [{ maxParticipants: '1001' }, 'maxParticipants', 'home.rooms.error.maxInvalid'],
    [{ maxParticipants: '2.5' }, 'maxParticipants', 'home.rooms.error.maxInvalid'],
    [{ maxParticipants: '' }, 'maxParticipants', 'home.rooms.error.maxInvalid'],
  ] as const)('refuses %j', (change, field, key) => {
    expect(checkSchedule({ ...valid, ...change }, NOW)).toEqual({ ok: false, field, key });
  });

  it('counts characters, not UTF-16 units, and accepts the limits themselves', () => {
    expect(checkSchedule({ ...valid, title: '😀'.repeat(200) }, NOW).ok).toBe(true);
    expect(checkSchedule({ ...valid, password: 'a'.repeat(128), maxParticipants: '1000' }, NOW).ok).toBe(true);
    expect(checkSchedule({ ...valid, password: 'abcd', maxParticipants: '2' }, NOW).ok).toBe(true);
  });
});
