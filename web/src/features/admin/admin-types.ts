// Types of the administration API the console's pages use (docs/security.md: "Accounts and units",
// "The administration listener", "The audit log"), with run-time guards: answers are read as
// `unknown` and checked before use, so a malformed answer becomes an `unexpected_response` error
// instead of a crash deeper in the page.
import { isRole, PERMISSIONS, type Permission, type Role } from '../../lib/api-types';

// ---- accounts and units -----------------------------------------------------------------------

/** One account as GET/POST/PATCH /admin/users answer it. */
export interface AdminAccount {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  /** Empty when none. */
  readonly email: string;
  readonly role: Role;
  readonly unitId: string | null;
  /** What the account may do: its own list narrowed to the group's, else the group's. */
  readonly permissions: readonly string[];
  /** The account's own list; null: the group's. */
  readonly ownPermissions: readonly string[] | null;
  readonly disabled: boolean;
  readonly locked: boolean;
  /** Unix ms when a lock ends by itself; null while unlocked or locked until an administrator unlocks it. */
  readonly lockedUntil: number | null;
  readonly mustChangePassword: boolean;
  /** A second factor is enrolled. */
  readonly twoFactor: boolean;
  readonly passwordChangedAt: number;
  readonly createdAt: number;
}

/** Answer of GET /admin/users: one page, and how many match in all. */
export interface AccountPage {
  readonly users: readonly AdminAccount[];
  readonly total: number;
}

/** Answer of POST /admin/users and POST /admin/users/{id}/reset-password (without `user`). */
export interface CreatedAccount {
  readonly user: AdminAccount;
  /** Shown once; the account must change it at its first sign-in. */
  readonly oneTimePassword: string;
}

export const ACCOUNT_STATUSES = ['active', 'locked', 'disabled'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** Query of GET /admin/users; empty texts are left out. */
export interface AccountQuery {
  readonly q: string;
  /** A unit: the accounts in it and in the units under it; '' for every unit within reach. */
  readonly unit: string;
  readonly role: Role | '';
  readonly status: AccountStatus | '';
  readonly offset: number;
  readonly limit: number;
}

/** Body of POST /admin/users. */
export interface NewAccountRequest {
  readonly username: string;
  readonly displayName: string;
  readonly email?: string;
  readonly role: Role;
  readonly unitId?: string | null;
  /** Left out: the group's. */
  readonly permissions?: readonly Permission[];
}

/** Body of PATCH /admin/users/{id}: only what changes. */
export interface AccountChanges {
  readonly displayName?: string;
  readonly email?: string;
  readonly role?: Role;
  readonly unitId?: string | null;
  /** null: the group's. */
  readonly permissions?: readonly Permission[] | null;
  readonly disabled?: boolean;
}

export interface Unit {
  readonly id: string;
  readonly parentId: string | null;
  readonly name: string;
  readonly createdAt: number;
}

/** Answer of GET /admin/units: the units within reach, and the caller's own unit (null: the whole organisation). */
export interface UnitList {
  readonly units: readonly Unit[];
  readonly rootUnitId: string | null;
}

// ---- audit log --------------------------------------------------------------------------------

export const AUDIT_CATEGORIES = ['access', 'admin_login', 'error', 'account', 'configuration', 'meeting'] as const;
export type AuditCategory = (typeof AUDIT_CATEGORIES)[number];

export const AUDIT_OUTCOMES = ['success', 'denied', 'failure'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export interface AuditEvent {
  readonly id: string;
  /** Unix ms. */
  readonly at: number;
  /** One of AUDIT_CATEGORIES, or a newer server's own (shown as it is). */
  readonly category: string;
  /** A user id, `system`, `cli`, or empty for someone not signed in. */
  readonly actor: string;
  readonly sourceAddress: string;
  readonly action: string;
  readonly target: string;
  readonly outcome: string;
  readonly detail: string;
}

/** Answer of GET /admin/audit: one page, newest first, and how many match in all. */
export interface AuditPage {
  readonly events: readonly AuditEvent[];
  readonly total: number;
}

/** Filters of GET /admin/audit and its export; empty texts and null times are left out. */
export interface AuditFilters {
  readonly category: AuditCategory | '';
  readonly outcome: AuditOutcome | '';
  readonly actor: string;
  readonly q: string;
  /** Unix ms, inclusive. */
  readonly from: number | null;
  readonly to: number | null;
}

// ---- settings ---------------------------------------------------------------------------------

/** The document of GET/PUT /admin/admin-access. */
export interface AdminAccess {
  /** CIDR ranges; a single address means /32 or /128. */
  readonly allowedNetworks: readonly string[];
  /** null: the configuration file's `server.admin_port`. */
  readonly port: number | null;
}

export interface AdminAccessAnswer {
  readonly access: AdminAccess;
  readonly updatedAt: number | null;
  /** The port the administration listener has now. */
  readonly activePort: number;
  /** A saved port differs from the active one: it applies when the server next starts. */
  readonly restartRequired: boolean;
}

export interface SyslogTarget {
  readonly enabled: boolean;
  readonly host: string;
  readonly port: number;
  /** The name the log server's certificate must carry; empty: `host`. */
  readonly serverName: string;
  /** PEM of the authority that signed the log server's certificate. */
  readonly caCertificate: string;
}

/** The document of GET/PUT /admin/audit-policy. */
export interface AuditPolicy {
  readonly retentionDays: number;
  readonly syslog: SyslogTarget;
}

export const FORWARDING_STATES = ['off', 'connecting', 'connected', 'retrying'] as const;
export type ForwardingState = (typeof FORWARDING_STATES)[number];

export interface ForwardingStatus {
  readonly state: ForwardingState;
  /** The server's own English text, for administrators; empty when none. */
  readonly lastError: string;
  readonly lastDeliveredAt: number | null;
  /** Entries not yet delivered. */
  readonly pending: number;
}

export interface AuditPolicyAnswer {
  readonly policy: AuditPolicy;
  readonly updatedAt: number | null;
  /** Absent when the server runs no forwarder. */
  readonly forwarding?: ForwardingStatus;
}

// ---- guards -----------------------------------------------------------------------------------

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isCount(value: unknown): value is number {
  return isFiniteNumber(value) && Number.isInteger(value) && value >= 0;
}

function isStringList(value: unknown): value is readonly string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isTimeOrNull(value: unknown): value is number | null {
  return value === null || isFiniteNumber(value);
}

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && (PERMISSIONS as readonly string[]).includes(value);
}

export function isAdminAccount(value: unknown): value is AdminAccount {
  if (!isRecord(value)) return false;
  const unitId = value['unitId'];
  const own = value['ownPermissions'];
  return (
    typeof value['id'] === 'string' &&
    typeof value['username'] === 'string' &&
    typeof value['displayName'] === 'string' &&
    typeof value['email'] === 'string' &&
    isRole(value['role']) &&
    (unitId === null || typeof unitId === 'string') &&
    isStringList(value['permissions']) &&
    (own === null || isStringList(own)) &&
    typeof value['disabled'] === 'boolean' &&
    typeof value['locked'] === 'boolean' &&
    isTimeOrNull(value['lockedUntil']) &&
    typeof value['mustChangePassword'] === 'boolean' &&
    typeof value['twoFactor'] === 'boolean' &&
    isFiniteNumber(value['passwordChangedAt']) &&
    isFiniteNumber(value['createdAt'])
  );
}

export function isAccountPage(value: unknown): value is AccountPage {
  return isRecord(value) && Array.isArray(value['users']) && value['users'].every(isAdminAccount) && isCount(value['total']);
}

export function isAccountAnswer(value: unknown): value is { readonly user: AdminAccount } {
  return isRecord(value) && isAdminAccount(value['user']);
}

function isOneTimePassword(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

export function isCreatedAccount(value: unknown): value is CreatedAccount {
  return isRecord(value) && isAdminAccount(value['user']) && isOneTimePassword(value['oneTimePassword']);
}

export function isPasswordReset(value: unknown): value is { readonly oneTimePassword: string } {
  return isRecord(value) && isOneTimePassword(value['oneTimePassword']);
}

export function isUnit(value: unknown): value is Unit {
  if (!isRecord(value)) return false;
  const parentId = value['parentId'];
  return (
    typeof value['id'] === 'string' &&
    (parentId === null || typeof parentId === 'string') &&
    typeof value['name'] === 'string' &&
    isFiniteNumber(value['createdAt'])
  );
}

export function isUnitList(value: unknown): value is UnitList {
  if (!isRecord(value)) return false;
  const root = value['rootUnitId'];
  return Array.isArray(value['units']) && value['units'].every(isUnit) && (root === null || typeof root === 'string');
}

export function isUnitAnswer(value: unknown): value is { readonly unit: Unit } {
  return isRecord(value) && isUnit(value['unit']);
}

export function isAuditEvent(value: unknown): value is AuditEvent {
  return (
    isRecord(value) &&
    typeof value['id'] === 'string' &&
    isFiniteNumber(value['at']) &&
    typeof value['category'] === 'string' &&
    typeof value['actor'] === 'string' &&
    typeof value['sourceAddress'] === 'string' &&
    typeof value['action'] === 'string' &&
    typeof value['target'] === 'string' &&
    typeof value['outcome'] === 'string' &&
    typeof value['detail'] === 'string'
  );
}

export function isAuditPage(value: unknown): value is AuditPage {
  return isRecord(value) && Array.isArray(value['events']) && value['events'].every(isAuditEvent) && isCount(value['total']);
}

function isPort(value: unknown): value is number {
  return isCount(value) && value <= 65_535;
}

export function isAdminAccessAnswer(value: unknown): value is AdminAccessAnswer {
  if (!isRecord(value)) return false;
  const access = value['access'];
  return (
    isRecord(access) &&
    isStringList(access['allowedNetworks']) &&
    (access['port'] === null || isPort(access['port'])) &&
    isTimeOrNull(value['updatedAt']) &&
    isPort(value['activePort']) &&
    typeof value['restartRequired'] === 'boolean'
  );
}

function isForwardingStatus(value: unknown): value is ForwardingStatus {
  return (
    isRecord(value) &&
    typeof value['state'] === 'string' &&
    (FORWARDING_STATES as readonly string[]).includes(value['state']) &&
    typeof value['lastError'] === 'string' &&
    isTimeOrNull(value['lastDeliveredAt']) &&
    isCount(value['pending'])
  );
}

export function isAuditPolicyAnswer(value: unknown): value is AuditPolicyAnswer {
  if (!isRecord(value)) return false;
  const policy = value['policy'];
  if (!isRecord(policy)) return false;
  const syslog = policy['syslog'];
  const forwarding = value['forwarding'];
  return (
    isCount(policy['retentionDays']) &&
    isRecord(syslog) &&
    typeof syslog['enabled'] === 'boolean' &&
    typeof syslog['host'] === 'string' &&
    isPort(syslog['port']) &&
    typeof syslog['serverName'] === 'string' &&
    typeof syslog['caCertificate'] === 'string' &&
    isTimeOrNull(value['updatedAt']) &&
    (forwarding === undefined || isForwardingStatus(forwarding))
  );
}
