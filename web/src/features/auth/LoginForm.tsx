// Username + password form. Used on /login and, in place, by the administration console. After a
// wrong password it warns how many attempts remain before the account locks; for a locked
// account it says until when, or that an administrator must unlock it (S1.4).
import { useId, useState, type FormEvent } from 'react';
import type { SessionResponse } from '../../lib/api-types';
import { useI18n } from '../../lib/i18n/i18n';
import { localProblem } from '../../lib/problem';
import { useSession } from '../../lib/session';
import { ErrorMessage } from '../../lib/ui/ErrorMessage';
import { lockedUntilProblem, loginFailure, type LoginFailure } from './login-failure';

const NO_FACTS = { attemptsLeft: null, lockedUntilMs: null } as const;

export function LoginForm({
  onSuccess,
  now = Date.now,
}: {
  onSuccess?: (session: SessionResponse) => void;
  /** The clock, replaceable in tests. */
  now?: () => number;
}) {
  const { t, lang, plural } = useI18n();
  const { login, state } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<LoginFailure | null>(null);
  const id = useId();
  const errorId = `${id}-error`;
  const ended = state.status === 'anonymous' ? state.ended : null;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const name = username.trim();
    if (name === '' || password === '') {
      setFailure({ problem: localProblem('login.required'), ...NO_FACTS });
      return;
    }
    setSubmitting(true);
    setFailure(null);
    try {
      const session = await login(name, password);
      onSuccess?.(session);
    } catch (error: unknown) {
      setFailure(loginFailure(error));
      setPassword('');
    } finally {
      setSubmitting(false);
    }
  }

  const problem =
    failure === null
      ? null
      : failure.lockedUntilMs !== null
        ? lockedUntilProblem(failure.problem, failure.lockedUntilMs, lang, now())
        : failure.problem;
  const attemptsLeft =
    failure !== null && failure.attemptsLeft !== null ? (
      <p className="error-message__detail" data-testid="login-attempts-left">
        {plural({ one: 'login.attemptsLeft.one', other: 'login.attemptsLeft.other' }, failure.attemptsLeft)}
      </p>
    ) : null;
  const describedBy = problem !== null ? errorId : undefined;
  return (
    <form className="form" onSubmit={handleSubmit} noValidate>
      {ended !== null && (
        <p className="notice" role="status" data-testid="login-expired-notice">
          {ended.reason === 'idle'
            ? plural({ one: 'login.sessionIdle.one', other: 'login.sessionIdle.other' }, ended.idleMinutes)
            : t('login.sessionExpired')}
        </p>
      )}
      <div className="field">
        <label htmlFor={`${id}-username`}>{t('login.username')}</label>
        <input
          id={`${id}-username`}
          name="username"
          type="text"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          aria-invalid={problem !== null}
          aria-describedby={describedBy}
          data-testid="login-username"
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-password`}>{t('login.password')}</label>
        <input
          id={`${id}-password`}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={problem !== null}
          aria-describedby={describedBy}
          data-testid="login-password"
        />
      </div>
      <ErrorMessage problem={problem} testId="login-error" id={errorId} detail={attemptsLeft} />
      <button className="button button--primary" type="submit" aria-disabled={submitting} data-testid="login-submit">
        {submitting ? t('login.submitting') : t('login.submit')}
      </button>
    </form>
  );
}
