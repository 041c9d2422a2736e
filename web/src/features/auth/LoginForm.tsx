// Username + password form. Used on /login and, in place, by the administration console.
import { useId, useState, type FormEvent } from 'react';
import type { SessionResponse } from '../../lib/api-types';
import { useI18n } from '../../lib/i18n/i18n';
import { localProblem, problemFrom, type Problem } from '../../lib/problem';
import { useSession } from '../../lib/session';
import { ErrorMessage } from '../../lib/ui/ErrorMessage';

export function LoginForm({ onSuccess }: { onSuccess?: (session: SessionResponse) => void }) {
  const { t } = useI18n();
  const { login, state } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const id = useId();
  const errorId = `${id}-error`;
  const expired = state.status === 'anonymous' && state.expired;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const name = username.trim();
    if (name === '' || password === '') {
      setProblem(localProblem('login.required'));
      return;
    }
    setSubmitting(true);
    setProblem(null);
    try {
      const session = await login(name, password);
      onSuccess?.(session);
    } catch (error: unknown) {
      setProblem(problemFrom(error, 'login'));
      setPassword('');
    } finally {
      setSubmitting(false);
    }
  }

  const describedBy = problem !== null ? errorId : undefined;
  return (
    <form className="form" onSubmit={handleSubmit} noValidate>
      {expired && (
        <p className="notice" role="status" data-testid="login-expired-notice">
          {t('login.sessionExpired')}
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
      <ErrorMessage problem={problem} testId="login-error" id={errorId} />
      <button className="button button--primary" type="submit" aria-disabled={submitting} data-testid="login-submit">
        {submitting ? t('login.submitting') : t('login.submit')}
      </button>
    </form>
  );
}
