// /admin/security: the security policy (S1.3, S1.4, S1.6, S2.2) as one form — password rules,
// account lockout, the address throttle and session limits — read from and saved to
// /api/v1/admin/security-policy. Checked before sending (security-policy-form.ts); the field at
// fault gets the focus. Needs `settings.manage` (the server checks it too).
import { useId, type FormEvent, type ReactNode } from 'react';
import { getSecurityPolicy, saveSecurityPolicy } from '../../lib/api';
import type { LockAction, SecurityPolicy, SecurityPolicyAnswer } from '../../lib/api-types';
import { locale, useI18n } from '../../lib/i18n/i18n';
import type { MessageKey } from '../../lib/i18n/translate';
import type { Problem } from '../../lib/problem';
import { useSession } from '../../lib/session';
import { ErrorMessage } from '../../lib/ui/ErrorMessage';
import {
  checkPolicyForm,
  formFromPolicy,
  POLICY_RANGES,
  type PolicyFormValues,
  type PolicyNumberField,
  type Range,
  type TwoFactorField,
} from './security-policy-form';
import { SettingsGate, useSettingsForm } from './use-settings-form';

interface FieldText {
  readonly label: MessageKey;
  readonly hint: MessageKey;
  readonly testId: string;
}

const FIELDS: Readonly<Record<PolicyNumberField, FieldText>> = {
  minLength: { label: 'console.security.minLength', hint: 'console.security.minLengthHint', testId: 'policy-min-length' },
  historyCount: { label: 'console.security.history', hint: 'console.security.historyHint', testId: 'policy-history' },
  changeAfterDays: {
    label: 'console.security.changeAfter',
    hint: 'console.security.changeAfterHint',
    testId: 'policy-change-after',
  },
  validDays: { label: 'console.security.validDays', hint: 'console.security.validDaysHint', testId: 'policy-valid-days' },
  maxFailures: {
    label: 'console.security.maxFailures',
    hint: 'console.security.maxFailuresHint',
    testId: 'policy-max-failures',
  },
  windowMinutes: { label: 'console.security.window', hint: 'console.security.windowHint', testId: 'policy-window' },
  lockMinutes: {
    label: 'console.security.lockMinutes',
    hint: 'console.security.lockMinutesHint',
    testId: 'policy-lock-minutes',
  },
  addressFailuresPerMinute: {
    label: 'console.security.addressFailures',
    hint: 'console.security.addressFailuresHint',
    testId: 'policy-address-failures',
  },
  proofAfterFailures: {
    label: 'console.security.proofAfterFailures',
    hint: 'console.security.proofAfterFailuresHint',
    testId: 'policy-proof-after-failures',
  },
  proofBits: { label: 'console.security.proofBits', hint: 'console.security.proofBitsHint', testId: 'policy-proof-bits' },
  idleMinutes: { label: 'console.security.idle', hint: 'console.security.idleHint', testId: 'policy-idle' },
  absoluteHours: { label: 'console.security.absolute', hint: 'console.security.absoluteHint', testId: 'policy-absolute' },
};

type ClassField = 'requireLower' | 'requireUpper' | 'requireDigit' | 'requireSymbol';

const CLASSES: readonly { readonly field: ClassField; readonly label: MessageKey; readonly testId: string }[] = [
  { field: 'requireLower', label: 'console.security.requireLower', testId: 'policy-require-lower' },
  { field: 'requireUpper', label: 'console.security.requireUpper', testId: 'policy-require-upper' },
  { field: 'requireDigit', label: 'console.security.requireDigit', testId: 'policy-require-digit' },
  { field: 'requireSymbol', label: 'console.security.requireSymbol', testId: 'policy-require-symbol' },
];

const TWO_FACTOR: readonly { readonly field: TwoFactorField; readonly label: MessageKey; readonly testId: string }[] = [
  { field: 'requiredForUsers', label: 'console.security.twoFactorUsers', testId: 'policy-2fa-users' },
  {
    field: 'requiredForMeetingAdmins',
    label: 'console.security.twoFactorMeetingAdmins',
    testId: 'policy-2fa-meeting-admins',
  },
  {
    field: 'requiredForSystemAdmins',
    label: 'console.security.twoFactorSystemAdmins',
    testId: 'policy-2fa-system-admins',
  },
];

type Invalid = { readonly field: PolicyNumberField; readonly key: MessageKey; readonly range: Range | null };

export function SecuritySettings({ now = Date.now }: { now?: () => number }) {
  const { t, lang, formatDateTime } = useI18n();
  const { refresh } = useSession();
  const id = useId();
  const settings = useSettingsForm<SecurityPolicyAnswer, PolicyFormValues, SecurityPolicy, PolicyNumberField, Invalid>({
    load: getSecurityPolicy,
    save: saveSecurityPolicy,
    toValues: (answer) => formFromPolicy(answer.policy),
    updatedAt: (answer) => answer.updatedAt,
    problemContext: 'security',
    now,
    // The session carries the password rules and idle timeout that were just changed.
    onSaved: () => void refresh(),
  });
  const { load, values, invalid, serverProblem, savedAt, saving } = settings;
  if (values === null || load.status === 'failed') {
    return (
      <SettingsCard>
        <SettingsGate load={load} hasValues={values !== null} reload={settings.reload} errorTestId="policy-load-error" />
      </SettingsCard>
    );
  }
  const answer = load.status === 'ready' ? load.answer : null;
  const form = values;

  function setNumber(field: PolicyNumberField, text: string) {
    settings.update((prev) => ({ ...prev, numbers: { ...prev.numbers, [field]: text } }));
  }
  function setClass(field: ClassField, on: boolean) {
    settings.update((prev) => ({ ...prev, [field]: on }));
  }
  function setTwoFactor(field: TwoFactorField, on: boolean) {
    settings.update((prev) => ({ ...prev, twoFactor: { ...prev.twoFactor, [field]: on } }));
  }
  function setAction(action: LockAction) {
    settings.update((prev) => ({ ...prev, action }));
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (answer === null) return;
    void settings.submit(() => {
      const checked = checkPolicyForm(form, answer.policy.lockout.lockMinutes);
      if (checked.ok) return { ok: true, body: checked.policy };
      return { ok: false, invalid: { field: checked.field, key: checked.key, range: checked.range } };
    });
  }

  const errorId = `${id}-error`;
  const problem: Problem | null =
    invalid !== null
      ? {
          key: invalid.key,
          requestId: null,
          params: { field: t(FIELDS[invalid.field].label), ...(invalid.range ?? {}) },
        }
      : serverProblem;
  const timeFormat = new Intl.DateTimeFormat(locale(lang), { timeStyle: 'medium' });

  function numberField(field: PolicyNumberField, disabled = false): ReactNode {
    const text = FIELDS[field];
    const range = POLICY_RANGES[field];
    const inputId = `${id}-${field}`;
    const hintId = `${inputId}-hint`;
    const bad = invalid?.field === field;
    return (
      <div className="field settings-field">
        <label htmlFor={inputId}>{t(text.label)}</label>
        <input
          id={inputId}
          type="number"
          inputMode="numeric"
          min={range.min}
          max={range.max}
          step={1}
          required
          disabled={disabled}
          value={form.numbers[field]}
          onChange={(e) => setNumber(field, e.target.value)}
          ref={settings.inputRef(field)}
          aria-invalid={bad}
          aria-describedby={bad ? `${hintId} ${errorId}` : hintId}
          data-testid={text.testId}
        />
        <p className="field__hint" id={hintId}>
          {t(text.hint)}
        </p>
      </div>
    );
  }

  return (
    <SettingsCard>
      <p className="settings__intro">{t('console.security.intro')}</p>
      <p className="settings__updated" data-testid="policy-updated-at">
        {answer === null || answer.updatedAt === null
          ? t('console.security.defaults')
          : t('console.security.updatedAt', { time: formatDateTime(answer.updatedAt) })}
      </p>
      <form className="form settings" onSubmit={handleSubmit} noValidate data-testid="security-form">
        <fieldset className="settings-group">
          <legend>{t('console.security.password')}</legend>
          <div className="settings-group__fields">
            {numberField('minLength')}
            {numberField('historyCount')}
            {numberField('changeAfterDays')}
            {numberField('validDays')}
          </div>
          <fieldset className="settings-choices">
            <legend>{t('console.security.classes')}</legend>
            {CLASSES.map(({ field, label, testId }) => (
              <label key={field} className="settings-choice">
                <input
                  type="checkbox"
                  checked={form[field]}
                  onChange={(e) => setClass(field, e.target.checked)}
                  data-testid={testId}
                />
                <span>{t(label)}</span>
              </label>
            ))}
          </fieldset>
        </fieldset>

        <fieldset className="settings-group">
          <legend>{t('console.security.lockout')}</legend>
          <div className="settings-group__fields">
            {numberField('maxFailures')}
            {numberField('windowMinutes')}
          </div>
          <fieldset className="settings-choices">
            <legend>{t('console.security.action')}</legend>
            <label className="settings-choice">
              <input
                type="radio"
                name={`${id}-action`}
                value="lock_for"
                checked={form.action === 'lock_for'}
                onChange={() => setAction('lock_for')}
                data-testid="policy-action-lock-for"
              />
              <span>{t('console.security.actionLockFor')}</span>
            </label>
            <label className="settings-choice">
              <input
                type="radio"
                name={`${id}-action`}
                value="until_unlocked"
                checked={form.action === 'until_unlocked'}
                onChange={() => setAction('until_unlocked')}
                data-testid="policy-action-until-unlocked"
              />
              <span>{t('console.security.actionUntilUnlocked')}</span>
            </label>
          </fieldset>
          <div className="settings-group__fields">{numberField('lockMinutes', form.action === 'until_unlocked')}</div>
        </fieldset>

        <fieldset className="settings-group">
          <legend>{t('console.security.address')}</legend>
          <div className="settings-group__fields">
            {numberField('addressFailuresPerMinute')}
            {numberField('proofAfterFailures')}
            {numberField('proofBits')}
          </div>
        </fieldset>

        <fieldset className="settings-group">
          <legend>{t('console.security.session')}</legend>
          <div className="settings-group__fields">
            {numberField('idleMinutes')}
            {numberField('absoluteHours')}
          </div>
        </fieldset>

        <fieldset className="settings-group" aria-describedby={`${id}-2fa-hint`}>
          <legend>{t('console.security.twoFactor')}</legend>
          <p className="field__hint" id={`${id}-2fa-hint`}>
            {t('console.security.twoFactorHint')}
          </p>
          <div className="settings-choices">
            {TWO_FACTOR.map(({ field, label, testId }) => (
              <label key={field} className="settings-choice">
                <input
                  type="checkbox"
                  checked={form.twoFactor[field]}
                  onChange={(e) => setTwoFactor(field, e.target.checked)}
                  data-testid={testId}
                />
                <span>{t(label)}</span>
              </label>
            ))}
          </div>
        </fieldset>

        <ErrorMessage problem={problem} testId="policy-error" id={errorId} />
        {savedAt !== null && (
          <p className="settings__saved" role="status" data-testid="policy-saved">
            {t('console.security.saved', { time: timeFormat.format(savedAt) })}
          </p>
        )}
        <div className="settings__actions">
          <button className="button button--primary" type="submit" aria-disabled={saving} data-testid="policy-save">
            {saving ? t('console.security.saving') : t('console.security.save')}
          </button>
          <button className="button" type="button" onClick={() => void settings.reload()} disabled={saving}>
            {t('console.security.reload')}
          </button>
        </div>
      </form>
    </SettingsCard>
  );
}

function SettingsCard({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <section className="card console-settings" aria-labelledby="security-title" data-testid="console-security">
      <h2 id="security-title">{t('console.security.title')}</h2>
      {children}
    </section>
  );
}
