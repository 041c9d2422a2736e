// The account dialog's values and rules, pure so that they are tested directly: the server's
// field rules (src/accounts/account_fields.cpp) checked before sending, the request bodies (a
// PATCH carries only what changed, and never one's own group, unit, permissions or status), and
// what the signed-in administrator may offer at all (docs/security.md: no escalation, no
// self-service changes). The server checks every call again.
import { PERMISSIONS, ROLE_PERMISSIONS, ROLES, type Permission, type Role } from '../../lib/api-types';
import type { MessageKey } from '../../lib/i18n/translate';
import type { AccountChanges, AdminAccount, NewAccountRequest } from './admin-types';

/** Who is signed in, as far as the console's choices are concerned. */
export interface Actor {
  readonly id: string;
  readonly role: Role;
  readonly permissions: ReadonlySet<string>;
}

export interface AccountFormValues {
  readonly username: string;
  readonly displayName: string;
  readonly email: string;
  readonly role: Role;
  /** '' for no unit. */
  readonly unitId: string;
  /** False: the group's permissions; true: `permissions`. */
  readonly ownPermissions: boolean;
  readonly permissions: readonly Permission[];
  readonly disabled: boolean;
}

export type AccountField = 'username' | 'displayName' | 'email' | 'permissions';

export type AccountCheck<T> =
  | { readonly ok: true; readonly request: T }
  | { readonly ok: false; readonly field: AccountField; readonly key: MessageKey };

const RANK: Readonly<Record<Role, number>> = { user: 0, meeting_admin: 1, system_admin: 2 };

export function roleRank(role: Role): number {
  return RANK[role];
}

/** The groups an administrator may give: none above their own. */
export function grantableRoles(actor: Actor): readonly Role[] {
  return ROLES.filter((role) => RANK[role] <= RANK[actor.role]);
}

/** The permissions a group allows that the administrator holds (in the order of PERMISSIONS). */
export function offeredPermissions(role: Role, actor: Actor): readonly Permission[] {
  return ROLE_PERMISSIONS[role].filter((p) => actor.permissions.has(p));
}

/**
 * Whether the administrator may change an account other than their own: they need users.manage,
 * and the account may not do more than they may (a higher group, or a permission they lack).
 */
export function canManageAccount(actor: Actor, account: AdminAccount): boolean {
  if (!actor.permissions.has('users.manage')) return false;
  if (account.id === actor.id) return false;
  return RANK[account.role] <= RANK[actor.role] && account.permissions.every((p) => actor.permissions.has(p));
}

/** One's own account: only the name and e-mail, and only with users.manage. */
export function canEditOwnAccount(actor: Actor, account: AdminAccount): boolean {
  return actor.permissions.has('users.manage') && account.id === actor.id;
}

export function emptyAccountForm(unitId: string | null): AccountFormValues {
  return {
    username: '',
    displayName: '',
    email: '',
    role: 'user',
    unitId: unitId ?? '',
    ownPermissions: false,
    permissions: [],
    disabled: false,
  };
}

export function formFromAccount(account: AdminAccount): AccountFormValues {
  return {
    username: account.username,
    displayName: account.displayName,
    email: account.email,
    role: account.role,
    unitId: account.unitId ?? '',
    ownPermissions: account.ownPermissions !== null,
    permissions: PERMISSIONS.filter((p) => account.permissions.includes(p)),
    disabled: account.disabled,
  };
}

/** Another group keeps only the chosen permissions that group allows. */
export function withRole(values: AccountFormValues, role: Role): AccountFormValues {
  return { ...values, role, permissions: values.permissions.filter((p) => ROLE_PERMISSIONS[role].includes(p)) };
}

export function withPermission(values: AccountFormValues, permission: Permission, on: boolean): AccountFormValues {
  const set = new Set(values.permissions);
  if (on) set.add(permission);
  else set.delete(permission);
  return { ...values, permissions: PERMISSIONS.filter((p) => set.has(p)) };
}

/** Usernames: 3–64 of a–z 0–9 . _ - @, starting with a letter or digit; stored in lower case. */
export function isUsername(text: string): boolean {
  return /^[a-z0-9][a-z0-9._@-]{2,63}$/.test(text);
}

/** Empty, or one "@" with a dot after the domain's first character, no spaces or controls. */
export function isEmail(text: string): boolean {
  if (text === '') return true;
  const at = text.indexOf('@');
  return (
    text.length <= 254 &&
    at > 0 &&
    text.indexOf('@', at + 1) === -1 &&
    text.indexOf('.', at + 2) !== -1 &&
    !text.endsWith('.') &&
    !/[\u0000-\u0020\u007f]/.test(text)
  );
}

function isDisplayName(text: string): boolean {
  const trimmed = text.trim();
  return trimmed !== '' && [...trimmed].length <= 100;
}

function checkCommon(values: AccountFormValues): { field: AccountField; key: MessageKey } | null {
  if (!isDisplayName(values.displayName)) return { field: 'displayName', key: 'console.users.error.displayName' };
  if (!isEmail(values.email.trim())) return { field: 'email', key: 'console.users.error.email' };
  return null;
}

/** The body of POST /admin/users, or the first field at fault. */
export function checkNewAccount(values: AccountFormValues): AccountCheck<NewAccountRequest> {
  const username = values.username.trim().toLowerCase();
  if (!isUsername(username)) return { ok: false, field: 'username', key: 'console.users.error.username' };
  const common = checkCommon(values);
  if (common !== null) return { ok: false, ...common };
  const email = values.email.trim();
  const allowed = ROLE_PERMISSIONS[values.role];
  const request: NewAccountRequest = {
    username,
    displayName: values.displayName.trim(),
    role: values.role,
    unitId: values.unitId === '' ? null : values.unitId,
    ...(email === '' ? {} : { email }),
    ...(values.ownPermissions ? { permissions: values.permissions.filter((p) => allowed.includes(p)) } : {}),
  };
  return { ok: true, request };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item) => b.includes(item));
}

/**
 * The body of PATCH /admin/users/{id}: only the members that change. For one's own account only
 * the name and e-mail are ever sent (the server refuses the rest: self_change_refused).
 */
export function checkAccountChanges(account: AdminAccount, values: AccountFormValues, self: boolean): AccountCheck<AccountChanges> {
  const common = checkCommon(values);
  if (common !== null) return { ok: false, ...common };
  const changes: {
    displayName?: string;
    email?: string;
    role?: Role;
    unitId?: string | null;
    permissions?: readonly Permission[] | null;
    disabled?: boolean;
  } = {};
  const displayName = values.displayName.trim();
  const email = values.email.trim();
  if (displayName !== account.displayName) changes.displayName = displayName;
  if (email !== account.email) changes.email = email;
  if (!self) {
    if (values.role !== account.role) changes.role = values.role;
    const unitId = values.unitId === '' ? null : values.unitId;
    if (unitId !== account.unitId) changes.unitId = unitId;
    const allowed = ROLE_PERMISSIONS[values.role];
    if (values.ownPermissions) {
      const chosen = values.permissions.filter((p) => allowed.includes(p));
      if (account.ownPermissions === null || !sameList(chosen, account.ownPermissions) || changes.role !== undefined) {
        changes.permissions = chosen;
      }
    } else if (account.ownPermissions !== null) {
      changes.permissions = null;
    }
    if (values.disabled !== account.disabled) changes.disabled = values.disabled;
  }
  return { ok: true, request: changes };
}

/** True when a PATCH body changes nothing. */
export function isEmptyChange(changes: AccountChanges): boolean {
  return Object.keys(changes).length === 0;
}
