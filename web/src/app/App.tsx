// Application shell: header, routes and the guards every page shares — while a password change
// is required (S1.3(1)), nothing but the change-password page (and signing out) is reachable.
import { useEffect, useRef } from 'react';
import { ChangePasswordPage } from '../features/auth/ChangePasswordPage';
import { afterLoginPath, LoginPage } from '../features/auth/LoginPage';
import { ConsolePage } from '../features/admin/ConsolePage';
import { HomePage } from '../features/home/HomePage';
import { MeetingPage } from '../features/meeting/MeetingPage';
import { useI18n } from '../lib/i18n/i18n';
import { isConsolePath, useLocation } from '../lib/router';
import { useSession } from '../lib/session';
import { ErrorMessage } from '../lib/ui/ErrorMessage';
import { Redirect } from '../lib/ui/Redirect';
import { Header } from './Header';
import { NotFoundPage } from './NotFoundPage';

function Page() {
  const { t } = useI18n();
  const { state, refresh } = useSession();
  const { pathname, search } = useLocation();

  if (state.status === 'loading') return <p role="status">{t('app.loading')}</p>;

  // The console handles sign-in and forced password change in place.
  if (isConsolePath(pathname)) return <ConsolePage />;

  if (state.status === 'authenticated' && state.session.user.mustChangePassword && pathname !== '/change-password') {
    return <Redirect to={afterLoginPath(true, pathname === '/login' ? search.get('next') : null)} />;
  }

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
  else if (pathname.startsWith('/r/')) page = <MeetingPage />;
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
        <Page />
      </main>
      <footer className="site-footer">
        <p>{t('app.footer')}</p>
      </footer>
    </>
  );
}
