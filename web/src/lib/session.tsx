// The signed-in state of this browser, shared by every page.
//
// It is loaded once from GET /auth/session, replaced by the answers of login (and its code step),
// change-password and the two-factor enrolment and removal, and corrected when any API call
// reports that the session ended (unauthenticated or session_expired: the user is told and must
// sign in again, S2.2), that a password change is required first (S1.3), that a second factor
// must be enrolled first (two_factor_setup_required), or that the CSRF token is stale (the
// session is re-read to get a fresh one). While signed in, a page without API calls for the
// server's idle timeout re-reads the session (idle-watch.ts), so that a session the server closed
// for inactivity shows as such.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import * as api from './api';
import { isSecondFactorChallenge, type LoginResponse, type SessionResponse } from './api-types';
import { startIdleWatch } from './idle-watch';
import { problemFrom, type Problem } from './problem';

/** Why a signed-in session ended without the user signing out. */
export type SessionEnd =
  | { readonly reason: 'ended' }
  /** The server closed it after `idleMinutes` without activity. */
  | { readonly reason: 'idle'; readonly idleMinutes: number };

export type SessionState =
  | { readonly status: 'loading' }
  | { readonly status: 'anonymous'; readonly ended: SessionEnd | null; readonly loadProblem: Problem | null }
  | { readonly status: 'authenticated'; readonly session: SessionResponse };

export interface SessionApi {
  readonly state: SessionState;
  /** The session, or the second-factor challenge (then still anonymous: see loginWithCode). */
  login(username: string, password: string, options?: api.LoginOptions): Promise<LoginResponse>;
  /** Completes a sign-in that asked for the second factor. */
  loginWithCode(challenge: string, code: string): Promise<SessionResponse>;
  logout(): Promise<void>;
  changePassword(currentPassword: string, newPassword: string): Promise<SessionResponse>;
  /** Switches the second factor on with a code of the pending seed. */
  confirmTotp(code: string): Promise<SessionResponse>;
  /** Switches the second factor off (the password confirms it). */
  disableTotp(password: string): Promise<SessionResponse>;
  refresh(): Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);

const ANONYMOUS: SessionState = { status: 'anonymous', ended: null, loadProblem: null };
const ENDED: SessionEnd = { reason: 'ended' };

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const refresh = useCallback(async () => {
    try {
      const session = await api.getSession();
      setState(session === null ? ANONYMOUS : { status: 'authenticated', session });
    } catch (error: unknown) {
      setState({ status: 'anonymous', ended: null, loadProblem: problemFrom(error) });
    }
  }, []);

  useEffect(() => {
    let active = true;
    const controller = new AbortController();
    api
      .getSession(controller.signal)
      .then((session) => {
        if (active) setState(session === null ? ANONYMOUS : { status: 'authenticated', session });
      })
      .catch((error: unknown) => {
        if (active) setState({ status: 'anonymous', ended: null, loadProblem: problemFrom(error) });
      });
    return () => {
      active = false;
      controller.abort();
    };
  }, []);

  useEffect(
    () =>
      api.onApiError((error, request) => {
        if (request.path === '/auth/session' || request.path === '/auth/login' || request.path === '/auth/login/totp') return;
        if (error.code === 'unauthenticated' || error.code === 'session_expired') {
          api.setCsrfToken(null);
          setState((prev) =>
            prev.status === 'authenticated' ? { status: 'anonymous', ended: ENDED, loadProblem: null } : prev,
          );
        } else if (error.code === 'password_change_required') {
          setState((prev) =>
            prev.status === 'authenticated' && !prev.session.user.mustChangePassword
              ? { status: 'authenticated', session: { ...prev.session, user: { ...prev.session.user, mustChangePassword: true } } }
              : prev,
          );
        } else if (error.code === 'two_factor_setup_required') {
          setState((prev) =>
            prev.status === 'authenticated' && prev.session.user.twoFactor !== 'setup_required'
              ? { status: 'authenticated', session: { ...prev.session, user: { ...prev.session.user, twoFactor: 'setup_required' } } }
              : prev,
          );
        } else if (error.code === 'csrf_failed') {
          void refresh();
        }
      }),
    [refresh],
  );

  // S2.2: re-read the session once the page has been idle as long as the server allows.
  const idleMinutes = state.status === 'authenticated' ? state.session.idleTimeoutMinutes : undefined;
  useEffect(() => {
    if (idleMinutes === undefined) return undefined;
    return startIdleWatch({
      idleMs: idleMinutes * 60_000,
      lastActivity: api.lastApiActivity,
      check: async () => {
        const session = await api.getSession();
        setState((prev) => {
          if (prev.status !== 'authenticated') return prev;
          return session === null
            ? { status: 'anonymous', ended: { reason: 'idle', idleMinutes }, loadProblem: null }
            : { status: 'authenticated', session };
        });
      },
    });
  }, [idleMinutes]);

  const login = useCallback(async (username: string, password: string, options?: api.LoginOptions) => {
    const answer = await api.login({ username, password }, options);
    if (!isSecondFactorChallenge(answer)) setState({ status: 'authenticated', session: answer });
    return answer;
  }, []);

  const loginWithCode = useCallback(async (challenge: string, code: string) => {
    const session = await api.loginWithCode({ challenge, code });
    setState({ status: 'authenticated', session });
    return session;
  }, []);

  const logout = useCallback(async () => {
    await api.logout();
    setState(ANONYMOUS);
  }, []);

  const changePassword = useCallback(async (currentPassword: string, newPassword: string) => {
    const session = await api.changePassword({ currentPassword, newPassword });
    setState({ status: 'authenticated', session });
    return session;
  }, []);

  const confirmTotp = useCallback(async (code: string) => {
    const session = await api.confirmTotpEnrolment({ code });
    setState({ status: 'authenticated', session });
    return session;
  }, []);

  const disableTotp = useCallback(async (password: string) => {
    const session = await api.disableTotp({ password });
    setState({ status: 'authenticated', session });
    return session;
  }, []);

  const value = useMemo<SessionApi>(
    () => ({ state, login, loginWithCode, logout, changePassword, confirmTotp, disableTotp, refresh }),
    [state, login, loginWithCode, logout, changePassword, confirmTotp, disableTotp, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const value = useContext(SessionContext);
  if (value === null) throw new Error('useSession outside SessionProvider');
  return value;
}
