// /admin/security and its pages (settings.manage): the security policy, the administration
// access (networks and port) and the audit policy (retention and the central log server), each
// its own form, reached by the tabs on top.
import { useI18n } from '../../lib/i18n/i18n';
import { Link } from '../../lib/router';
import { AdminAccessSettings } from './AdminAccessSettings';
import { AuditPolicySettings } from './AuditPolicySettings';
import { SECURITY_PAGES, type SecurityPageId } from './console-sections';
import { SecuritySettings } from './SecuritySettings';

export function SecuritySection({ page }: { page: SecurityPageId }) {
  const { t } = useI18n();
  return (
    <div className="console-subsection">
      <nav className="subnav" aria-label={t('console.security.tabs')} data-testid="security-subnav">
        <ul>
          {SECURITY_PAGES.map((entry) => (
            <li key={entry.id}>
              <Link
                className="subnav__link"
                to={entry.path}
                aria-current={entry.id === page ? 'page' : undefined}
                data-testid={entry.testId}
              >
                {t(entry.label)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {page === 'policy' && <SecuritySettings />}
      {page === 'access' && <AdminAccessSettings />}
      {page === 'auditPolicy' && <AuditPolicySettings />}
    </div>
  );
}
