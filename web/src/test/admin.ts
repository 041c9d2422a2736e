// Accounts, units, audit entries and settings as the administration API returns them, for tests of
// the console's pages.
import { ROLE_PERMISSIONS, type Role } from '../lib/api-types';
import type {
  AdminAccessAnswer,
  AdminAccount,
  AuditEvent,
  AuditPolicyAnswer,
  Unit,
  UnitList,
} from '../features/admin/admin-types';

const CREATED = Date.UTC(2026, 0, 5, 1, 0);

export function accountBody(overrides: Partial<AdminAccount> & { role?: Role } = {}): AdminAccount {
  const role = overrides.role ?? 'user';
  return {
    id: 'a1',
    username: 'tranthib',
    displayName: 'Trần Thị B',
    email: '',
    role,
    unitId: null,
    permissions: [...ROLE_PERMISSIONS[role]],
    ownPermissions: null,
    disabled: false,
    locked: false,
    lockedUntil: null,
    mustChangePassword: false,
    twoFactor: false,
    passwordChangedAt: CREATED,
    createdAt: CREATED,
    ...overrides,
  };
}

export function unitBody(id: string, name: string, parentId: string | null = null): Unit {
  return { id, parentId, name, createdAt: CREATED };
}

/** Bộ Nội vụ › (Vụ Tổ chức › Phòng Một), Văn phòng Bộ; and a second ministry. */
export const unitsBody: UnitList = {
  units: [
    unitBody('u-bo', 'Bộ Nội vụ'),
    unitBody('u-vu', 'Vụ Tổ chức', 'u-bo'),
    unitBody('u-phong', 'Phòng Một', 'u-vu'),
    unitBody('u-vp', 'Văn phòng Bộ', 'u-bo'),
    unitBody('u-bo2', 'Bộ Tài chính'),
  ],
  rootUnitId: null,
};

export function auditEventBody(overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id: 'e1',
    at: Date.UTC(2026, 0, 5, 7, 8, 9),
    category: 'account',
    actor: 'u1',
    sourceAddress: '127.0.0.1',
    action: 'account.create',
    target: 'user:tranthib',
    outcome: 'success',
    detail: 'role user, unit -, permissions group',
    ...overrides,
  };
}

export const adminAccessBody: AdminAccessAnswer = {
  access: { allowedNetworks: ['127.0.0.0/8', '::1/128', '10.0.0.0/8'], port: null },
  updatedAt: null,
  activePort: 8444,
  restartRequired: false,
};

export const auditPolicyBody: AuditPolicyAnswer = {
  policy: { retentionDays: 365, syslog: { enabled: false, host: '', port: 6514, serverName: '', caCertificate: '' } },
  updatedAt: null,
  forwarding: { state: 'off', lastError: '', lastDeliveredAt: null, pending: 0 },
};

export const PEM = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ\n-----END CERTIFICATE-----\n';
