import { useI18n } from '../../lib/i18n/i18n';
import { safeLocalPath, useLocation } from '../../lib/router';
import { useSession } from '../../lib/session';
import { Redirect } from '../../lib/ui/Redirect';
import { LoginForm } from './LoginForm';

/** Where to go after signing in: the change-password page first when required, else `next` or "/". */
export function afterLoginPath(mustChangePassword: boolean, next: string | null): string {
  const target = safeLocalPath(next);
  if (mustChangePassword) {
    return target === null ? '/change-password' : `/change-password?next=${encodeURIComponent(target)}`;
  }
  return target ?? '/';
}

export function LoginPage() {
  const { t } = useI18n();
  const { state } = useSession();
  const { search } = useLocation();

  // A successful sign-in changes the session state; this branch then leaves the page, replacing
  // /login in the history so that "back" does not return to the form.
  if (state.status === 'authenticated') {
    return <Redirect to={afterLoginPath(state.session.user.mustChangePassword, search.get('next'))} />;
  }
  return (
    <section className="card card--narrow" aria-labelledby="login-title">
      <h1 id="login-title">{t('login.title')}</h1>
      <LoginForm />
    </section>
  );
}
