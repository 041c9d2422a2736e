// Site header: product name, language switch (a <select>, data-testid="lang-switch"), and the
// account links: sign in, or the user's name, the console link (adminUrl, a full URL on the
// administration port, hence a plain <a>), change password, two-factor sign-in and sign out.
// During a forced password change or two-factor enrolment only sign out is offered.
import { useId, useState } from 'react';
import { TWO_FACTOR_PATH } from '../features/auth/forced-steps';
import { mustSetUpTwoFactor } from '../lib/api-types';
import { useI18n } from '../lib/i18n/i18n';
import { isLanguage, LANGUAGES, type MessageKey } from '../lib/i18n/translate';
import { problemFrom, type Problem } from '../lib/problem';
import { isConsolePath, Link, navigate, useLocation } from '../lib/router';
import { useSession } from '../lib/session';
import { ErrorMessage } from '../lib/ui/ErrorMessage';
import { safeHttpUrl } from '../lib/url';

const LANGUAGE_NAMES: Readonly<Record<(typeof LANGUAGES)[number], MessageKey>> = { vi: 'lang.vi', en: 'lang.en' };

function loginHref(pathname: string, search: URLSearchParams): string {
  if (pathname === '/' || pathname === '/login') return '/login';
  const query = search.toString();
  return `/login?next=${encodeURIComponent(pathname + (query === '' ? '' : `?${query}`))}`;
}

export function Header() {
  const { t, lang, setLang } = useI18n();
  const { state, logout } = useSession();
  const { pathname, search } = useLocation();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [leaving, setLeaving] = useState(false);
  const langId = useId();

  async function handleLogout() {
    setLeaving(true);
    setProblem(null);
    try {
      await logout();
      if (!isConsolePath(pathname)) navigate('/');
    } catch (error: unknown) {
      setProblem(problemFrom(error));
    } finally {
      setLeaving(false);
    }
  }

  const session = state.status === 'authenticated' ? state.session : null;
  const forced = session !== null && (session.user.mustChangePassword || mustSetUpTwoFactor(session.user));
  const consoleHref = session === null || forced ? null : safeHttpUrl(session.adminUrl);

  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link to="/" className="brand" aria-label={t('nav.home')}>
          <span className="brand__mark" aria-hidden="true" />
          <span className="brand__name">{t('app.name')}</span>
        </Link>
        <nav className="site-nav" aria-label={t('nav.main')}>
          <label className="visually-hidden" htmlFor={langId}>
            {t('lang.label')}
          </label>
          <select
            id={langId}
            className="lang-switch"
            value={lang}
            onChange={(e) => {
              if (isLanguage(e.target.value)) setLang(e.target.value);
            }}
            data-testid="lang-switch"
          >
            {LANGUAGES.map((code) => (
              <option key={code} value={code} lang={code}>
                {t(LANGUAGE_NAMES[code])}
              </option>
            ))}
          </select>
          {session !== null ? (
            <>
              <span className="site-nav__user" title={t('nav.signedInAs', { name: session.user.displayName })} data-testid="nav-user">
                {session.user.displayName}
              </span>
              {consoleHref !== null && (
                <a className="site-nav__link" href={consoleHref} data-testid="nav-console">
                  {t('nav.console')}
                </a>
              )}
              {!forced && (
                <Link className="site-nav__link" to="/change-password" data-testid="nav-change-password">
                  {t('nav.changePassword')}
                </Link>
              )}
              {!forced && (
                <Link className="site-nav__link" to={TWO_FACTOR_PATH} data-testid="nav-two-factor">
                  {t('nav.twoFactor')}
                </Link>
              )}
              <button
                className="button button--header"
                type="button"
                onClick={() => void handleLogout()}
                disabled={leaving}
                data-testid="nav-logout"
              >
                {t('nav.logout')}
              </button>
            </>
          ) : (
            state.status === 'anonymous' && (
              <Link className="button button--header" to={loginHref(pathname, search)} data-testid="nav-login">
                {t('nav.login')}
              </Link>
            )
          )}
        </nav>
      </div>
      {problem !== null && (
        <div className="site-header__problem">
          <ErrorMessage problem={problem} testId="nav-logout-error" />
        </div>
      )}
    </header>
  );
}
