// /admin: the administration console shell. It signs the user in, or forces the password change,
// in place, so that the console's address never changes; then checks the role (S2.4) and shows
// the sections the user's permissions open (S2.5; the server checks each call again).
import { isAdminRole, permissionsOf } from '../../lib/api-types';
import { useI18n } from '../../lib/i18n/i18n';
import type { MessageKey } from '../../lib/i18n/translate';
import { navigate, useLocation } from '../../lib/router';
import { useSession } from '../../lib/session';
import { Redirect } from '../../lib/ui/Redirect';
import { ChangePasswordForm } from '../auth/ChangePasswordForm';
import { LoginForm } from '../auth/LoginForm';
import type { Actor } from './account-form';
import { AuditLog } from './AuditLog';
import { ConsoleNav } from './ConsoleNav';
import { sectionAt, securityPageAt, visibleSections, type ConsoleSection } from './console-sections';
import { ROLE_TEXT } from './labels';
import { OverviewCard } from './OverviewCard';
import { SecuritySection } from './SecuritySection';
import { UsersPage } from './UsersPage';
import './console.css';

function SectionNotice({ title, text, testId }: { title: MessageKey; text: MessageKey; testId: string }) {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="console-section-title">
      <h2 id="console-section-title">{t(title)}</h2>
      <p className="notice" data-testid={testId}>
        {t(text)}
      </p>
    </section>
  );
}

/** The content for `pathname` among the sections the user may open. */
function SectionContent({
  pathname,
  visible,
  adminUrl,
  actor,
}: {
  pathname: string;
  visible: readonly ConsoleSection[];
  adminUrl: string | undefined;
  actor: Actor;
}) {
  const section = sectionAt(pathname);
  if (section === null) {
    return <SectionNotice title="console.title" text="console.sectionUnknown" testId="console-section-unknown" />;
  }
  if (!visible.includes(section)) {
    // The console's front page shows the first section the user may open.
    const first = visible.find((s) => s.available);
    if (section.id === 'overview' && first !== undefined) return <Redirect to={first.path} />;
    if (visible.length === 0) {
      return <SectionNotice title="console.title" text="console.noSections" testId="console-no-sections" />;
    }
    return <SectionNotice title={section.label} text="console.sectionDenied" testId="console-section-denied" />;
  }
  switch (section.id) {
    case 'overview':
      return <OverviewCard adminUrl={adminUrl} />;
    case 'users':
      return <UsersPage actor={actor} />;
    case 'security': {
      const page = securityPageAt(pathname);
      if (page === null) {
        return <SectionNotice title={section.label} text="console.sectionUnknown" testId="console-section-unknown" />;
      }
      return <SecuritySection page={page.id} />;
    }
    case 'audit':
      return <AuditLog />;
    default:
      return <SectionNotice title={section.label} text="console.notAvailableBody" testId="console-not-available" />;
  }
}

export function ConsolePage() {
  const { t } = useI18n();
  const { state } = useSession();
  const { pathname } = useLocation();

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
  const permissions = permissionsOf(state.session);
  const visible = visibleSections(permissions);
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
        <ConsoleNav sections={visible} pathname={pathname} />
        <SectionContent
          pathname={pathname}
          visible={visible}
          adminUrl={adminUrl}
          actor={{ id: user.id, role: user.role, permissions }}
        />
      </div>
    </div>
  );
}
