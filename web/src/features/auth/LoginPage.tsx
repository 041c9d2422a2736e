import { useI18n } from '../../lib/i18n/i18n';
import { useLocation } from '../../lib/router';
import { useSession } from '../../lib/session';
import { Redirect } from '../../lib/ui/Redirect';
import { afterLoginPath } from './forced-steps';
import { LoginForm } from './LoginForm';

export function LoginPage() {
  const { t } = useI18n();
  const { state } = useSession();
  const { search } = useLocation();

  // A successful sign-in changes the session state; this branch then leaves the page, replacing
  // /login in the history so that "back" does not return to the form. A required password change
  // or two-factor enrolment comes first.
  if (state.status === 'authenticated') {
    return <Redirect to={afterLoginPath(state.session.user, search.get('next'))} />;
  }
  return (
    <section className="card card--narrow" aria-labelledby="login-title">
      <h1 id="login-title">{t('login.title')}</h1>
      <LoginForm />
    </section>
  );
}
