// /account/security: two-factor sign-in (TOTP) for the signed-in user.
//
// Off: what it is, and a button that asks the server for a new seed; then the steps — install an
// authenticator app, scan the QR code of the otpauth URI (or type the base32 secret, shown in
// groups of four), and confirm with a code, which switches it on. On: turning it off with the
// password (refused with two_factor_required when the user's group must have it).
//
// When the security policy requires a second factor and none is enrolled (`setup_required`),
// every page sends the user here (after a required password change) and the seed is asked for at
// once; the administration console shows the same content in place (App.tsx).
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import * as api from '../../lib/api';
import type { TotpEnrolment } from '../../lib/api-types';
import { useI18n } from '../../lib/i18n/i18n';
import { localProblem, problemFrom, type Problem } from '../../lib/problem';
import { Link, safeLocalPath, useLocation } from '../../lib/router';
import { useSession } from '../../lib/session';
import { ErrorMessage } from '../../lib/ui/ErrorMessage';
import { Redirect } from '../../lib/ui/Redirect';
import { TWO_FACTOR_PATH } from './forced-steps';
import { QrCode } from './QrCode';
import { groupSecret, normaliseCode } from './totp-format';
import './auth.css';

function EnrolmentForm({
  enrolment,
  restarting,
  onRestart,
  onEnabled,
}: {
  enrolment: TotpEnrolment;
  restarting: boolean;
  onRestart: () => void;
  onEnabled: () => void;
}) {
  const { t } = useI18n();
  const { confirmTotp } = useSession();
  const [code, setCode] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const id = useId();
  const errorId = `${id}-error`;
  const secretLabelId = `${id}-secret-label`;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const typed = normaliseCode(code);
    if (typed === null) {
      setProblem(localProblem('twoFactor.error.codeFormat'));
      return;
    }
    setSubmitting(true);
    setProblem(null);
    try {
      await confirmTotp(typed);
      onEnabled();
    } catch (error: unknown) {
      setProblem(problemFrom(error, 'twoFactor'));
      setCode('');
      setSubmitting(false);
    }
  }

  return (
    <form className="form" onSubmit={handleSubmit} noValidate data-testid="totp-enrolment">
      <ol className="two-factor__steps">
        <li>{t('twoFactor.step.app')}</li>
        <li>
          <p>{t('twoFactor.step.scan')}</p>
          <div className="two-factor__qr">
            <QrCode text={enrolment.uri} label={t('twoFactor.qr')} testId="totp-qr" />
          </div>
          <p id={secretLabelId}>{t('twoFactor.secret.label')}</p>
          <p>
            <code className="two-factor__secret" aria-labelledby={secretLabelId} data-testid="totp-secret">
              {groupSecret(enrolment.secret)}
            </code>
          </p>
          <p className="field__hint">{t('twoFactor.secret.hint')}</p>
        </li>
        <li>
          <div className="field">
            <label htmlFor={`${id}-code`}>{t('twoFactor.step.code')}</label>
            <input
              id={`${id}-code`}
              name="code"
              type="text"
              inputMode="numeric"
              autoComplete="one-time-code"
              autoCapitalize="none"
              spellCheck={false}
              maxLength={12}
              className="code-input"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              aria-invalid={problem !== null}
              aria-describedby={problem !== null ? errorId : undefined}
              data-testid="totp-code"
            />
          </div>
        </li>
      </ol>
      <ErrorMessage problem={problem} testId="totp-error" id={errorId} />
      <div className="two-factor__actions">
        <button className="button button--primary" type="submit" aria-disabled={submitting} data-testid="totp-confirm">
          {submitting ? t('twoFactor.confirming') : t('twoFactor.confirm')}
        </button>
        <button className="button" type="button" onClick={onRestart} disabled={submitting || restarting} data-testid="totp-restart">
          {t('twoFactor.restart')}
        </button>
      </div>
    </form>
  );
}

function DisableForm({ onDisabled }: { onDisabled: () => void }) {
  const { t } = useI18n();
  const { disableTotp, state } = useSession();
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const id = useId();
  const errorId = `${id}-error`;
  const username = state.status === 'authenticated' ? state.session.user.username : '';

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    if (password === '') {
      setProblem(localProblem('twoFactor.disable.required'));
      return;
    }
    setSubmitting(true);
    setProblem(null);
    try {
      await disableTotp(password);
      onDisabled();
    } catch (error: unknown) {
      setProblem(problemFrom(error, 'twoFactor'));
      setPassword('');
      setSubmitting(false);
    }
  }

  return (
    <form className="form two-factor__disable" onSubmit={handleSubmit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card__subtitle">
        {t('twoFactor.disable.title')}
      </h2>
      <p>{t('twoFactor.disable.text')}</p>
      {/* Lets password managers offer the right account's password. */}
      <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
      <div className="field">
        <label htmlFor={`${id}-password`}>{t('twoFactor.disable.password')}</label>
        <input
          id={`${id}-password`}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={problem !== null}
          aria-describedby={problem !== null ? errorId : undefined}
          data-testid="totp-disable-password"
        />
      </div>
      <ErrorMessage problem={problem} testId="totp-disable-error" id={errorId} />
      <button className="button button--danger" type="submit" aria-disabled={submitting} data-testid="totp-disable-submit">
        {submitting ? t('twoFactor.disable.submitting') : t('twoFactor.disable.submit')}
      </button>
    </form>
  );
}

/**
 * The page, or (`inPlace`, in the administration console) its content without the sign-in
 * redirect and the "continue" link: there the console shows once the second factor is on.
 */
export function TwoFactorPage({ inPlace = false }: { inPlace?: boolean }) {
  const { t } = useI18n();
  const { state } = useSession();
  const { search } = useLocation();
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [starting, setStarting] = useState(false);
  const [startProblem, setStartProblem] = useState<Problem | null>(null);
  const [outcome, setOutcome] = useState<'enabled' | 'disabled' | null>(null);
  const inFlight = useRef(false);
  const autoStarted = useRef(false);

  const user = state.status === 'authenticated' ? state.session.user : null;
  const status = user?.twoFactor ?? 'off';
  const forced = status === 'setup_required';

  async function start() {
    if (inFlight.current) return;
    inFlight.current = true;
    setStarting(true);
    setStartProblem(null);
    setOutcome(null);
    try {
      setEnrolment(await api.beginTotpEnrolment());
    } catch (error: unknown) {
      setEnrolment(null);
      setStartProblem(problemFrom(error, 'twoFactor'));
    } finally {
      inFlight.current = false;
      setStarting(false);
    }
  }

  // A user who must enrol gets the seed at once (once per visit of the page).
  useEffect(() => {
    if (forced && !autoStarted.current) {
      autoStarted.current = true;
      void start();
    }
  });

  if (user === null) {
    return inPlace ? null : <Redirect to={`/login?next=${encodeURIComponent(TWO_FACTOR_PATH)}`} />;
  }
  const next = safeLocalPath(search.get('next'));

  return (
    <section className="card card--narrow two-factor" aria-labelledby="two-factor-title" data-testid="two-factor-page">
      <h1 id="two-factor-title">{t('twoFactor.title')}</h1>
      {forced && (
        <p className="notice notice--warning" role="status" data-testid="totp-forced-notice">
          {t('twoFactor.forced')}
        </p>
      )}
      <p
        className={status === 'on' ? 'two-factor__status two-factor__status--on' : 'two-factor__status'}
        data-testid="totp-status"
        data-state={status}
      >
        {t(status === 'on' ? 'twoFactor.status.on' : 'twoFactor.status.off')}
      </p>
      {outcome === 'enabled' && status === 'on' && (
        <div className="notice" role="status" data-testid="totp-enabled">
          <p>{t('twoFactor.enabled')}</p>
          {!inPlace && (
            <p>
              <Link className="button button--primary" to={next ?? '/'} data-testid="totp-continue">
                {t('twoFactor.continue')}
              </Link>
            </p>
          )}
        </div>
      )}
      {outcome === 'disabled' && status !== 'on' && (
        <p className="notice" role="status" data-testid="totp-disabled">
          {t('twoFactor.disabled')}
        </p>
      )}
      {status === 'on' ? (
        <DisableForm onDisabled={() => setOutcome('disabled')} />
      ) : (
        <>
          <p>{t('twoFactor.about')}</p>
          {enrolment !== null ? (
            <EnrolmentForm
              key={enrolment.secret}
              enrolment={enrolment}
              restarting={starting}
              onRestart={() => void start()}
              onEnabled={() => {
                setEnrolment(null);
                setOutcome('enabled');
              }}
            />
          ) : (
            <>
              <ErrorMessage problem={startProblem} testId="totp-start-error" />
              {starting ? (
                <p role="status">{t('twoFactor.starting')}</p>
              ) : (
                (!forced || startProblem !== null) && (
                  <button className="button button--primary" type="button" onClick={() => void start()} data-testid="totp-start">
                    {t('twoFactor.start')}
                  </button>
                )
              )}
            </>
          )}
        </>
      )}
    </section>
  );
}
