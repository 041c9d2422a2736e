// Types of the REST API (/api/v1) as the client sees it, with run-time guards: responses are
// parsed as `unknown` and checked before use, so a malformed answer becomes a controlled error
// instead of a crash deeper in the UI.

export const ROLES = ['user', 'meeting_admin', 'system_admin'] as const;
export type Role = (typeof ROLES)[number];

export const ADMIN_ROLES: readonly Role[] = ['meeting_admin', 'system_admin'];

export interface User {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly mustChangePassword: boolean;
}

/** Answer of GET /auth/session, POST /auth/login and POST /auth/password. */
export interface SessionResponse {
  readonly user: User;
  readonly csrfToken: string;
  /** Full URL of the administration console; present only for administrator roles. */
  readonly adminUrl?: string;
}

export interface LoginRequest {
  readonly username: string;
  readonly password: string;
}

export interface ChangePasswordRequest {
  readonly currentPassword: string;
  readonly newPassword: string;
}

export type DatabaseKind = 'sqlite' | 'postgresql';

/** Answer of GET /admin/overview (administration port only). */
export interface AdminOverview {
  readonly version: string;
  readonly startedAtMs: number;
  readonly uptimeSeconds: number;
  readonly users: number;
  readonly database: DatabaseKind;
  readonly schemaVersion: number;
}

/** Error codes the server documents. The server may add codes; the client treats them as strings. */
export type ServerErrorCode =
  | 'unauthenticated'
  | 'invalid_credentials'
  | 'invalid_request'
  | 'rate_limited'
  | 'account_locked'
  | 'weak_password'
  | 'password_reused'
  | 'csrf_failed'
  | 'password_change_required'
  | 'forbidden'
  | 'not_found';

/** Codes the client itself produces when there is no usable answer from the server. */
export type ClientErrorCode = 'network_error' | 'unexpected_response';

export interface ErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly requestId: string;
  };
}

// ---- guards ---------------------------------------------------------------------------------

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isAdminRole(role: Role): boolean {
  return ADMIN_ROLES.includes(role);
}

export function isUser(value: unknown): value is User {
  return (
    isRecord(value) &&
    typeof value['id'] === 'string' &&
    typeof value['username'] === 'string' &&
    typeof value['displayName'] === 'string' &&
    isRole(value['role']) &&
    typeof value['mustChangePassword'] === 'boolean'
  );
}

export function isSessionResponse(value: unknown): value is SessionResponse {
  if (!isRecord(value)) return false;
  const adminUrl = value['adminUrl'];
  return (
    isUser(value['user']) &&
    typeof value['csrfToken'] === 'string' &&
    (adminUrl === undefined || typeof adminUrl === 'string')
  );
}

export function isAdminOverview(value: unknown): value is AdminOverview {
  return (
    isRecord(value) &&
    typeof value['version'] === 'string' &&
    isFiniteNumber(value['startedAtMs']) &&
    isFiniteNumber(value['uptimeSeconds']) &&
    isFiniteNumber(value['users']) &&
    (value['database'] === 'sqlite' || value['database'] === 'postgresql') &&
    isFiniteNumber(value['schemaVersion'])
  );
}

export function isErrorBody(value: unknown): value is ErrorBody {
  if (!isRecord(value)) return false;
  const error = value['error'];
  return (
    isRecord(error) &&
    typeof error['code'] === 'string' &&
    error['code'] !== '' &&
    typeof error['message'] === 'string' &&
    typeof error['requestId'] === 'string'
  );
}
