// What a signed-in user must do before anything else, and where: first the required password
// change (S1.3), then — when the security policy requires a second factor for the user's group
// and none is enrolled — the two-factor enrolment. The server refuses every other call meanwhile
// (password_change_required, two_factor_setup_required); these paths keep the pages in step.
import { mustSetUpTwoFactor, type User } from '../../lib/api-types';
import { safeLocalPath } from '../../lib/router';

export const CHANGE_PASSWORD_PATH = '/change-password';
export const TWO_FACTOR_PATH = '/account/security';

type ForcedFacts = Pick<User, 'mustChangePassword' | 'twoFactor'>;

function withNext(path: string, next: string | null): string {
  const target = safeLocalPath(next);
  return target === null ? path : `${path}?next=${encodeURIComponent(target)}`;
}

/** Where to go after signing in: a forced step first (keeping `next`), else `next` or "/". */
export function afterLoginPath(user: ForcedFacts, next: string | null): string {
  if (user.mustChangePassword) return withNext(CHANGE_PASSWORD_PATH, next);
  if (mustSetUpTwoFactor(user)) return withNext(TWO_FACTOR_PATH, next);
  return safeLocalPath(next) ?? '/';
}

/**
 * The page a signed-in user on `pathname` must be sent to instead, or null to stay. From /login
 * its `next` is kept; the enrolment keeps the page asked for, to continue there afterwards.
 */
export function forcedStepPath(user: ForcedFacts, pathname: string, search: URLSearchParams): string | null {
  if (user.mustChangePassword) {
    return pathname === CHANGE_PASSWORD_PATH ? null : withNext(CHANGE_PASSWORD_PATH, pathname === '/login' ? search.get('next') : null);
  }
  if (mustSetUpTwoFactor(user)) {
    if (pathname === TWO_FACTOR_PATH) return null;
    if (pathname === '/login' || pathname === CHANGE_PASSWORD_PATH) return withNext(TWO_FACTOR_PATH, search.get('next'));
    const query = search.toString();
    return withNext(TWO_FACTOR_PATH, pathname === '/' ? null : pathname + (query === '' ? '' : `?${query}`));
  }
  return null;
}
