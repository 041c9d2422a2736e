// The administration API the console's pages call (administration port only): accounts and units,
// the audit log and its policy, and the administration access. Built on lib/api's `send` and
// `readJson`, so every call carries the CSRF token, counts as activity and reports failures to the
// session layer; answers are checked by the guards of admin-types.ts.
import { API_BASE, readJson, send } from '../../lib/api';
import {
  isAccountAnswer,
  isAccountPage,
  isAdminAccessAnswer,
  isAuditPage,
  isAuditPolicyAnswer,
  isCreatedAccount,
  isPasswordReset,
  isUnitAnswer,
  isUnitList,
  type AccountChanges,
  type AccountPage,
  type AccountQuery,
  type AdminAccess,
  type AdminAccessAnswer,
  type AdminAccount,
  type AuditFilters,
  type AuditPage,
  type AuditPolicy,
  type AuditPolicyAnswer,
  type CreatedAccount,
  type NewAccountRequest,
  type Unit,
  type UnitList,
} from './admin-types';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function call<T>(
  method: Method,
  path: string,
  guard: (value: unknown) => value is T,
  body?: unknown,
  signal?: AbortSignal,
): Promise<T> {
  const res = await send(path, body === undefined ? { method, signal } : { method, body, signal });
  return readJson(res, guard, { method, path });
}

/** "?a=1&b=x" of the members that are set (non-empty text, a number), or "" for none. */
function queryString(params: Readonly<Record<string, string | number | null>>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === null || value === '') continue;
    search.set(name, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

function userPath(id: string): string {
  return `/admin/users/${encodeURIComponent(id)}`;
}

function unitPath(id: string): string {
  return `/admin/units/${encodeURIComponent(id)}`;
}

// ---- accounts ---------------------------------------------------------------------------------

export function accountQueryString(query: AccountQuery): string {
  return queryString({
    q: query.q.trim(),
    unit: query.unit,
    role: query.role,
    status: query.status,
    offset: query.offset,
    limit: query.limit,
  });
}

/** One page of the accounts within reach. */
export function listAccounts(query: AccountQuery, signal?: AbortSignal): Promise<AccountPage> {
  return call('GET', `/admin/users${accountQueryString(query)}`, isAccountPage, undefined, signal);
}

/** Creates an account; the answer holds its one-time password (username_taken, forbidden, invalid_request). */
export function createAccount(request: NewAccountRequest): Promise<CreatedAccount> {
  return call('POST', '/admin/users', isCreatedAccount, request);
}

/** Changes what `changes` holds (self_change_refused for one's own role, unit, permissions, status). */
export async function updateAccount(id: string, changes: AccountChanges): Promise<AdminAccount> {
  return (await call('PATCH', userPath(id), isAccountAnswer, changes)).user;
}

/** A new one-time password: the account must change it, is unlocked and signed out everywhere. */
export async function resetAccountPassword(id: string): Promise<string> {
  return (await call('POST', `${userPath(id)}/reset-password`, isPasswordReset)).oneTimePassword;
}

export async function unlockAccount(id: string): Promise<AdminAccount> {
  return (await call('POST', `${userPath(id)}/unlock`, isAccountAnswer)).user;
}

/** Removes the second factor (a lost phone); the account is signed out everywhere. */
export async function resetAccountTwoFactor(id: string): Promise<AdminAccount> {
  return (await call('POST', `${userPath(id)}/reset-two-factor`, isAccountAnswer)).user;
}

export async function deleteAccount(id: string): Promise<void> {
  await send(userPath(id), { method: 'DELETE' });
}

// ---- units ------------------------------------------------------------------------------------

export function listUnits(signal?: AbortSignal): Promise<UnitList> {
  return call('GET', '/admin/units', isUnitList, undefined, signal);
}

/** A unit under `parentId` (null: top level, for an administrator of the whole organisation only). */
export async function createUnit(name: string, parentId: string | null): Promise<Unit> {
  return (await call('POST', '/admin/units', isUnitAnswer, { name, parentId })).unit;
}

/** unit_name_taken when a sibling has that name (ignoring case). */
export async function renameUnit(id: string, name: string): Promise<Unit> {
  return (await call('PATCH', unitPath(id), isUnitAnswer, { name })).unit;
}

/** in_use while units or accounts are in it. */
export async function deleteUnit(id: string): Promise<void> {
  await send(unitPath(id), { method: 'DELETE' });
}

// ---- audit log --------------------------------------------------------------------------------

function auditParams(filters: AuditFilters): Record<string, string | number | null> {
  return {
    category: filters.category,
    outcome: filters.outcome,
    actor: filters.actor.trim(),
    q: filters.q.trim(),
    from: filters.from,
    to: filters.to,
  };
}

export function auditQueryString(filters: AuditFilters, offset: number, limit: number): string {
  return queryString({ ...auditParams(filters), offset, limit });
}

/** The export download's address (a GET the browser makes with the session cookie). */
export function auditExportHref(filters: AuditFilters, format: 'csv' | 'json'): string {
  return `${API_BASE}/admin/audit/export${queryString({ format, ...auditParams(filters) })}`;
}

export function listAuditEvents(filters: AuditFilters, offset: number, limit: number, signal?: AbortSignal): Promise<AuditPage> {
  return call('GET', `/admin/audit${auditQueryString(filters, offset, limit)}`, isAuditPage, undefined, signal);
}

export function getAuditPolicy(signal?: AbortSignal): Promise<AuditPolicyAnswer> {
  return call('GET', '/admin/audit-policy', isAuditPolicyAnswer, undefined, signal);
}

/** Replaces the audit policy (invalid_setting with a field out of range or a CA that does not parse). */
export function saveAuditPolicy(policy: AuditPolicy): Promise<AuditPolicyAnswer> {
  return call('PUT', '/admin/audit-policy', isAuditPolicyAnswer, policy);
}

// ---- administration access --------------------------------------------------------------------

export function getAdminAccess(signal?: AbortSignal): Promise<AdminAccessAnswer> {
  return call('GET', '/admin/admin-access', isAdminAccessAnswer, undefined, signal);
}

/** Replaces the allowed networks and port (would_lock_out when the list leaves out the caller's address). */
export function saveAdminAccess(access: AdminAccess): Promise<AdminAccessAnswer> {
  return call('PUT', '/admin/admin-access', isAdminAccessAnswer, access);
}
