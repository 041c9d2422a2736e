// /admin/security/access (settings.manage): who may reach the console (S2.3: the allowed networks,
// one CIDR range per line) and on which port (S2.1: saved now, used from the next start; the
// answer says which port is active and whether a restart is pending). Shapes are checked before
// sending (access-form.ts); a list that leaves out the administrator's own address is refused by
// the server (would_lock_out, translated).
import { useId, type FormEvent, type ReactNode } from 'react';
import { locale, useI18n } from '../../lib/i18n/i18n';
import type { Problem } from '../../lib/problem';
import { ErrorMessage } from '../../lib/ui/ErrorMessage';
import { checkAccessForm, formFromAccess, MAX_NETWORKS, type AccessField, type AccessFormValues } from './access-form';
import { getAdminAccess, saveAdminAccess } from './admin-api';
import type { AdminAccess, AdminAccessAnswer } from './admin-types';
import { fieldProblem, problemOfField, SettingsGate, useSettingsForm, type FieldProblem } from './use-settings-form';

export function AdminAccessSettings({ now = Date.now }: { now?: () => number }) {
  const { t, lang, formatDateTime } = useI18n();
  const id = useId();
  const settings = useSettingsForm<AdminAccessAnswer, AccessFormValues, AdminAccess, AccessField, FieldProblem<AccessField>>({
    load: getAdminAccess,
    save: saveAdminAccess,
    toValues: (answer) => formFromAccess(answer.access),
    updatedAt: (answer) => answer.updatedAt,
    problemContext: 'adminAccess',
    now,
  });
  const { load, values, invalid, serverProblem, savedAt, saving } = settings;
  if (values === null || load.status === 'failed') {
    return (
      <AccessCard>
        <SettingsGate load={load} hasValues={values !== null} reload={settings.reload} errorTestId="access-load-error" />
      </AccessCard>
    );
  }
  const answer = load.status === 'ready' ? load.answer : null;
  const form = values;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void settings.submit(() => {
      const checked = checkAccessForm(form);
      return checked.ok ? { ok: true, body: checked.access } : { ok: false, invalid: fieldProblem(checked) };
    });
  }

  const errorId = `${id}-error`;
  const problem: Problem | null = invalid !== null ? problemOfField(invalid) : serverProblem;
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
            onChange={(e) => settings.update((prev) => ({ ...prev, networks: e.target.value }))}
            ref={settings.inputRef('networks')}
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
            onChange={(e) => settings.update((prev) => ({ ...prev, port: e.target.value }))}
            ref={settings.inputRef('port')}
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
          <button className="button" type="button" onClick={() => void settings.reload()} disabled={saving}>
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
