// /admin/security/audit-policy (settings.manage): how long the audit log is kept and the central
// log server it is forwarded to (S3.2: RFC 5424 syslog over TLS, the server's certificate checked
// against the CA given here), with the forwarder's state. Its last error is the server's own
// English text for administrators, shown as a technical detail, never as the page's message.
import { useId, type FormEvent, type ReactNode } from 'react';
import { locale, useI18n } from '../../lib/i18n/i18n';
import type { Problem } from '../../lib/problem';
import { ErrorMessage } from '../../lib/ui/ErrorMessage';
import { getAuditPolicy, saveAuditPolicy } from './admin-api';
import type { AuditPolicy, AuditPolicyAnswer, ForwardingStatus } from './admin-types';
import {
  checkAuditPolicyForm,
  formFromAuditPolicy,
  RETENTION_RANGE,
  type AuditPolicyField,
  type AuditPolicyFormValues,
} from './audit-policy-form';
import { FORWARDING_TEXT } from './labels';
import { fieldProblem, problemOfField, SettingsGate, useSettingsForm, type FieldProblem } from './use-settings-form';

export function AuditPolicySettings({ now = Date.now }: { now?: () => number }) {
  const { t, lang } = useI18n();
  const id = useId();
  const settings = useSettingsForm<AuditPolicyAnswer, AuditPolicyFormValues, AuditPolicy, AuditPolicyField, FieldProblem<AuditPolicyField>>({
    load: getAuditPolicy,
    save: saveAuditPolicy,
    toValues: (answer) => formFromAuditPolicy(answer.policy),
    updatedAt: (answer) => answer.updatedAt,
    problemContext: 'auditPolicy',
    now,
  });
  const { load, values, invalid, serverProblem, savedAt, saving } = settings;
  if (values === null || load.status === 'failed') {
    return (
      <PolicyCard>
        <SettingsGate load={load} hasValues={values !== null} reload={settings.reload} errorTestId="audit-policy-load-error" />
      </PolicyCard>
    );
  }
  const answer = load.status === 'ready' ? load.answer : null;
  const form = values;

  function set(patch: Partial<AuditPolicyFormValues>) {
    settings.update((prev) => ({ ...prev, ...patch }));
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void settings.submit(() => {
      const checked = checkAuditPolicyForm(form);
      return checked.ok ? { ok: true, body: checked.policy } : { ok: false, invalid: fieldProblem(checked) };
    });
  }

  const errorId = `${id}-error`;
  const problem: Problem | null = invalid !== null ? problemOfField(invalid) : serverProblem;
  const timeFormat = new Intl.DateTimeFormat(locale(lang), { timeStyle: 'medium' });
  const bad = (field: AuditPolicyField) => invalid?.field === field;
  const describedBy = (field: AuditPolicyField, hint?: string) =>
    [hint, bad(field) ? errorId : undefined].filter((part) => part !== undefined).join(' ') || undefined;
  const ref = settings.inputRef;

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
          <button className="button" type="button" onClick={() => void settings.reload()} disabled={saving}>
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
