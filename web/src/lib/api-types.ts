// Types of the REST API (/api/v1) as the client sees it, with run-time guards: responses are
// parsed as `unknown` and checked before use, so a malformed answer becomes a controlled error
// instead of a crash deeper in the UI.

export const ROLES = ['user', 'meeting_admin', 'system_admin'] as const;
export type Role = (typeof ROLES)[number];

export const ADMIN_ROLES: readonly Role[] = ['meeting_admin', 'system_admin'];

/** What an administrator may do (docs/security.md, "Permissions"); the server checks each route. */
export const PERMISSIONS = [
  'users.view',
  'users.manage',
  'rooms.manage',
  'monitoring.view',
  'settings.manage',
  'audit.view',
  'backups.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * The groups' permissions, for a server that does not list them in the session: an account's own
 * list can only narrow these, and the server refuses what is not held anyway.
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  user: [],
  meeting_admin: ['users.view', 'users.manage', 'rooms.manage', 'monitoring.view'],
  system_admin: PERMISSIONS,
};

/**
 * Where the password stands (S1.3): `change_suggested` asks for a change the user may postpone;
 * `change_required` (first sign-in, reset) and `expired` allow nothing else until it is changed.
 */
export const PASSWORD_STATUSES = ['current', 'change_suggested', 'change_required', 'expired'] as const;
export type PasswordStatus = (typeof PASSWORD_STATUSES)[number];

/**
 * The second sign-in factor (TOTP): `setup_required` when the security policy requires one for
 * the user's group and none is enrolled yet — nothing else is allowed until it is.
 */
export const TWO_FACTOR_STATUSES = ['off', 'on', 'setup_required'] as const;
export type TwoFactorStatus = (typeof TWO_FACTOR_STATUSES)[number];

export interface User {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  /** True for `change_required` and `expired`. */
  readonly mustChangePassword: boolean;
  /** Absent from servers older than the security policy. */
  readonly passwordStatus?: PasswordStatus;
  /** Unix ms; null when passwords do not expire. */
  readonly passwordExpiresAt?: number | null;
  /** Absent from servers older than two-factor sign-in (read as `off`). */
  readonly twoFactor?: TwoFactorStatus;
}

/** The password rules in force, so that the form checks as the user types (the server checks again). */
export interface PasswordRules {
  readonly minLength: number;
  readonly maxLength: number;
  readonly requireLower: boolean;
  readonly requireUpper: boolean;
  readonly requireDigit: boolean;
  readonly requireSymbol: boolean;
  /** A new password may equal neither the current one nor the last `historyCount`. */
  readonly historyCount: number;
}

/** Answer of GET /auth/session, POST /auth/login and POST /auth/password. */
export interface SessionResponse {
  readonly user: User;
  readonly csrfToken: string;
  /** Full URL of the administration console; present only for administrator roles. */
  readonly adminUrl?: string;
  readonly passwordRules?: PasswordRules;
  /** The server signs a session out after this long without a request (S2.2). */
  readonly idleTimeoutMinutes?: number;
  /** Unknown names (from a newer server) are kept but match nothing here. */
  readonly permissions?: readonly string[];
}

/** The permissions of the signed-in user: the session's list, else the group's (older servers). */
export function permissionsOf(session: SessionResponse): ReadonlySet<string> {
  return new Set(session.permissions ?? ROLE_PERMISSIONS[session.user.role]);
}

export type LockAction = 'lock_for' | 'until_unlocked';

/** The security policy document of GET/PUT /admin/security-policy (docs/security.md). */
export interface SecurityPolicy {
  readonly password: {
    readonly minLength: number;
    readonly requireLower: boolean;
    readonly requireUpper: boolean;
    readonly requireDigit: boolean;
    readonly requireSymbol: boolean;
    readonly historyCount: number;
    /** 0: off. */
    readonly changeAfterDays: number;
    /** 0: off. */
    readonly validDays: number;
  };
  readonly lockout: {
    readonly maxFailures: number;
    readonly windowMinutes: number;
    readonly action: LockAction;
    readonly lockMinutes: number;
  };
  readonly addressFailuresPerMinute: number;
  /** S1.6: after this many failures from an address or for a name, a sign-in brings a solved puzzle. */
  readonly proofOfWork: {
    readonly afterFailures: number;
    /** Difficulty: about 2^bits hashes. */
    readonly bits: number;
  };
  readonly session: {
    readonly idleMinutes: number;
    readonly absoluteHours: number;
  };
  /** Which groups must sign in with a second factor (TOTP). */
  readonly twoFactor: TwoFactorPolicy;
}

/** The security policy's `twoFactor` member: a group marked true must enrol and use a second factor. */
export interface TwoFactorPolicy {
  readonly requiredForUsers: boolean;
  readonly requiredForMeetingAdmins: boolean;
  readonly requiredForSystemAdmins: boolean;
}

/** Answer of GET and PUT /admin/security-policy. */
export interface SecurityPolicyAnswer {
  readonly policy: SecurityPolicy;
  /** Unix ms of the last save; null while the defaults apply. */
  readonly updatedAt: number | null;
}

export interface LoginRequest {
  readonly username: string;
  readonly password: string;
  /** A solved puzzle, when the server asked for one (428 proof_required). */
  readonly proof?: { readonly challenge: string; readonly solution: string };
}

/**
 * Answer of POST /auth/login for an account with a second factor: the password was right, no
 * session yet; POST /auth/login/totp with the challenge and the code completes the sign-in.
 */
export interface SecondFactorChallenge {
  readonly secondFactor: 'totp';
  readonly challenge: string;
}

/** Answer of POST /auth/login: the session, or the request for the second factor. */
export type LoginResponse = SessionResponse | SecondFactorChallenge;

export interface TotpLoginRequest {
  readonly challenge: string;
  readonly code: string;
}

/** Answer of POST /auth/totp/enrolment: a new seed, pending until a code confirms it. */
export interface TotpEnrolment {
  /** Base32 (RFC 4648, no padding), for typing into the app by hand. */
  readonly secret: string;
  /** `otpauth://totp/…`, for the QR code. */
  readonly uri: string;
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

/** What ordinary participants of a room may do unless a chair changes it for one of them. */
export interface RoomPermissions {
  readonly shareContent: boolean;
  readonly recordAudio: boolean;
  readonly recordVideo: boolean;
}

/** A room as GET/POST/PATCH /rooms return it. `id` is the nine-digit code, `code` it grouped. */
export interface Room {
  readonly id: string;
  readonly code: string;
  readonly title: string;
  /** Unix ms; null for an instant meeting. */
  readonly scheduledAt: number | null;
  readonly passwordProtected: boolean;
  readonly locked: boolean;
  readonly lobbyEnabled: boolean;
  readonly allowGuests: boolean;
  readonly maxParticipants: number;
  readonly startMuted: boolean;
  readonly defaultPermissions: RoomPermissions;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** Body of POST /rooms and PATCH /rooms/{id}; members left out keep the server's value. */
export interface RoomSettingsRequest {
  readonly title?: string;
  readonly scheduledAt?: number | null;
  /** null removes the password. */
  readonly password?: string | null;
  readonly lobbyEnabled?: boolean;
  readonly allowGuests?: boolean;
  readonly maxParticipants?: number;
  readonly startMuted?: boolean;
  readonly locked?: boolean;
  readonly mayShareContent?: boolean;
  readonly mayRecordAudio?: boolean;
  readonly mayRecordVideo?: boolean;
}

/** Answer of POST /rooms/{id}/invitation; the token is shown only here and at creation. */
export interface Invitation {
  readonly inviteToken: string;
  /** "/r/<id>?t=<token>" */
  readonly invitationPath: string;
}

/** Answer of GET /auth/login/proof: a puzzle to solve before the next sign-in (S1.6). */
export interface ProofPuzzle {
  readonly challenge: string;
  readonly bits: number;
  readonly expiresAtMs: number;
}

export function isProofPuzzle(value: unknown): value is ProofPuzzle {
  return (
    isRecord(value) &&
    typeof value['challenge'] === 'string' &&
    value['challenge'].length <= 128 &&
    isCount(value['bits']) &&
    value['bits'] <= 32 &&
    isCount(value['expiresAtMs'])
  );
}

/** Answer of POST /rooms. */
export interface CreatedRoom extends Invitation {
  readonly room: Room;
}

/** Error codes the server documents. The server may add codes; the client treats them as strings. */
export type ServerErrorCode =
  | 'unauthenticated'
  | 'invalid_credentials'
  | 'invalid_request'
  | 'rate_limited'
  | 'too_many_attempts'
  | 'proof_required'
  | 'account_locked'
  | 'weak_password'
  | 'password_reused'
  | 'csrf_failed'
  | 'password_change_required'
  | 'forbidden'
  | 'not_found'
  | 'meeting_in_progress'
  | 'session_expired'
  | 'invalid_policy'
  | 'two_factor_setup_required'
  | 'two_factor_required'
  | 'invalid_code'
  | 'challenge_expired'
  | 'no_enrolment';

/** Codes the client itself produces when there is no usable answer from the server. */
export type ClientErrorCode = 'network_error' | 'unexpected_response';

export interface ErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly requestId: string;
    /** Numeric facts some codes carry: `attemptsLeft`, `lockedUntilMs`. */
    readonly [fact: string]: unknown;
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

export function isPasswordStatus(value: unknown): value is PasswordStatus {
  return typeof value === 'string' && (PASSWORD_STATUSES as readonly string[]).includes(value);
}

export function isTwoFactorStatus(value: unknown): value is TwoFactorStatus {
  return typeof value === 'string' && (TWO_FACTOR_STATUSES as readonly string[]).includes(value);
}

/** True while the user must enrol a second factor before anything else (and after a forced password change). */
export function mustSetUpTwoFactor(user: Pick<User, 'twoFactor'>): boolean {
  return user.twoFactor === 'setup_required';
}

function isCount(value: unknown): value is number {
  return isFiniteNumber(value) && Number.isInteger(value) && value >= 0;
}

export function isUser(value: unknown): value is User {
  if (!isRecord(value)) return false;
  const status = value['passwordStatus'];
  const expiresAt = value['passwordExpiresAt'];
  const twoFactor = value['twoFactor'];
  return (
    typeof value['id'] === 'string' &&
    typeof value['username'] === 'string' &&
    typeof value['displayName'] === 'string' &&
    isRole(value['role']) &&
    typeof value['mustChangePassword'] === 'boolean' &&
    (status === undefined || isPasswordStatus(status)) &&
    (expiresAt === undefined || expiresAt === null || isFiniteNumber(expiresAt)) &&
    (twoFactor === undefined || isTwoFactorStatus(twoFactor))
  );
}

export function isPasswordRules(value: unknown): value is PasswordRules {
  return (
    isRecord(value) &&
    isCount(value['minLength']) &&
    isCount(value['maxLength']) &&
    isBoolean(value['requireLower']) &&
    isBoolean(value['requireUpper']) &&
    isBoolean(value['requireDigit']) &&
    isBoolean(value['requireSymbol']) &&
    isCount(value['historyCount'])
  );
}

export function isSessionResponse(value: unknown): value is SessionResponse {
  if (!isRecord(value)) return false;
  const adminUrl = value['adminUrl'];
  const rules = value['passwordRules'];
  const idle = value['idleTimeoutMinutes'];
  const permissions = value['permissions'];
  return (
    isUser(value['user']) &&
    typeof value['csrfToken'] === 'string' &&
    (adminUrl === undefined || typeof adminUrl === 'string') &&
    (rules === undefined || isPasswordRules(rules)) &&
    (idle === undefined || (isCount(idle) && idle > 0)) &&
    (permissions === undefined || (Array.isArray(permissions) && permissions.every((p) => typeof p === 'string')))
  );
}

export function isSecondFactorChallenge(value: unknown): value is SecondFactorChallenge {
  return (
    isRecord(value) &&
    value['secondFactor'] === 'totp' &&
    typeof value['challenge'] === 'string' &&
    value['challenge'] !== ''
  );
}

export function isLoginResponse(value: unknown): value is LoginResponse {
  return isSecondFactorChallenge(value) || isSessionResponse(value);
}

export function isTotpEnrolment(value: unknown): value is TotpEnrolment {
  return (
    isRecord(value) &&
    typeof value['secret'] === 'string' &&
    /^[A-Z2-7]+=*$/.test(value['secret']) &&
    typeof value['uri'] === 'string' &&
    value['uri'].startsWith('otpauth://')
  );
}

export function isSecurityPolicy(value: unknown): value is SecurityPolicy {
  if (!isRecord(value)) return false;
  const { password, lockout, session } = value;
  return (
    isRecord(password) &&
    isCount(password['minLength']) &&
    isBoolean(password['requireLower']) &&
    isBoolean(password['requireUpper']) &&
    isBoolean(password['requireDigit']) &&
    isBoolean(password['requireSymbol']) &&
    isCount(password['historyCount']) &&
    isCount(password['changeAfterDays']) &&
    isCount(password['validDays']) &&
    isRecord(lockout) &&
    isCount(lockout['maxFailures']) &&
    isCount(lockout['windowMinutes']) &&
    (lockout['action'] === 'lock_for' || lockout['action'] === 'until_unlocked') &&
    isCount(lockout['lockMinutes']) &&
    isCount(value['addressFailuresPerMinute']) &&
    isRecord(value['proofOfWork']) &&
    isCount(value['proofOfWork']['afterFailures']) &&
    isCount(value['proofOfWork']['bits']) &&
    isRecord(session) &&
    isCount(session['idleMinutes']) &&
    isCount(session['absoluteHours']) &&
    isTwoFactorPolicy(value['twoFactor'])
  );
}

export function isTwoFactorPolicy(value: unknown): value is TwoFactorPolicy {
  return (
    isRecord(value) &&
    isBoolean(value['requiredForUsers']) &&
    isBoolean(value['requiredForMeetingAdmins']) &&
    isBoolean(value['requiredForSystemAdmins'])
  );
}

export function isSecurityPolicyAnswer(value: unknown): value is SecurityPolicyAnswer {
  if (!isRecord(value)) return false;
  const updatedAt = value['updatedAt'];
  return isSecurityPolicy(value['policy']) && (updatedAt === null || isFiniteNumber(updatedAt));
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

function isBoolean(value: unknown): value is boolean {
  return typeof value === 'boolean';
}

export function isRoom(value: unknown): value is Room {
  if (!isRecord(value)) return false;
  const permissions = value['defaultPermissions'];
  const scheduledAt = value['scheduledAt'];
  return (
    typeof value['id'] === 'string' &&
    typeof value['code'] === 'string' &&
    typeof value['title'] === 'string' &&
    (scheduledAt === null || isFiniteNumber(scheduledAt)) &&
    isBoolean(value['passwordProtected']) &&
    isBoolean(value['locked']) &&
    isBoolean(value['lobbyEnabled']) &&
    isBoolean(value['allowGuests']) &&
    isFiniteNumber(value['maxParticipants']) &&
    isBoolean(value['startMuted']) &&
    isRecord(permissions) &&
    isBoolean(permissions['shareContent']) &&
    isBoolean(permissions['recordAudio']) &&
    isBoolean(permissions['recordVideo']) &&
    isFiniteNumber(value['createdAt']) &&
    isFiniteNumber(value['updatedAt'])
  );
}

export function isInvitation(value: unknown): value is Invitation {
  return isRecord(value) && typeof value['inviteToken'] === 'string' && typeof value['invitationPath'] === 'string';
}

export function isCreatedRoom(value: unknown): value is CreatedRoom {
  return isRecord(value) && isInvitation(value) && isRoom(value['room']);
}

export function isRoomList(value: unknown): value is { readonly rooms: readonly Room[] } {
  return isRecord(value) && Array.isArray(value['rooms']) && value['rooms'].every(isRoom);
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
