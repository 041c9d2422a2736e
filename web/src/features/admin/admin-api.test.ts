import { describe, expect, it } from 'vitest';
import { ApiError, CSRF_HEADER, setCsrfToken } from '../../lib/api';
import { accountBody, adminAccessBody, auditEventBody, auditPolicyBody, unitBody, unitsBody } from '../../test/admin';
import { errorReply, installFakeApi, reply } from '../../test/fake-api';
import {
  accountQueryString,
  auditExportHref,
  createAccount,
  createUnit,
  deleteAccount,
  deleteUnit,
  getAdminAccess,
  getAuditPolicy,
  listAccounts,
  listAuditEvents,
  listUnits,
  renameUnit,
  resetAccountPassword,
  resetAccountTwoFactor,
  saveAdminAccess,
  saveAuditPolicy,
  unlockAccount,
  updateAccount,
} from './admin-api';
import { isAccountPage, isAdminAccessAnswer, isAuditPolicyAnswer, isCreatedAccount, isUnitList } from './admin-types';
import { NO_AUDIT_FILTERS } from './audit-filters';

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error: unknown) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

const page = { q: '', unit: '', role: '' as const, status: '' as const, offset: 0, limit: 25 };

describe('admin api: accounts and units', () => {
  it('S1_1_lists_accounts_with_only_the_filters_that_are_set', async () => {
    const { calls } = installFakeApi({ 'GET /api/v1/admin/users': reply(200, { users: [accountBody()], total: 1 }) });
    const answer = await listAccounts({ ...page, q: ' Đặng thị ', unit: 'u-vu', status: 'locked', offset: 25 });
    expect(answer.total).toBe(1);
    expect(Object.fromEntries(calls[0]!.query)).toEqual({ q: 'Đặng thị', unit: 'u-vu', status: 'locked', offset: '25', limit: '25' });
    expect(accountQueryString(page)).toBe('?offset=0&limit=25');
    expect(accountQueryString({ ...page, role: 'meeting_admin' })).toBe('?role=meeting_admin&offset=0&limit=25');
  });

  it('S1_1_creates_an_account_with_the_CSRF_token_and_returns_its_one_time_password', async () => {
    setCsrfToken('csrf-a');
    const { calls } = installFakeApi({
      'POST /api/v1/admin/users': reply(201, { user: accountBody(), oneTimePassword: 'Ab3-xyzXYZ12' }),
    });
    const created = await createAccount({ username: 'tranthib', displayName: 'Trần Thị B', role: 'user', unitId: null });
    expect(created.oneTimePassword).toBe('Ab3-xyzXYZ12');
    expect(calls[0]?.headers.get(CSRF_HEADER)).toBe('csrf-a');
    expect(calls[0]?.body).toEqual({ username: 'tranthib', displayName: 'Trần Thị B', role: 'user', unitId: null });
  });

  it('calls each account action on the account path, the id encoded', async () => {
    const locked = accountBody({ id: 'a/1' });
    const { calls } = installFakeApi({
      'PATCH /api/v1/admin/users/a%2F1': reply(200, { user: locked }),
      'POST /api/v1/admin/users/a%2F1/reset-password': reply(200, { oneTimePassword: 'Zz9!zzzzzzzz' }),
      'POST /api/v1/admin/users/a%2F1/unlock': reply(200, { user: locked }),
      'POST /api/v1/admin/users/a%2F1/reset-two-factor': reply(200, { user: locked }),
      'DELETE /api/v1/admin/users/a%2F1': reply(204),
    });
    await updateAccount('a/1', { disabled: true });
    await expect(resetAccountPassword('a/1')).resolves.toBe('Zz9!zzzzzzzz');
    await unlockAccount('a/1');
    await resetAccountTwoFactor('a/1');
    await deleteAccount('a/1');
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      'PATCH /api/v1/admin/users/a%2F1',
      'POST /api/v1/admin/users/a%2F1/reset-password',
      'POST /api/v1/admin/users/a%2F1/unlock',
      'POST /api/v1/admin/users/a%2F1/reset-two-factor',
      'DELETE /api/v1/admin/users/a%2F1',
    ]);
    expect(calls[0]?.body).toEqual({ disabled: true });
  });

  it('manages units', async () => {
    const { calls } = installFakeApi({
      'GET /api/v1/admin/units': reply(200, unitsBody),
      'POST /api/v1/admin/units': reply(201, { unit: unitBody('u-new', 'Sở Nội vụ') }),
      'PATCH /api/v1/admin/units/u-new': reply(200, { unit: unitBody('u-new', 'Sở Nội Vụ') }),
      'DELETE /api/v1/admin/units/u-new': errorReply(409, 'in_use', 'req-u'),
    });
    expect((await listUnits()).units).toHaveLength(5);
    expect((await createUnit('Sở Nội vụ', null)).id).toBe('u-new');
    expect((await renameUnit('u-new', 'Sở Nội Vụ')).name).toBe('Sở Nội Vụ');
    const refused = await caught(deleteUnit('u-new'));
    expect([refused.code, refused.status, refused.requestId]).toEqual(['in_use', 409, 'req-u']);
    expect(calls[1]?.body).toEqual({ name: 'Sở Nội vụ', parentId: null });
    expect(calls[2]?.body).toEqual({ name: 'Sở Nội Vụ' });
  });

  it('turns a malformed answer into unexpected_response', async () => {
    installFakeApi({ 'GET /api/v1/admin/users': reply(200, { users: [{ id: 'x' }], total: 1 }) });
    expect((await caught(listAccounts(page))).code).toBe('unexpected_response');
    installFakeApi({ 'POST /api/v1/admin/users': reply(201, { user: accountBody(), oneTimePassword: '' }) });
    expect((await caught(createAccount({ username: 'abc', displayName: 'A', role: 'user' }))).code).toBe('unexpected_response');
  });

  it('checks the shapes of the answers', () => {
    expect(isAccountPage({ users: [accountBody({ lockedUntil: 5, locked: true })], total: 1 })).toBe(true);
    expect(isAccountPage({ users: [{ ...accountBody(), role: 'root' }], total: 1 })).toBe(false);
    expect(isAccountPage({ users: [], total: -1 })).toBe(false);
    expect(isCreatedAccount({ user: accountBody(), oneTimePassword: 'x' })).toBe(true);
    expect(isUnitList({ units: [unitBody('a', 'A')], rootUnitId: 'a' })).toBe(true);
    expect(isUnitList({ units: [{ id: 'a' }], rootUnitId: null })).toBe(false);
    expect(isAdminAccessAnswer(adminAccessBody)).toBe(true);
    expect(isAdminAccessAnswer({ ...adminAccessBody, activePort: 70000 })).toBe(false);
    expect(isAuditPolicyAnswer(auditPolicyBody)).toBe(true);
    const { forwarding: _, ...withoutForwarder } = auditPolicyBody;
    expect(isAuditPolicyAnswer(withoutForwarder)).toBe(true);
    expect(isAuditPolicyAnswer({ ...auditPolicyBody, forwarding: { state: 'sleeping', lastError: '', lastDeliveredAt: null, pending: 0 } })).toBe(false);
  });
});

describe('admin api: audit log and settings', () => {
  it('S3_1_sends_the_audit_filters_and_builds_the_export_link_with_the_same_ones', async () => {
    const { calls } = installFakeApi({ 'GET /api/v1/admin/audit': reply(200, { events: [auditEventBody()], total: 1 }) });
    const filters = { ...NO_AUDIT_FILTERS, category: 'account' as const, q: 'user:trần & co', from: 1000, to: 2000 };
    const answer = await listAuditEvents(filters, 50, 50);
    expect(answer.events[0]?.action).toBe('account.create');
    expect(Object.fromEntries(calls[0]!.query)).toEqual({
      category: 'account',
      q: 'user:trần & co',
      from: '1000',
      to: '2000',
      offset: '50',
      limit: '50',
    });
    const href = auditExportHref(filters, 'csv');
    const url = new URL(href, 'https://localhost:8444');
    expect(url.pathname).toBe('/api/v1/admin/audit/export');
    expect(Object.fromEntries(url.searchParams)).toEqual({ format: 'csv', category: 'account', q: 'user:trần & co', from: '1000', to: '2000' });
    expect(auditExportHref(NO_AUDIT_FILTERS, 'json')).toBe('/api/v1/admin/audit/export?format=json');
  });

  it('reads and saves the access and audit policies', async () => {
    setCsrfToken('csrf-s');
    const { calls } = installFakeApi({
      'GET /api/v1/admin/admin-access': reply(200, adminAccessBody),
      'PUT /api/v1/admin/admin-access': (request) => reply(200, { ...adminAccessBody, access: request.body, restartRequired: true }),
      'GET /api/v1/admin/audit-policy': reply(200, auditPolicyBody),
      'PUT /api/v1/admin/audit-policy': (request) => reply(200, { ...auditPolicyBody, policy: request.body }),
    });
    expect((await getAdminAccess()).activePort).toBe(8444);
    const saved = await saveAdminAccess({ allowedNetworks: ['10.0.0.0/8'], port: 9444 });
    expect(saved.restartRequired).toBe(true);
    expect((await getAuditPolicy()).policy.retentionDays).toBe(365);
    await saveAuditPolicy({ ...auditPolicyBody.policy, retentionDays: 30 });
    expect(calls.filter((c) => c.method === 'PUT').map((c) => c.headers.get(CSRF_HEADER))).toEqual(['csrf-s', 'csrf-s']);
    expect(calls[3]?.body).toEqual({ ...auditPolicyBody.policy, retentionDays: 30 });
  });
});
