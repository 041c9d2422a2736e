// Change-password form with the policy shown and checked as the user types (S1.3). Used on
// /change-password and, in place, by the administration console when a change is forced. The
// rules are the session's (`passwordRules`); the form says why a change is asked: the password
// expired, is a first or reset one, or is old enough that a change is suggested.
import { useId, useState, type FormEvent } from 'react';
import type { PasswordRules, User } from '../../lib/api-types';
import { useI18n } from '../../lib/i18n/i18n';
import type { MessageKey } from '../../lib/i18n/translate';
import { localProblem, problemFrom, type Problem } from '../../lib/problem';
import { useSession } from '../../lib/session';
import { ErrorMessage } from '../../lib/ui/ErrorMessage';
import { activeRules, checkPassword, DEFAULT_PASSWORD_RULES, isTooLong, meetsPolicy, type PolicyRule } from './password-policy';

const RULE_TEXT: Readonly<Record<PolicyRule, MessageKey>> = {
  length: 'password.policy.length',
  lower: 'password.policy.lower',
  upper: 'password.policy.upper',
  digit: 'password.policy.digit',
  symbol: 'password.policy.symbol',
  username: 'password.policy.username',
};

/** The first client-side reason to refuse the form, or null when it may be sent. */
export function validatePasswordChange(
  current: string,
  next: string,
  confirm: string,
  username: string,
  rules: PasswordRules = DEFAULT_PASSWORD_RULES,
): MessageKey | null {
  if (current === '' || next === '' || confirm === '') return 'password.error.required';
  if (isTooLong(next, rules)) return 'password.error.tooLong';
  if (!meetsPolicy(next, username, rules)) return 'password.error.policy';
  if (next !== confirm) return 'password.error.mismatch';
  if (next === current) return 'password.error.same';
  return null;
}

/** Why the form is shown, from the session's password status. */
function PasswordReason({ user, forced }: { user: User | null; forced: boolean }) {
  const { t, formatDateTime } = useI18n();
  const status = user?.passwordStatus;
  if (forced) {
    return (
      <div className="notice notice--warning" role="status">
        <p data-testid="change-forced-notice">{t('password.forced')}</p>
        {status === 'expired' && <p data-testid="password-reason-expired">{t('password.reason.expired')}</p>}
        {status === 'change_required' && <p data-testid="password-reason-required">{t('password.reason.required')}</p>}
      </div>
    );
  }
  if (status !== 'change_suggested') return null;
  const expiresAt = user?.passwordExpiresAt ?? null;
  return (
    <p className="notice" role="status" data-testid="password-reason-suggested">
      {t('password.reason.suggested')}
      {expiresAt !== null && <> {t('password.reason.expiresAt', { date: formatDateTime(expiresAt) })}</>}
    </p>
  );
}

export function ChangePasswordForm({ forced, onSuccess }: { forced: boolean; onSuccess: () => void }) {
  const { t, plural } = useI18n();
  const { changePassword, state } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const id = useId();
  const policyId = `${id}-policy`;
  const errorId = `${id}-error`;
  const user = state.status === 'authenticated' ? state.session.user : null;
  const username = user?.username ?? '';
  const rules = (state.status === 'authenticated' ? state.session.passwordRules : undefined) ?? DEFAULT_PASSWORD_RULES;
  const checks = checkPassword(next, username, rules);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const invalid = validatePasswordChange(current, next, confirm, username, rules);
    if (invalid !== null) {
      setProblem(localProblem(invalid, { n: rules.maxLength }));
      return;
    }
    setSubmitting(true);
    setProblem(null);
    try {
      await changePassword(current, next);
      onSuccess();
    } catch (error: unknown) {
      setProblem(problemFrom(error, 'password'));
    } finally {
      setSubmitting(false);
    }
  }

  const describedBy = problem !== null ? errorId : undefined;
  return (
    <form className="form" onSubmit={handleSubmit} noValidate>
      <PasswordReason user={user} forced={forced} />
      {/* Lets password managers file the new password under the right account. */}
      <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
      <div className="field">
        <label htmlFor={`${id}-current`}>{t('password.current')}</label>
        <input
          id={`${id}-current`}
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          aria-describedby={describedBy}
          data-testid="change-current"
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-new`}>{t('password.new')}</label>
        <input
          id={`${id}-new`}
          type="password"
          autoComplete="new-password"
          required
          value={next}
          onChange={(e) => setNext(e.target.value)}
          aria-describedby={describedBy === undefined ? policyId : `${policyId} ${describedBy}`}
          data-testid="change-new"
        />
      </div>
      <div className="policy" id={policyId}>
        <p className="policy__title">{t('password.policy.title')}</p>
        <ul className="policy__list" data-testid="change-policy">
          {activeRules(rules).map((rule) => (
            <li key={rule} className={checks[rule] ? 'policy__rule policy__rule--met' : 'policy__rule'}>
              {t(RULE_TEXT[rule], { n: rules.minLength })}{' '}
              <span className="visually-hidden">{t(checks[rule] ? 'password.policy.met' : 'password.policy.unmet')}</span>
            </li>
          ))}
        </ul>
        <p className="policy__note" data-testid="change-policy-history">
          {rules.historyCount === 0
            ? t('password.policy.historyNone')
            : plural({ one: 'password.policy.history.one', other: 'password.policy.history.other' }, rules.historyCount)}
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-confirm`}>{t('password.confirm')}</label>
        <input
          id={`${id}-confirm`}
          type="password"
          autoComplete="new-password"
          required
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          aria-describedby={describedBy}
          data-testid="change-confirm"
        />
      </div>
      <ErrorMessage problem={problem} testId="change-error" id={errorId} />
      <button className="button button--primary" type="submit" aria-disabled={submitting} data-testid="change-submit">
        {submitting ? t('password.submitting') : t('password.submit')}
      </button>
    </form>
  );
}
