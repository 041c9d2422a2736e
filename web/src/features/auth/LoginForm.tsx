// Sign-in form. Used on /login and, in place, by the administration console. After a wrong
// password it warns how many attempts remain before the account locks; for a locked account it
// says until when, or that an administrator must unlock it (S1.4).
//
// For an account with a second factor the right password answers a challenge instead of a
// session: the form then asks for the six-digit code of the authenticator app (the code step).
// A wrong code says how many tries remain; an expired challenge (five minutes, or five codes),
// a lock, or the last wrong code returns to the password step with the reason.
//
// After repeated failures the server may ask for a solved puzzle first (S1.6): the form says it is
// checking the browser while a worker solves it, then signs in as usual.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../lib/api';
import { isSecondFactorChallenge, type SessionResponse } from '../../lib/api-types';
import { useI18n } from '../../lib/i18n/i18n';
import { localProblem } from '../../lib/problem';
import { useSession } from '../../lib/session';
import { ErrorMessage } from '../../lib/ui/ErrorMessage';
import { lockedUntilProblem, loginFailure, type LoginFailure } from './login-failure';
import { normaliseCode } from './totp-format';
import './auth.css';

const NO_FACTS = { attemptsLeft: null, lockedUntilMs: null } as const;

/** The code step: the challenge of the password step, for the account named. */
interface CodeStep {
  readonly challenge: string;
  readonly username: string;
}

/** Refusals of the code step after which the challenge is of no more use. */
function endsCodeStep(failure: LoginFailure, code: string | null): boolean {
  if (code === 'challenge_expired' || code === 'account_locked') return true;
  return code === 'invalid_code' && failure.attemptsLeft === 0;
}

export function LoginForm({
  onSuccess,
  now = Date.now,
}: {
  onSuccess?: (session: SessionResponse) => void;
  /** The clock, replaceable in tests. */
  now?: () => number;
}) {
  const { t, lang, plural } = useI18n();
  const { login, loginWithCode, state } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [step, setStep] = useState<CodeStep | null>(null);
  const [submitting, setSubmitting] = useState(false);
  /** The server asked for a solved puzzle (S1.6) and the browser is solving it. */
  const [verifying, setVerifying] = useState(false);
  const [failure, setFailure] = useState<LoginFailure | null>(null);
  const codeInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  const id = useId();
  const errorId = `${id}-error`;
  const ended = state.status === 'anonymous' ? state.ended : null;
  const codeStep = step !== null;

  // When the step changes, the cursor goes where the user types next (not on the first render).
  const shownStep = useRef(codeStep);
  useEffect(() => {
    if (shownStep.current === codeStep) return;
    shownStep.current = codeStep;
    if (codeStep) codeInput.current?.focus();
    else passwordInput.current?.focus();
  }, [codeStep]);

  async function handlePassword(event: FormEvent<HTMLFormElement>) {
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
      const answer = await login(name, password, { onProofOfWork: () => setVerifying(true) });
      setPassword('');
      if (isSecondFactorChallenge(answer)) {
        setCode('');
        setStep({ challenge: answer.challenge, username: name });
      } else {
        onSuccess?.(answer);
      }
    } catch (error: unknown) {
      setFailure(loginFailure(error));
      setPassword('');
    } finally {
      setSubmitting(false);
      setVerifying(false);
    }
  }

  async function handleCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting || step === null) return;
    const typed = normaliseCode(code);
    if (typed === null) {
      setFailure({ problem: localProblem('twoFactor.error.codeFormat'), ...NO_FACTS });
      return;
    }
    setSubmitting(true);
    setFailure(null);
    try {
      const session = await loginWithCode(step.challenge, typed);
      onSuccess?.(session);
    } catch (error: unknown) {
      const refused = loginFailure(error);
      const errorCode = error instanceof ApiError ? error.code : null;
      setCode('');
      if (endsCodeStep(refused, errorCode)) {
        setStep(null);
        setFailure(
          errorCode === 'invalid_code'
            ? { problem: { key: 'login.code.tooManyWrong', requestId: refused.problem.requestId }, ...NO_FACTS }
            : refused,
        );
      } else {
        setFailure(refused);
      }
    } finally {
      setSubmitting(false);
    }
  }

  function backToPassword() {
    setStep(null);
    setCode('');
    setFailure(null);
  }

  const problem =
    failure === null
      ? null
      : failure.lockedUntilMs !== null
        ? lockedUntilProblem(failure.problem, failure.lockedUntilMs, lang, now())
        : failure.problem;
  const attemptsLeft =
    failure !== null && failure.attemptsLeft !== null ? (
      codeStep ? (
        <p className="error-message__detail" data-testid="login-code-attempts-left">
          {plural({ one: 'login.code.attemptsLeft.one', other: 'login.code.attemptsLeft.other' }, failure.attemptsLeft)}
        </p>
      ) : (
        <p className="error-message__detail" data-testid="login-attempts-left">
          {plural({ one: 'login.attemptsLeft.one', other: 'login.attemptsLeft.other' }, failure.attemptsLeft)}
        </p>
      )
    ) : null;
  const describedBy = problem !== null ? errorId : undefined;

  if (step !== null) {
    const hintId = `${id}-code-hint`;
    return (
      <form className="form" onSubmit={handleCode} noValidate data-testid="login-code-step">
        <p className="notice" role="status">
          {t('login.code.intro', { name: step.username })}
        </p>
        <div className="field">
          <label htmlFor={`${id}-code`}>{t('login.code.label')}</label>
          <input
            ref={codeInput}
            id={`${id}-code`}
            name="code"
            type="text"
            inputMode="numeric"
            autoComplete="one-time-code"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={12}
            required
            className="code-input"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            aria-invalid={problem !== null}
            aria-describedby={describedBy === undefined ? hintId : `${hintId} ${describedBy}`}
            data-testid="login-code"
          />
          <p className="field__hint" id={hintId}>
            {t('login.code.hint')}
          </p>
        </div>
        <ErrorMessage problem={problem} testId="login-error" id={errorId} detail={attemptsLeft} />
        <button className="button button--primary" type="submit" aria-disabled={submitting} data-testid="login-code-submit">
          {submitting ? t('login.code.submitting') : t('login.code.submit')}
        </button>
        <button className="button" type="button" onClick={backToPassword} disabled={submitting} data-testid="login-code-back">
          {t('login.code.back')}
        </button>
      </form>
    );
  }

  return (
    <form className="form" onSubmit={handlePassword} noValidate>
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
          ref={passwordInput}
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
      <p className="notice" role="status" aria-live="polite" data-testid="login-verifying" hidden={!verifying}>
        {verifying ? t('login.verifying') : ''}
      </p>
      <button className="button button--primary" type="submit" aria-disabled={submitting} data-testid="login-submit">
        {submitting ? t('login.submitting') : t('login.submit')}
      </button>
    </form>
  );
}
