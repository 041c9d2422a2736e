// /admin: the administration console shell. It signs the user in, or forces the password change,
// in place, so that the console's address never changes; then checks the role (S2.4).
import { isAdminRole, type Role } from '../../lib/api-types';
import { useI18n } from '../../lib/i18n/i18n';
import type { MessageKey } from '../../lib/i18n/translate';
import { navigate } from '../../lib/router';
import { useSession } from '../../lib/session';
import { ChangePasswordForm } from '../auth/ChangePasswordForm';
import { LoginForm } from '../auth/LoginForm';
import { OverviewCard } from './OverviewCard';
import './console.css';

const ROLE_TEXT: Readonly<Record<Role, MessageKey>> = {
  user: 'role.user',
  meeting_admin: 'role.meeting_admin',
  system_admin: 'role.system_admin',
};

/** Sections that later versions fill in; shown now so that the console's shape is visible. */
const SECTIONS: readonly MessageKey[] = [
  'console.section.users',
  'console.section.rooms',
  'console.section.monitoring',
  'console.section.audit',
  'console.section.settings',
];

export function ConsolePage() {
  const { t } = useI18n();
  const { state } = useSession();

  if (state.status === 'loading') return <p role="status">{t('app.loading')}</p>;

  if (state.status === 'anonymous') {
    return (
      <section className="card card--narrow" aria-labelledby="console-login-title">
        <h1 id="console-login-title">{t('console.title')}</h1>
        <p className="notice">{t('login.consoleNotice')}</p>
        <h2 className="card__subtitle">{t('login.title')}</h2>
        {/* On success the session state changes and this page re-renders as the console. */}
        <LoginForm />
      </section>
    );
  }

  const { user, adminUrl } = state.session;
  if (user.mustChangePassword) {
    return (
      <section className="card card--narrow" aria-labelledby="console-change-title">
        <h1 id="console-change-title">{t('password.title')}</h1>
        <ChangePasswordForm forced onSuccess={() => navigate('/admin', { replace: true })} />
      </section>
    );
  }

  if (!isAdminRole(user.role)) {
    return (
      <section className="card card--narrow" aria-labelledby="console-denied-title">
        <h1 id="console-denied-title">{t('console.title')}</h1>
        <p className="notice notice--warning" role="alert" data-testid="console-no-permission">
          {t('console.noPermission')}
        </p>
      </section>
    );
  }

  return (
    <div className="console" data-testid="console-root">
      <div className="console__heading">
        <h1>{t('console.title')}</h1>
        <p className="console__role">
          {t('console.role')}: {t(ROLE_TEXT[user.role])}
        </p>
      </div>
      <div className="console__layout">
        <nav className="console__nav" aria-label={t('console.sections')}>
          <ul>
            {SECTIONS.map((key) => (
              <li key={key} className="console__nav-item console__nav-item--disabled">
                <span>{t(key)}</span> <span className="badge">{t('console.comingSoon')}</span>
              </li>
            ))}
          </ul>
        </nav>
        <OverviewCard adminUrl={adminUrl} />
      </div>
    </div>
  );
}
