import { useI18n } from '../../lib/i18n/i18n';
import { navigate, safeLocalPath, useLocation } from '../../lib/router';
import { useSession } from '../../lib/session';
import { Redirect } from '../../lib/ui/Redirect';
import { ChangePasswordForm } from './ChangePasswordForm';

export function ChangePasswordPage() {
  const { t } = useI18n();
  const { state } = useSession();
  const { search } = useLocation();

  if (state.status !== 'authenticated') {
    return <Redirect to={`/login?next=${encodeURIComponent('/change-password')}`} />;
  }
  const next = safeLocalPath(search.get('next'));
  return (
    <section className="card card--narrow" aria-labelledby="change-title">
      <h1 id="change-title">{t('password.title')}</h1>
      <ChangePasswordForm
        forced={state.session.user.mustChangePassword}
        onSuccess={() => navigate(next ?? '/', { replace: true })}
      />
    </section>
  );
}
