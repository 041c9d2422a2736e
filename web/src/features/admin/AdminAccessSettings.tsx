// /admin/security/access (settings.manage): who may reach the console (S2.3: the allowed networks,
// one CIDR range per line) and on which port (S2.1: saved now, used from the next start; the
// answer says which port is active and whether a restart is pending). Shapes are checked before
// sending (access-form.ts); a list that leaves out the administrator's own address is refused by
// the server (would_lock_out, translated).
import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { locale, useI18n } from '../../lib/i18n/i18n';
import type { MessageKey, MessageParams } from '../../lib/i18n/translate';
import { problemFrom, type Problem } from '../../lib/problem';
import { ErrorMessage } from '../../lib/ui/ErrorMessage';
import { checkAccessForm, formFromAccess, MAX_NETWORKS, type AccessField, type AccessFormValues } from './access-form';
import { getAdminAccess, saveAdminAccess } from './admin-api';
import type { AdminAccessAnswer } from './admin-types';

type LoadState =
  | { readonly status: 'loading' }
  | { readonly status: 'failed'; readonly problem: Problem }
  | { readonly status: 'ready'; readonly answer: AdminAccessAnswer };

export function AdminAccessSettings({ now = Date.now }: { now?: () => number }) {
  const { t, lang, formatDateTime } = useI18n();
  const id = useId();
  const [load, setLoad] = useState<LoadState>({ status: 'loading' });
  const [values, setValues] = useState<AccessFormValues | null>(null);
  const [invalid, setInvalid] = useState<{ field: AccessField; key: MessageKey; params?: MessageParams } | null>(null);
  const [serverProblem, setServerProblem] = useState<Problem | null>(null);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const inputs = useRef<Partial<Record<AccessField, HTMLElement | null>>>({});
  const controller = useRef<AbortController | null>(null);

  const reload = useCallback(async () => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    setLoad({ status: 'loading' });
    setInvalid(null);
    setServerProblem(null);
    setSavedAt(null);
    try {
      const answer = await getAdminAccess(current.signal);
      if (current.signal.aborted) return;
      setLoad({ status: 'ready', answer });
      setValues(formFromAccess(answer.access));
    } catch (error: unknown) {
      if (!current.signal.aborted) setLoad({ status: 'failed', problem: problemFrom(error, 'adminAccess') });
    }
  }, []);

  useEffect(() => {
    void reload();
    return () => controller.current?.abort();
  }, [reload]);

  if (load.status === 'loading' && values === null) {
    return (
      <AccessCard>
        <p role="status">{t('app.loading')}</p>
      </AccessCard>
    );
  }
  if (load.status === 'failed' || values === null) {
    return (
      <AccessCard>
        <ErrorMessage problem={load.status === 'failed' ? load.problem : null} testId="access-load-error" />
        <button className="button" type="button" onClick={() => void reload()}>
          {t('error.retry')}
        </button>
      </AccessCard>
    );
  }
  const answer = load.status === 'ready' ? load.answer : null;
  const form = values;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    setSavedAt(null);
    setServerProblem(null);
    const checked = checkAccessForm(form);
    if (!checked.ok) {
      setInvalid(checked.params === undefined ? { field: checked.field, key: checked.key } : { field: checked.field, key: checked.key, params: checked.params });
      inputs.current[checked.field]?.focus();
      return;
    }
    setInvalid(null);
    setSaving(true);
    try {
      const saved = await saveAdminAccess(checked.access);
      setLoad({ status: 'ready', answer: saved });
      setValues(formFromAccess(saved.access));
      setSavedAt(saved.updatedAt ?? now());
    } catch (error: unknown) {
      setServerProblem(problemFrom(error, 'adminAccess'));
    } finally {
      setSaving(false);
    }
  }

  const errorId = `${id}-error`;
  const problem: Problem | null =
    invalid !== null
      ? invalid.params === undefined
        ? { key: invalid.key, requestId: null }
        : { key: invalid.key, requestId: null, params: invalid.params }
      : serverProblem;
  const timeFormat = new Intl.DateTimeFormat(locale(lang), { timeStyle: 'medium' });
  const describedBy = (field: AccessField, hint: string) => (invalid?.field === field ? `${hint} ${errorId}` : hint);

  return (
    <AccessCard>
      <p className="settings__intro">{t('console.access.intro')}</p>
      {answer !== null && (
        <dl className="facts facts--inline">
          <div className="facts__item">
            <dt>{t('console.access.activePort')}</dt>
            <dd data-testid="access-active-port">{answer.activePort}</dd>
          </div>
          <div className="facts__item">
            <dt>{t('console.access.updatedAtLabel')}</dt>
            <dd data-testid="access-updated-at">
              {answer.updatedAt === null ? t('console.access.defaults') : formatDateTime(answer.updatedAt)}
            </dd>
          </div>
        </dl>
      )}
      {answer?.restartRequired === true && (
        <p className="notice notice--warning" role="status" data-testid="access-restart-required">
          {t('console.access.restartRequired', {
            port: answer.access.port ?? answer.activePort,
            active: answer.activePort,
          })}
        </p>
      )}
      <form className="form settings" onSubmit={(e) => void handleSubmit(e)} noValidate data-testid="access-form">
        <div className="field">
          <label htmlFor={`${id}-networks`}>{t('console.access.networks')}</label>
          <textarea
            id={`${id}-networks`}
            className="admin-textarea mono"
            rows={8}
            spellCheck={false}
            autoCapitalize="none"
            value={form.networks}
            onChange={(e) => setValues((prev) => (prev === null ? prev : { ...prev, networks: e.target.value }))}
            ref={(element) => {
              inputs.current.networks = element;
            }}
            aria-invalid={invalid?.field === 'networks'}
            aria-describedby={describedBy('networks', `${id}-networks-hint`)}
            data-testid="access-networks"
          />
          <p className="field__hint" id={`${id}-networks-hint`}>
            {t('console.access.networksHint', { max: MAX_NETWORKS })}
          </p>
        </div>
        <div className="field settings-field">
          <label htmlFor={`${id}-port`}>{t('console.access.port')}</label>
          <input
            id={`${id}-port`}
            type="text"
            inputMode="numeric"
            value={form.port}
            onChange={(e) => setValues((prev) => (prev === null ? prev : { ...prev, port: e.target.value }))}
            ref={(element) => {
              inputs.current.port = element;
            }}
            aria-invalid={invalid?.field === 'port'}
            aria-describedby={describedBy('port', `${id}-port-hint`)}
            data-testid="access-port"
          />
          <p className="field__hint" id={`${id}-port-hint`}>
            {t('console.access.portHint')}
          </p>
        </div>
        <ErrorMessage problem={problem} testId="access-error" id={errorId} />
        {savedAt !== null && (
          <p className="settings__saved" role="status" data-testid="access-saved">
            {t('console.security.saved', { time: timeFormat.format(savedAt) })}
          </p>
        )}
        <div className="settings__actions">
          <button className="button button--primary" type="submit" aria-disabled={saving} data-testid="access-save">
            {saving ? t('console.security.saving') : t('console.security.save')}
          </button>
          <button className="button" type="button" onClick={() => void reload()} disabled={saving}>
            {t('console.security.reload')}
          </button>
        </div>
      </form>
    </AccessCard>
  );
}

function AccessCard({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <section className="card console-settings" aria-labelledby="access-title" data-testid="console-access">
      <h2 id="access-title">{t('console.access.title')}</h2>
      {children}
    </section>
  );
}
