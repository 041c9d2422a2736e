import { useI18n } from '../lib/i18n/i18n';
import { Link } from '../lib/router';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <section className="card card--narrow">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <Link to="/">{t('room.backHome')}</Link>
    </section>
  );
}
