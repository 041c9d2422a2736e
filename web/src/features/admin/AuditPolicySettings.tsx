// /admin/security/audit-policy (settings.manage): how long the audit log is kept and the central
// log server it is forwarded to (S3.2: RFC 5424 syslog over TLS, the server's certificate checked
// against the CA given here), with the forwarder's state. Its last error is the server's own
// English text for administrators, shown as a technical detail, never as the page's message.
import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { locale, useI18n } from '../../lib/i18n/i18n';
import type { MessageKey, MessageParams } from '../../lib/i18n/translate';
import { problemFrom, type Problem } from '../../lib/problem';
import { ErrorMessage } from '../../lib/ui/ErrorMessage';
import { getAuditPolicy, saveAuditPolicy } from './admin-api';
import type { AuditPolicyAnswer, ForwardingStatus } from './admin-types';
import {
  checkAuditPolicyForm,
  formFromAuditPolicy,
  RETENTION_RANGE,
  type AuditPolicyField,
  type AuditPolicyFormValues,
} from './audit-policy-form';
import { FORWARDING_TEXT } from './labels';

type LoadState =
  | { readonly status: 'loading' }
  | { readonly status: 'failed'; readonly problem: Problem }
  | { readonly status: 'ready'; readonly answer: AuditPolicyAnswer };

type Invalid = { readonly field: AuditPolicyField; readonly key: MessageKey; readonly params?: MessageParams };

export function AuditPolicySettings({ now = Date.now }: { now?: () => number }) {
  const { t, lang } = useI18n();
  const id = useId();
  const [load, setLoad] = useState<LoadState>({ status: 'loading' });
  const [values, setValues] = useState<AuditPolicyFormValues | null>(null);
  const [invalid, setInvalid] = useState<Invalid | null>(null);
  const [serverProblem, setServerProblem] = useState<Problem | null>(null);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const inputs = useRef<Partial<Record<AuditPolicyField, HTMLElement | null>>>({});
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
      const answer = await getAuditPolicy(current.signal);
      if (current.signal.aborted) return;
      setLoad({ status: 'ready', answer });
      setValues(formFromAuditPolicy(answer.policy));
    } catch (error: unknown) {
      if (!current.signal.aborted) setLoad({ status: 'failed', problem: problemFrom(error, 'auditPolicy') });
    }
  }, []);

  useEffect(() => {
    void reload();
    return () => controller.current?.abort();
  }, [reload]);

  if (load.status === 'loading' && values === null) {
    return (
      <PolicyCard>
        <p role="status">{t('app.loading')}</p>
      </PolicyCard>
    );
  }
  if (load.status === 'failed' || values === null) {
    return (
      <PolicyCard>
        <ErrorMessage problem={load.status === 'failed' ? load.problem : null} testId="audit-policy-load-error" />
        <button className="button" type="button" onClick={() => void reload()}>
          {t('error.retry')}
        </button>
      </PolicyCard>
    );
  }
  const answer = load.status === 'ready' ? load.answer : null;
  const form = values;

  function set(patch: Partial<AuditPolicyFormValues>) {
    setValues((prev) => (prev === null ? prev : { ...prev, ...patch }));
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    setSavedAt(null);
    setServerProblem(null);
    const checked = checkAuditPolicyForm(form);
    if (!checked.ok) {
      setInvalid(checked.params === undefined ? { field: checked.field, key: checked.key } : { field: checked.field, key: checked.key, params: checked.params });
      inputs.current[checked.field]?.focus();
      return;
    }
    setInvalid(null);
    setSaving(true);
    try {
      const saved = await saveAuditPolicy(checked.policy);
      setLoad({ status: 'ready', answer: saved });
      setValues(formFromAuditPolicy(saved.policy));
      setSavedAt(saved.updatedAt ?? now());
    } catch (error: unknown) {
      setServerProblem(problemFrom(error, 'auditPolicy'));
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
  const bad = (field: AuditPolicyField) => invalid?.field === field;
  const describedBy = (field: AuditPolicyField, hint?: string) =>
    [hint, bad(field) ? errorId : undefined].filter((part) => part !== undefined).join(' ') || undefined;
  const ref = (field: AuditPolicyField) => (element: HTMLElement | null) => {
    inputs.current[field] = element;
  };

  return (
    <PolicyCard>
      <p className="settings__intro">{t('console.auditPolicy.intro')}</p>
      {answer?.forwarding !== undefined && <ForwardingFacts status={answer.forwarding} />}
      <form className="form settings" onSubmit={(e) => void handleSubmit(e)} noValidate data-testid="audit-policy-form">
        <fieldset className="settings-group">
          <legend>{t('console.auditPolicy.retention')}</legend>
          <div className="field settings-field">
            <label htmlFor={`${id}-retention`}>{t('console.auditPolicy.retentionDays')}</label>
            <input
              id={`${id}-retention`}
              type="number"
              inputMode="numeric"
              min={RETENTION_RANGE.min}
              max={RETENTION_RANGE.max}
              step={1}
              required
              value={form.retentionDays}
              onChange={(e) => set({ retentionDays: e.target.value })}
              ref={ref('retentionDays')}
              aria-invalid={bad('retentionDays')}
              aria-describedby={describedBy('retentionDays', `${id}-retention-hint`)}
              data-testid="audit-retention"
            />
            <p className="field__hint" id={`${id}-retention-hint`}>
              {t('console.auditPolicy.retentionHint')}
            </p>
          </div>
        </fieldset>

        <fieldset className="settings-group">
          <legend>{t('console.auditPolicy.syslog')}</legend>
          <label className="settings-choice">
            <input
              type="checkbox"
              checked={form.enabled}
              onChange={(e) => set({ enabled: e.target.checked })}
              data-testid="syslog-enabled"
            />
            <span>{t('console.auditPolicy.enabled')}</span>
          </label>
          <div className="settings-group__fields">
            <div className="field">
              <label htmlFor={`${id}-host`}>{t('console.auditPolicy.host')}</label>
              <input
                id={`${id}-host`}
                type="text"
                spellCheck={false}
                autoCapitalize="none"
                maxLength={253}
                value={form.host}
                onChange={(e) => set({ host: e.target.value })}
                ref={ref('host')}
                aria-invalid={bad('host')}
                aria-describedby={describedBy('host')}
                data-testid="syslog-host"
              />
            </div>
            <div className="field settings-field">
              <label htmlFor={`${id}-port`}>{t('console.auditPolicy.port')}</label>
              <input
                id={`${id}-port`}
                type="number"
                inputMode="numeric"
                min={1}
                max={65_535}
                step={1}
                value={form.port}
                onChange={(e) => set({ port: e.target.value })}
                ref={ref('port')}
                aria-invalid={bad('port')}
                aria-describedby={describedBy('port', `${id}-port-hint`)}
                data-testid="syslog-port"
              />
              <p className="field__hint" id={`${id}-port-hint`}>
                {t('console.auditPolicy.portHint')}
              </p>
            </div>
            <div className="field">
              <label htmlFor={`${id}-server-name`}>{t('console.auditPolicy.serverName')}</label>
              <input
                id={`${id}-server-name`}
                type="text"
                spellCheck={false}
                autoCapitalize="none"
                maxLength={253}
                value={form.serverName}
                onChange={(e) => set({ serverName: e.target.value })}
                ref={ref('serverName')}
                aria-invalid={bad('serverName')}
                aria-describedby={describedBy('serverName', `${id}-server-name-hint`)}
                data-testid="syslog-server-name"
              />
              <p className="field__hint" id={`${id}-server-name-hint`}>
                {t('console.auditPolicy.serverNameHint')}
              </p>
            </div>
          </div>
          <div className="field">
            <label htmlFor={`${id}-ca`}>{t('console.auditPolicy.ca')}</label>
            <textarea
              id={`${id}-ca`}
              className="admin-textarea mono"
              rows={8}
              spellCheck={false}
              autoCapitalize="none"
              placeholder="-----BEGIN CERTIFICATE-----"
              value={form.caCertificate}
              onChange={(e) => set({ caCertificate: e.target.value })}
              ref={ref('caCertificate')}
              aria-invalid={bad('caCertificate')}
              aria-describedby={describedBy('caCertificate', `${id}-ca-hint`)}
              data-testid="syslog-ca"
            />
            <p className="field__hint" id={`${id}-ca-hint`}>
              {t('console.auditPolicy.caHint')}
            </p>
          </div>
        </fieldset>

        <ErrorMessage problem={problem} testId="audit-policy-error" id={errorId} />
        {savedAt !== null && (
          <p className="settings__saved" role="status" data-testid="audit-policy-saved">
            {t('console.security.saved', { time: timeFormat.format(savedAt) })}
          </p>
        )}
        <div className="settings__actions">
          <button className="button button--primary" type="submit" aria-disabled={saving} data-testid="audit-policy-save">
            {saving ? t('console.security.saving') : t('console.security.save')}
          </button>
          <button className="button" type="button" onClick={() => void reload()} disabled={saving}>
            {t('console.security.reload')}
          </button>
        </div>
      </form>
    </PolicyCard>
  );
}

function ForwardingFacts({ status }: { status: ForwardingStatus }) {
  const { t, formatNumber, formatDateTime } = useI18n();
  return (
    <div className="forwarding" data-testid="forwarding">
      <h3>{t('console.auditPolicy.forwarding')}</h3>
      <dl className="facts facts--inline">
        <div className="facts__item">
          <dt>{t('console.auditPolicy.state')}</dt>
          <dd data-testid="forwarding-state" data-state={status.state}>
            {t(FORWARDING_TEXT[status.state])}
          </dd>
        </div>
        <div className="facts__item">
          <dt>{t('console.auditPolicy.pending')}</dt>
          <dd data-testid="forwarding-pending">{formatNumber(status.pending)}</dd>
        </div>
        <div className="facts__item">
          <dt>{t('console.auditPolicy.lastDelivered')}</dt>
          <dd data-testid="forwarding-last-delivered">
            {status.lastDeliveredAt === null ? t('console.auditPolicy.never') : formatDateTime(status.lastDeliveredAt)}
          </dd>
        </div>
      </dl>
      {status.lastError !== '' && (
        <figure className="technical-detail">
          <figcaption className="technical-detail__label">{t('console.auditPolicy.lastError')}</figcaption>
          <pre className="technical-detail__text">
            <code data-testid="forwarding-last-error">{status.lastError}</code>
          </pre>
        </figure>
      )}
    </div>
  );
}

function PolicyCard({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <section className="card console-settings" aria-labelledby="audit-policy-title" data-testid="console-audit-policy">
      <h2 id="audit-policy-title">{t('console.auditPolicy.title')}</h2>
      {children}
    </section>
  );
}
