// Client of the REST API under /api/v1 (same origin, cookie session).
//
// - Every failure becomes an ApiError with a stable `code` (the server's, or network_error /
//   unexpected_response when there is no usable answer) and the server's requestId. The server's
//   English `message` is kept only as the Error message, for logs: the UI shows catalogue text.
// - State-changing requests carry X-CSRF-Token with the token of the last session answer, except
//   login, which has no session yet.
// - Listeners registered with onApiError see every failure, so the session layer can react to
//   `unauthenticated` / `session_expired`, `password_change_required`,
//   `two_factor_setup_required` and `csrf_failed` globally.
// - The time of the last answer is kept (lastApiActivity): the server measures its idle timeout
//   from requests, so the session layer knows when it may have ended (S2.2).
import {
  isAdminOverview,
  isCreatedRoom,
  isErrorBody,
  isInvitation,
  isLoginResponse,
  isProofPuzzle,
  isRoomList,
  isSecondFactorChallenge,
  isSecurityPolicyAnswer,
  isSessionResponse,
  isTotpEnrolment,
  type AdminOverview,
  type ChangePasswordRequest,
  type ClientErrorCode,
  type CreatedRoom,
  type Invitation,
  type LoginRequest,
  type LoginResponse,
  type ProofPuzzle,
  type Room,
  type RoomSettingsRequest,
  type SecurityPolicy,
  type SecurityPolicyAnswer,
  type SessionResponse,
  type TotpEnrolment,
  type TotpLoginRequest,
} from './api-types';
import { solveProof } from './proof-solver';

export const API_BASE = '/api/v1';
export const CSRF_HEADER = 'X-CSRF-Token';
const REQUEST_ID_HEADER = 'X-Request-Id';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** Stable error code: the server's, or a ClientErrorCode. */
  readonly code: string;
  /** HTTP status; 0 when no answer arrived. */
  readonly status: number;
  /** The server's request ID, for users to quote to support; null when unknown. */
  readonly requestId: string | null;
  /** Numeric facts of the error body, e.g. `attemptsLeft`, `lockedUntilMs`. */
  readonly facts: Readonly<Record<string, number>>;

  constructor(
    code: string,
    status: number,
    requestId: string | null,
    logMessage: string,
    facts: Readonly<Record<string, number>> = {},
  ) {
    super(logMessage);
    this.code = code;
    this.status = status;
    this.requestId = requestId;
    this.facts = facts;
  }

  /** A numeric fact of the answer, or null when it has none by that name. */
  fact(name: string): number | null {
    return Object.prototype.hasOwnProperty.call(this.facts, name) ? (this.facts[name] ?? null) : null;
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestContext {
  readonly method: Method;
  readonly path: string;
}

export type ApiErrorListener = (error: ApiError, request: RequestContext) => void;

let csrfToken: string | null = null;
const listeners = new Set<ApiErrorListener>();
let lastActivityMs = Date.now();

/** Unix ms of the last answer from the server (any status); the page load before the first. */
export function lastApiActivity(): number {
  return lastActivityMs;
}

export function getCsrfToken(): string | null {
  return csrfToken;
}

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Registers a listener for every API failure; returns the function that removes it. */
export function onApiError(listener: ApiErrorListener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export interface RequestOptions {
  readonly method: Method;
  readonly body?: unknown;
  /** Send the CSRF header (default: for every method but GET). */
  readonly csrf?: boolean;
  readonly signal?: AbortSignal | undefined;
}

function clientError(code: ClientErrorCode, status: number, requestId: string | null, why: string): ApiError {
  return new ApiError(code, status, requestId, why);
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

async function errorFromResponse(res: Response): Promise<ApiError> {
  const headerId = res.headers.get(REQUEST_ID_HEADER);
  let text = '';
  try {
    text = await res.text();
  } catch {
    // Body unreadable: handled as a non-JSON answer below.
  }
  let parsed: unknown = undefined;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON (e.g. an HTML page from a proxy).
  }
  if (isErrorBody(parsed)) {
    const { code, message, requestId, ...rest } = parsed.error;
    const facts: Record<string, number> = {};
    for (const [name, value] of Object.entries(rest)) {
      if (typeof value === 'number' && Number.isFinite(value)) facts[name] = value;
    }
    return new ApiError(code, res.status, requestId !== '' ? requestId : headerId, message, facts);
  }
  return clientError('unexpected_response', res.status, headerId, `HTTP ${res.status} without an error body`);
}

/** One API call: CSRF header, activity time, errors reported to listeners. For feature modules' own endpoints. */
export async function send(path: string, options: RequestOptions): Promise<Response> {
  const { method } = options;
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const wantsCsrf = options.csrf ?? method !== 'GET';
  if (wantsCsrf && csrfToken !== null) headers[CSRF_HEADER] = csrfToken;

  const init: RequestInit = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (body !== undefined) init.body = body;
  if (options.signal !== undefined) init.signal = options.signal;

  let res: Response;
  try {
    res = await fetch(API_BASE + path, init);
  } catch (error: unknown) {
    if (isAbort(error)) throw error;
    throw report(clientError('network_error', 0, null, `fetch failed: ${String(error)}`), { method, path });
  }
  lastActivityMs = Date.now();
  if (!res.ok) throw report(await errorFromResponse(res), { method, path });
  return res;
}

function report(error: ApiError, request: RequestContext): ApiError {
  for (const listener of listeners) listener(error, request);
  return error;
}

/** The answer's JSON body, checked by `guard`; a malformed answer becomes an `unexpected_response` error. */
export async function readJson<T>(res: Response, guard: (value: unknown) => value is T, request: RequestContext): Promise<T> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await res.text());
  } catch {
    throw report(
      clientError('unexpected_response', res.status, res.headers.get(REQUEST_ID_HEADER), 'response is not JSON'),
      request,
    );
  }
  if (!guard(parsed)) {
    throw report(
      clientError('unexpected_response', res.status, res.headers.get(REQUEST_ID_HEADER), 'response has an unexpected shape'),
      request,
    );
  }
  return parsed;
}

async function sessionCall(path: string, options: RequestOptions): Promise<SessionResponse> {
  const res = await send(path, options);
  const session = await readJson(res, isSessionResponse, { method: options.method, path });
  csrfToken = session.csrfToken;
  return session;
}

// ---- endpoints ------------------------------------------------------------------------------

/** The current session, or null when not signed in (401). */
export async function getSession(signal?: AbortSignal): Promise<SessionResponse | null> {
  try {
    return await sessionCall('/auth/session', { method: 'GET', signal });
  } catch (error: unknown) {
    if (error instanceof ApiError && error.status === 401) {
      csrfToken = null;
      return null;
    }
    throw error;
  }
}

/**
 * Signs in: the session, or — for an account with a second factor — the challenge that
 * loginWithCode completes (no session and no CSRF token yet).
 */
export async function login(request: LoginRequest, options: LoginOptions = {}): Promise<LoginResponse> {
  const path = '/auth/login';
  let body: LoginRequest = request;
  for (let proofs = 0; ; proofs++) {
    try {
      const res = await send(path, { method: 'POST', body, csrf: false });
      const answer = await readJson(res, isLoginResponse, { method: 'POST', path });
      if (!isSecondFactorChallenge(answer)) csrfToken = answer.csrfToken;
      return answer;
    } catch (error: unknown) {
      // S1.6: after repeated failures the server wants a solved puzzle with the password. A
      // puzzle can expire while it is solved, so a second one is tried; then the error stands.
      if (!(error instanceof ApiError) || error.code !== 'proof_required' || proofs >= MAX_PROOFS_PER_LOGIN) throw error;
    }
    options.onProofOfWork?.();
    const puzzle = await getProofPuzzle();
    let solution: string;
    try {
      solution = await solveProof(puzzle.challenge, puzzle.bits);
    } catch (error: unknown) {
      throw new ApiError('proof_required', 0, null, `the puzzle was not solved: ${String(error)}`);
    }
    body = { ...request, proof: { challenge: puzzle.challenge, solution } };
  }
}

const MAX_PROOFS_PER_LOGIN = 2;

export interface LoginOptions {
  /** Called when the browser starts solving a puzzle the server asked for. */
  readonly onProofOfWork?: () => void;
}

/** A puzzle for the next sign-in (S1.6). */
async function getProofPuzzle(): Promise<ProofPuzzle> {
  const path = '/auth/login/proof';
  const res = await send(path, { method: 'GET' });
  return readJson(res, isProofPuzzle, { method: 'GET', path });
}

/**
 * The second step of signing in: the challenge of the password step and the app's six-digit code.
 * 401 invalid_code (with attemptsLeft), 401 challenge_expired (start again with the password).
 */
export function loginWithCode(request: TotpLoginRequest): Promise<SessionResponse> {
  return sessionCall('/auth/login/totp', { method: 'POST', body: request, csrf: false });
}

/** A new TOTP seed for the signed-in user, pending until confirmTotpEnrolment proves the app holds it. */
export async function beginTotpEnrolment(): Promise<TotpEnrolment> {
  const path = '/auth/totp/enrolment';
  const res = await send(path, { method: 'POST' });
  return readJson(res, isTotpEnrolment, { method: 'POST', path });
}

/** Switches the second factor on with a code of the pending seed (invalid_code, no_enrolment). */
export function confirmTotpEnrolment(request: { readonly code: string }): Promise<SessionResponse> {
  return sessionCall('/auth/totp/enrolment/confirm', { method: 'POST', body: request });
}

/** Switches the second factor off (invalid_credentials; 403 two_factor_required when the group requires it). */
export function disableTotp(request: { readonly password: string }): Promise<SessionResponse> {
  return sessionCall('/auth/totp/disable', { method: 'POST', body: request });
}

/** Ends the session. An answer of 401 means it had already ended, which is success too. */
export async function logout(): Promise<void> {
  try {
    await send('/auth/logout', { method: 'POST' });
  } catch (error: unknown) {
    if (!(error instanceof ApiError && error.status === 401)) throw error;
  }
  csrfToken = null;
}

export function changePassword(request: ChangePasswordRequest): Promise<SessionResponse> {
  return sessionCall('/auth/password', { method: 'POST', body: request });
}

export async function getAdminOverview(signal?: AbortSignal): Promise<AdminOverview> {
  const path = '/admin/overview';
  const res = await send(path, { method: 'GET', signal });
  return readJson(res, isAdminOverview, { method: 'GET', path });
}

/** The security policy (administration port, `settings.manage`). */
export async function getSecurityPolicy(signal?: AbortSignal): Promise<SecurityPolicyAnswer> {
  const path = '/admin/security-policy';
  const res = await send(path, { method: 'GET', signal });
  return readJson(res, isSecurityPolicyAnswer, { method: 'GET', path });
}

/** Replaces the whole security policy; 400 invalid_policy when a field is missing or out of range. */
export async function saveSecurityPolicy(policy: SecurityPolicy): Promise<SecurityPolicyAnswer> {
  const path = '/admin/security-policy';
  const res = await send(path, { method: 'PUT', body: policy });
  return readJson(res, isSecurityPolicyAnswer, { method: 'PUT', path });
}

// ---- rooms (the caller's own; anyone else's answer 404) -------------------------------------

function roomPathOf(id: string): string {
  return `/rooms/${encodeURIComponent(id)}`;
}

/** Creates a room; the answer holds the invitation token, shown only now. */
export async function createRoom(settings: RoomSettingsRequest): Promise<CreatedRoom> {
  const path = '/rooms';
  const res = await send(path, { method: 'POST', body: settings });
  return readJson(res, isCreatedRoom, { method: 'POST', path });
}

/** The caller's rooms: scheduled ones by time, then instant ones by creation. */
export async function listRooms(signal?: AbortSignal): Promise<readonly Room[]> {
  const path = '/rooms';
  const res = await send(path, { method: 'GET', signal });
  return (await readJson(res, isRoomList, { method: 'GET', path })).rooms;
}

/** Deletes a room; 409 meeting_in_progress while a meeting runs in it. */
export async function deleteRoom(id: string): Promise<void> {
  await send(roomPathOf(id), { method: 'DELETE' });
}

/** A new invitation token for the room; the previous link stops working. */
export async function renewInvitation(id: string): Promise<Invitation> {
  const path = `${roomPathOf(id)}/invitation`;
  const res = await send(path, { method: 'POST' });
  return readJson(res, isInvitation, { method: 'POST', path });
}
