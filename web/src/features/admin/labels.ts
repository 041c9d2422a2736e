// Catalogue keys of the API's fixed values (groups, permissions, audit categories and outcomes,
// forwarding states), shared by the console's pages. A value a newer server adds is shown as it is.
import type { Permission, Role } from '../../lib/api-types';
import type { MessageKey } from '../../lib/i18n/translate';
import type { AuditCategory, AuditOutcome, ForwardingState } from './admin-types';

export const ROLE_TEXT: Readonly<Record<Role, MessageKey>> = {
  user: 'role.user',
  meeting_admin: 'role.meeting_admin',
  system_admin: 'role.system_admin',
};

export const PERMISSION_TEXT: Readonly<Record<Permission, MessageKey>> = {
  'users.view': 'console.permission.users.view',
  'users.manage': 'console.permission.users.manage',
  'rooms.manage': 'console.permission.rooms.manage',
  'monitoring.view': 'console.permission.monitoring.view',
  'settings.manage': 'console.permission.settings.manage',
  'audit.view': 'console.permission.audit.view',
  'backups.manage': 'console.permission.backups.manage',
};

export const CATEGORY_TEXT: Readonly<Record<AuditCategory, MessageKey>> = {
  access: 'console.audit.category.access',
  admin_login: 'console.audit.category.admin_login',
  error: 'console.audit.category.error',
  account: 'console.audit.category.account',
  configuration: 'console.audit.category.configuration',
  meeting: 'console.audit.category.meeting',
};

export const OUTCOME_TEXT: Readonly<Record<AuditOutcome, MessageKey>> = {
  success: 'console.audit.outcome.success',
  denied: 'console.audit.outcome.denied',
  failure: 'console.audit.outcome.failure',
};

export const FORWARDING_TEXT: Readonly<Record<ForwardingState, MessageKey>> = {
  off: 'console.auditPolicy.state.off',
  connecting: 'console.auditPolicy.state.connecting',
  connected: 'console.auditPolicy.state.connected',
  retrying: 'console.auditPolicy.state.retrying',
};

/** The text of a value that may be one of `texts`' keys, else the value itself. */
export function textOf<K extends string>(
  texts: Readonly<Record<K, MessageKey>>,
  value: string,
  t: (key: MessageKey) => string,
): string {
  return Object.prototype.hasOwnProperty.call(texts, value) ? t(texts[value as K]) : value;
}
