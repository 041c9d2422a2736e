// Application shell: header, routes and the guards every page shares — while a password change
// is required (S1.3(1)), nothing but the change-password page (and signing out) is reachable;
// then, while the security policy requires a second factor not yet enrolled, nothing but the
// two-factor page (the console shows it in place); when the session ends by itself (S2.2), the
// sign-in form says why (the console and a meeting in progress stay where they are).
import { lazy, Suspense, useEffect, useRef } from 'react';
import { ChangePasswordPage } from '../features/auth/ChangePasswordPage';
import { forcedStepPath, TWO_FACTOR_PATH } from '../features/auth/forced-steps';
import { LoginPage } from '../features/auth/LoginPage';
import { PasswordSuggestion } from '../features/auth/PasswordSuggestion';
import { HomePage } from '../features/home/HomePage';
import { MeetingPage } from '../features/meeting/MeetingPage';
import { mustSetUpTwoFactor } from '../lib/api-types';
import { useI18n } from '../lib/i18n/i18n';
import { isConsolePath, navigate, useLocation } from '../lib/router';
import { useSession } from '../lib/session';
import { ErrorMessage } from '../lib/ui/ErrorMessage';
import { Redirect } from '../lib/ui/Redirect';
import { Header } from './Header';
import { NotFoundPage } from './NotFoundPage';

// The console is for administrators only: its code (security settings, overview) is a separate
// file under /assets, loaded the first time a console path is opened.
const ConsolePage = lazy(() => import('../features/admin/ConsolePage').then((m) => ({ default: m.ConsolePage })));
// Likewise the two-factor sign-in page (with its QR code encoder), used rarely.
const TwoFactorPage = lazy(() => import('../features/auth/TwoFactorPage').then((m) => ({ default: m.TwoFactorPage })));

/** Where the sign-in form is, for a session that ended on `pathname`; null to stay. */
export function sessionEndedRedirect(pathname: string, search: string): string | null {
  // The console signs in in place; a meeting keeps going on its own connection.
  if (isConsolePath(pathname) || pathname.startsWith('/r/') || pathname === '/login') return null;
  if (pathname === '/') return '/login';
  return `/login?next=${encodeURIComponent(pathname + search)}`;
}

/** Shows the sign-in form (with the reason) once, when the session ends without a sign-out. */
function useSessionEndedRedirect() {
  const { state } = useSession();
  const ended = state.status === 'anonymous' ? state.ended : null;
  useEffect(() => {
    if (ended === null) return;
    const target = sessionEndedRedirect(window.location.pathname, window.location.search);
    if (target !== null) navigate(target, { replace: true });
  }, [ended]);
}

function Page() {
  const { t } = useI18n();
  const { state, refresh } = useSession();
  const { pathname, search } = useLocation();

  if (state.status === 'loading') return <p role="status">{t('app.loading')}</p>;

  // The console handles sign-in and forced password change in place; the two-factor enrolment a
  // policy requires is shown in place here, and the console once it is done.
  if (isConsolePath(pathname)) {
    if (
      state.status === 'authenticated' &&
      !state.session.user.mustChangePassword &&
      mustSetUpTwoFactor(state.session.user)
    ) {
      return (
        <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
          <TwoFactorPage inPlace />
        </Suspense>
      );
    }
    return (
      <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
        <ConsolePage />
      </Suspense>
    );
  }

  const forcedStep = state.status === 'authenticated' ? forcedStepPath(state.session.user, pathname, search) : null;
  if (forcedStep !== null) return <Redirect to={forcedStep} />;

  const loadProblem =
    state.status === 'anonymous' && state.loadProblem !== null ? (
      <div className="banner">
        <ErrorMessage problem={state.loadProblem} testId="session-error" />
        <button className="button" type="button" onClick={() => void refresh()}>
          {t('error.retry')}
        </button>
      </div>
    ) : null;

  let page;
  if (pathname === '/') page = <HomePage />;
  else if (pathname === '/login') page = <LoginPage />;
  else if (pathname === '/change-password') page = <ChangePasswordPage />;
  else if (pathname === TWO_FACTOR_PATH) {
    page = (
      <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
        <TwoFactorPage />
      </Suspense>
    );
  } else if (pathname.startsWith('/r/')) page = <MeetingPage />;
  else page = <NotFoundPage />;

  return (
    <>
      {loadProblem}
      {page}
    </>
  );
}

export function App() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  const firstPath = useRef(pathname);
  useSessionEndedRedirect();

  // After client-side navigation, move focus to the new content (as a page load would) so that
  // keyboard and screen-reader users start at the top of it.
  useEffect(() => {
    if (pathname !== firstPath.current) {
      firstPath.current = pathname;
      main.current?.focus();
    }
  }, [pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Header />
      <main id="main" className="site-main" ref={main} tabIndex={-1}>
        <PasswordSuggestion />
        <Page />
      </main>
      <footer className="site-footer">
        <p>{t('app.footer')}</p>
      </footer>
    </>
  );
}
