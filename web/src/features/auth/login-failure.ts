// What the sign-in form says after a refusal (S1.4): the translated code, and the facts the server
// adds — how many attempts remain (invalid_credentials: before the account locks; invalid_code:
// for the code step, the fewer of the challenge's and the lockout's), and when a lock ends by
// itself (account_locked; without it the lock waits for an administrator).
import { ApiError } from '../../lib/api';
import { locale, type Language } from '../../lib/i18n/translate';
import { problemFrom, type Problem } from '../../lib/problem';

export interface LoginFailure {
  readonly problem: Problem;
  /** Tries left before the account locks; null when the server did not say. */
  readonly attemptsLeft: number | null;
  /** Unix ms when the lock ends by itself; null for other errors and for "until unlocked". */
  readonly lockedUntilMs: number | null;
}

export function loginFailure(error: unknown): LoginFailure {
  const problem = problemFrom(error, 'login');
  if (!(error instanceof ApiError)) return { problem, attemptsLeft: null, lockedUntilMs: null };
  const attempts =
    error.code === 'invalid_credentials' || error.code === 'invalid_code' ? error.fact('attemptsLeft') : null;
  const until = error.code === 'account_locked' ? error.fact('lockedUntilMs') : null;
  return {
    problem,
    attemptsLeft: attempts !== null && Number.isInteger(attempts) && attempts >= 0 ? attempts : null,
    lockedUntilMs: until !== null && until > 0 ? until : null,
  };
}

function sameLocalDay(a: number, b: number, zone: Intl.DateTimeFormatOptions): boolean {
  const day = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', ...zone });
  return day.format(a) === day.format(b);
}

/**
 * The problem to show for a lock that ends at `untilMs`: "until 14:05" today, "until 14:05 on
 * 25/11/2025" on another day, in the user's language and the browser's time zone.
 */
export function lockedUntilProblem(
  base: Problem,
  untilMs: number,
  lang: Language,
  nowMs: number,
  timeZone?: string,
): Problem {
  const zone: Intl.DateTimeFormatOptions = timeZone === undefined ? {} : { timeZone };
  const time = new Intl.DateTimeFormat(locale(lang), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...zone }).format(
    untilMs,
  );
  if (sameLocalDay(untilMs, nowMs, zone)) {
    return { key: 'login.lockedUntilTime', requestId: base.requestId, params: { time } };
  }
  const date = new Intl.DateTimeFormat(locale(lang), { day: '2-digit', month: '2-digit', year: 'numeric', ...zone }).format(
    untilMs,
  );
  return { key: 'login.lockedUntilDate', requestId: base.requestId, params: { time, date } };
}
