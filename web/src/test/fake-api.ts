// A fake of the server's REST API behind a stubbed global fetch, recording every request.
import { vi } from 'vitest';
import {
  ROLE_PERMISSIONS,
  type AdminOverview,
  type PasswordRules,
  type Role,
  type SecurityPolicy,
  type SessionResponse,
} from '../lib/api-types';

export interface FakeRequest {
  readonly method: string;
  readonly path: string;
  /** The query string's parameters (routes are matched on the path alone). */
  readonly query: URLSearchParams;
  readonly headers: Headers;
  readonly body: unknown;
}

export interface FakeReply {
  readonly status: number;
  /** Serialised as JSON. */
  readonly body?: unknown;
  /** Sent as-is instead of `body` (e.g. an HTML error page). */
  readonly raw?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export type FakeRoute = FakeReply | ((request: FakeRequest) => FakeReply);

export function reply(status: number, body?: unknown): FakeReply {
  return body === undefined ? { status } : { status, body };
}

export function errorReply(status: number, code: string, requestId = 'req-7f3a'): FakeReply {
  return { status, body: { error: { code, message: `english log text for ${code}`, requestId } } };
}

/** The server's default password rules. */
export const defaultPasswordRules: PasswordRules = {
  minLength: 12,
  maxLength: 128,
  requireLower: true,
  requireUpper: true,
  requireDigit: true,
  requireSymbol: true,
  historyCount: 5,
};

/** The server's default security policy. */
export const defaultPolicy: SecurityPolicy = {
  password: {
    minLength: 12,
    requireLower: true,
    requireUpper: true,
    requireDigit: true,
    requireSymbol: true,
    historyCount: 5,
    changeAfterDays: 60,
    validDays: 90,
  },
  lockout: { maxFailures: 5, windowMinutes: 15, action: 'lock_for', lockMinutes: 15 },
  addressFailuresPerMinute: 10,
  proofOfWork: { afterFailures: 3, bits: 18 },
  session: { idleMinutes: 30, absoluteHours: 12 },
  twoFactor: { requiredForUsers: false, requiredForMeetingAdmins: false, requiredForSystemAdmins: false },
};

export interface SessionExtra {
  csrfToken?: string;
  adminUrl?: string;
  passwordRules?: PasswordRules;
  idleTimeoutMinutes?: number;
  permissions?: readonly string[];
  /** Leave out what servers before the security policy did not send. */
  legacy?: boolean;
}

/** A session answer like the server's: the group's permissions and the default rules unless given. */
export function sessionBody(user: Partial<SessionResponse['user']> = {}, extra: SessionExtra = {}): SessionResponse {
  const role: Role = user.role ?? 'user';
  const mustChangePassword = user.mustChangePassword ?? false;
  if (extra.legacy === true) {
    const legacy: SessionResponse = {
      user: { id: 'u1', username: 'nguyenvana', displayName: 'Nguyễn Văn A', role, mustChangePassword, ...user },
      csrfToken: extra.csrfToken ?? 'csrf-1',
    };
    return extra.adminUrl === undefined ? legacy : { ...legacy, adminUrl: extra.adminUrl };
  }
  const base: SessionResponse = {
    user: {
      id: 'u1',
      username: 'nguyenvana',
      displayName: 'Nguyễn Văn A',
      role,
      mustChangePassword,
      passwordStatus: mustChangePassword ? 'change_required' : 'current',
      passwordExpiresAt: null,
      ...user,
    },
    csrfToken: extra.csrfToken ?? 'csrf-1',
    passwordRules: extra.passwordRules ?? defaultPasswordRules,
    idleTimeoutMinutes: extra.idleTimeoutMinutes ?? 30,
    permissions: extra.permissions ?? ROLE_PERMISSIONS[role],
  };
  return extra.adminUrl === undefined ? base : { ...base, adminUrl: extra.adminUrl };
}

export const overviewBody: AdminOverview = {
  version: '0.1.0',
  startedAtMs: Date.UTC(2025, 3, 4, 8, 0, 0),
  uptimeSeconds: 2 * 86_400 + 3 * 3_600 + 4 * 60 + 5,
  users: 1234,
  database: 'sqlite',
  schemaVersion: 3,
};

/** An error answer with the numeric facts some codes carry (attemptsLeft, lockedUntilMs). */
export function errorReplyWith(
  status: number,
  code: string,
  facts: Readonly<Record<string, number>>,
  requestId = 'req-7f3a',
): FakeReply {
  return { status, body: { error: { code, message: `english log text for ${code}`, requestId, ...facts } } };
}

/** Installs the fake; routes are keyed "METHOD /api/v1/path". Unknown routes answer 404. */
export function installFakeApi(routes: Record<string, FakeRoute>): { calls: FakeRequest[] } {
  const calls: FakeRequest[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, 'http://localhost');
    const method = init?.method ?? 'GET';
    const text = typeof init?.body === 'string' ? init.body : undefined;
    const request: FakeRequest = {
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: new Headers(init?.headers),
      body: text === undefined ? undefined : (JSON.parse(text) as unknown),
    };
    calls.push(request);
    const route = routes[`${method} ${url.pathname}`];
    const answer = route === undefined ? errorReply(404, 'not_found') : typeof route === 'function' ? route(request) : route;
    const headers = new Headers(answer.headers);
    let payload: string | null = null;
    if (answer.raw !== undefined) payload = answer.raw;
    else if (answer.body !== undefined) {
      payload = JSON.stringify(answer.body);
      headers.set('Content-Type', 'application/json');
    }
    return new Response(payload, { status: answer.status, headers });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls };
}
