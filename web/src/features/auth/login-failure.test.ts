import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api';
import { translate } from '../../lib/i18n/translate';
import { lockedUntilProblem, loginFailure } from './login-failure';

const ZONE = 'Asia/Ho_Chi_Minh';
// 09:30 in Hà Nội (UTC+7) on 24 November 2025.
const NOW = Date.UTC(2025, 10, 24, 2, 30);

describe('login failure facts', () => {
  it('S1_4_keeps_attemptsLeft_of_invalid_credentials', () => {
    const failure = loginFailure(new ApiError('invalid_credentials', 401, 'r1', 'wrong', { attemptsLeft: 2 }));
    expect(failure).toEqual({
      problem: { key: 'errorCode.invalid_credentials', requestId: 'r1' },
      attemptsLeft: 2,
      lockedUntilMs: null,
    });
  });

  it('S1_4_keeps_attemptsLeft_of_a_wrong_second_factor_code', () => {
    const failure = loginFailure(new ApiError('invalid_code', 401, 'r4', 'wrong code', { attemptsLeft: 4 }));
    expect(failure).toEqual({
      problem: { key: 'errorCode.invalid_code', requestId: 'r4' },
      attemptsLeft: 4,
      lockedUntilMs: null,
    });
    expect(loginFailure(new ApiError('challenge_expired', 401, null, 'x', { attemptsLeft: 4 })).attemptsLeft).toBeNull();
  });

  it('S1_4_keeps_lockedUntilMs_of_account_locked_only', () => {
    expect(loginFailure(new ApiError('account_locked', 423, 'r2', 'locked', { lockedUntilMs: NOW })).lockedUntilMs).toBe(NOW);
    expect(loginFailure(new ApiError('account_locked', 423, 'r2', 'locked')).lockedUntilMs).toBeNull();
    // A fact under another code means nothing here.
    expect(loginFailure(new ApiError('too_many_attempts', 429, null, 'x', { attemptsLeft: 3 })).attemptsLeft).toBeNull();
    expect(loginFailure(new Error('boom'))).toEqual({
      problem: { key: 'error.generic', requestId: null },
      attemptsLeft: null,
      lockedUntilMs: null,
    });
  });

  it('S1_4_says_until_when_a_lock_lasts_today_as_a_time', () => {
    const base = { key: 'errorCode.account_locked', requestId: 'r3' } as const;
    const until = NOW + 15 * 60_000;
    const vi = lockedUntilProblem(base, until, 'vi', NOW, ZONE);
    expect(vi).toEqual({ key: 'login.lockedUntilTime', requestId: 'r3', params: { time: '09:45' } });
    expect(translate('vi', vi.key, vi.params)).toContain('đến 09:45.');
    const en = lockedUntilProblem(base, until, 'en', NOW, ZONE);
    expect(translate('en', en.key, en.params)).toContain('until 09:45.');
  });

  it('S1_4_adds_the_date_when_the_lock_ends_on_another_day', () => {
    const base = { key: 'errorCode.account_locked', requestId: null } as const;
    // 15 hours later: 00:30 the next day in Hà Nội, although still the 24th in UTC.
    const until = NOW + 15 * 3_600_000;
    const vi = lockedUntilProblem(base, until, 'vi', NOW, ZONE);
    expect(translate('vi', vi.key, vi.params)).toContain('đến 00:30 ngày 25/11/2025.');
    const en = lockedUntilProblem(base, until, 'en', NOW, ZONE);
    expect(translate('en', en.key, en.params)).toContain('until 00:30 on 25/11/2025.');
  });
});
