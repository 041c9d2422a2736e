// The notice above every page while the server suggests a password change (`change_suggested`,
// S1.3(3)): a link to the change-password page and a "later" button. Nothing is forced; once
// dismissed it stays away for this browser tab's session (sessionStorage), per account.
import { useState } from 'react';
import { useI18n } from '../../lib/i18n/i18n';
import { Link, useLocation } from '../../lib/router';
import { useSession } from '../../lib/session';

export const SUGGESTION_DISMISSED_KEY = 'dienhong.passwordSuggestionDismissed';

function readDismissed(): string | null {
  try {
    return window.sessionStorage.getItem(SUGGESTION_DISMISSED_KEY);
  } catch {
    // Storage disabled by policy: the notice comes back on the next page load.
    return null;
  }
}

function storeDismissed(userId: string): void {
  try {
    window.sessionStorage.setItem(SUGGESTION_DISMISSED_KEY, userId);
  } catch {
    // Not remembered; still hidden until the page is reloaded.
  }
}

/** Pages where the notice would be in the way or redundant. */
function hiddenOn(pathname: string): boolean {
  return pathname === '/change-password' || pathname.startsWith('/r/');
}

export function PasswordSuggestion() {
  const { t, formatDateTime } = useI18n();
  const { state } = useSession();
  const { pathname, search } = useLocation();
  const [dismissedFor, setDismissedFor] = useState<string | null>(readDismissed);

  if (state.status !== 'authenticated') return null;
  const { user } = state.session;
  if (user.passwordStatus !== 'change_suggested' || user.mustChangePassword) return null;
  if (dismissedFor === user.id || hiddenOn(pathname)) return null;

  const query = search.toString();
  const back = pathname + (query === '' ? '' : `?${query}`);
  const expiresAt = user.passwordExpiresAt ?? null;
  return (
    <div className="notice suggestion" role="status" data-testid="password-change-suggested">
      <p className="suggestion__text">
        {t('password.suggestion.text')}
        {expiresAt !== null && <> {t('password.reason.expiresAt', { date: formatDateTime(expiresAt) })}</>}
      </p>
      <div className="suggestion__actions">
        <Link
          className="button button--primary"
          to={back === '/' ? '/change-password' : `/change-password?next=${encodeURIComponent(back)}`}
          data-testid="password-change-suggested-link"
        >
          {t('password.suggestion.change')}
        </Link>
        <button
          className="button"
          type="button"
          onClick={() => {
            storeDismissed(user.id);
            setDismissedFor(user.id);
          }}
          data-testid="password-change-suggested-dismiss"
        >
          {t('password.suggestion.dismiss')}
        </button>
      </div>
    </div>
  );
}
