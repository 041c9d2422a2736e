// System overview of the administration console, from GET /api/v1/admin/overview.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, getAdminOverview } from '../../lib/api';
import type { AdminOverview } from '../../lib/api-types';
import { useI18n } from '../../lib/i18n/i18n';
import { problemFrom, type Problem } from '../../lib/problem';
import { ErrorMessage } from '../../lib/ui/ErrorMessage';
import { safeHttpUrl } from '../../lib/url';
import { formatDuration } from './duration';

type OverviewState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly overview: AdminOverview }
  | { readonly status: 'wrong-port' }
  | { readonly status: 'failed'; readonly problem: Problem };

export function OverviewCard({ adminUrl }: { adminUrl: string | undefined }) {
  const { t, formatNumber, formatDateTime } = useI18n();
  const [state, setState] = useState<OverviewState>({ status: 'loading' });
  const controller = useRef<AbortController | null>(null);

  const load = useCallback(async () => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    setState((prev) => (prev.status === 'ready' ? prev : { status: 'loading' }));
    try {
      const overview = await getAdminOverview(current.signal);
      if (!current.signal.aborted) setState({ status: 'ready', overview });
    } catch (error: unknown) {
      if (current.signal.aborted) return;
      // The API answers not_found on the main port: the console lives on the administration port.
      if (error instanceof ApiError && error.code === 'not_found') setState({ status: 'wrong-port' });
      else setState({ status: 'failed', problem: problemFrom(error) });
    }
  }, []);

  useEffect(() => {
    void load();
    return () => controller.current?.abort();
  }, [load]);

  const consoleHref = safeHttpUrl(adminUrl);
  return (
    <section className="card console-overview" aria-labelledby="overview-title" data-testid="console-overview">
      <div className="card__header">
        <h2 id="overview-title">{t('console.overview.title')}</h2>
        <button className="button" type="button" onClick={() => void load()} disabled={state.status === 'loading'}>
          {t('console.overview.refresh')}
        </button>
      </div>
      {state.status === 'loading' && <p role="status">{t('app.loading')}</p>}
      {state.status === 'wrong-port' && (
        <div className="notice notice--warning" role="alert" data-testid="console-wrong-port">
          <p>{t('console.wrongPort')}</p>
          {consoleHref !== null && <a href={consoleHref}>{t('console.openConsole')}</a>}
        </div>
      )}
      {state.status === 'failed' && <ErrorMessage problem={state.problem} testId="console-overview-error" />}
      {state.status === 'ready' && (
        <dl className="facts">
          <div className="facts__item">
            <dt>{t('console.overview.version')}</dt>
            <dd data-testid="console-version">{state.overview.version}</dd>
          </div>
          <div className="facts__item">
            <dt>{t('console.overview.uptime')}</dt>
            <dd data-testid="console-uptime">{formatDuration(state.overview.uptimeSeconds, t)}</dd>
          </div>
          <div className="facts__item">
            <dt>{t('console.overview.startedAt')}</dt>
            <dd>{formatDateTime(state.overview.startedAtMs)}</dd>
          </div>
          <div className="facts__item">
            <dt>{t('console.overview.users')}</dt>
            <dd data-testid="console-users">{formatNumber(state.overview.users)}</dd>
          </div>
          <div className="facts__item">
            <dt>{t('console.overview.database')}</dt>
            <dd data-testid="console-database">
              {t(state.overview.database === 'sqlite' ? 'database.sqlite' : 'database.postgresql')}
            </dd>
          </div>
          <div className="facts__item">
            <dt>{t('console.overview.schemaVersion')}</dt>
            <dd data-testid="console-schema-version">{state.overview.schemaVersion}</dd>
          </div>
        </dl>
      )}
    </section>
  );
}
