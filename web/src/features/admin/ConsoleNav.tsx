// The console's navigation: the sections the user's permissions open, the current one marked
// (aria-current); sections without a page yet are plain text with a "not yet available" badge.
import { useI18n } from '../../lib/i18n/i18n';
import { Link } from '../../lib/router';
import { sectionAt, type ConsoleSection } from './console-sections';

export function ConsoleNav({ sections, pathname }: { sections: readonly ConsoleSection[]; pathname: string }) {
  const { t } = useI18n();
  const current = sectionAt(pathname);
  return (
    <nav className="console__nav" aria-label={t('console.sections')} data-testid="console-nav">
      <ul>
        {sections.map((section) =>
          section.available ? (
            <li key={section.id} className="console__nav-item console__nav-item--link">
              <Link
                className="console__nav-link"
                to={section.path}
                aria-current={current?.id === section.id ? 'page' : undefined}
                data-testid={`console-nav-${section.id}`}
              >
                {t(section.label)}
              </Link>
            </li>
          ) : (
            <li
              key={section.id}
              className="console__nav-item console__nav-item--disabled"
              data-testid={`console-nav-${section.id}`}
            >
              <span>{t(section.label)}</span> <span className="badge">{t('console.notAvailable')}</span>
            </li>
          ),
        )}
      </ul>
    </nav>
  );
}
