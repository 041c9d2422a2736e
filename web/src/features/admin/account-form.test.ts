import { describe, expect, it } from 'vitest';
import { accountBody } from '../../test/admin';
import {
  canEditOwnAccount,
  canManageAccount,
  checkAccountChanges,
  checkNewAccount,
  emptyAccountForm,
  formFromAccount,
  grantableRoles,
  isEmail,
  isUsername,
  offeredPermissions,
  withPermission,
  withRole,
  type AccountFormValues,
  type Actor,
} from './account-form';

const systemAdmin: Actor = {
  id: 'me',
  role: 'system_admin',
  permissions: new Set(['users.view', 'users.manage', 'rooms.manage', 'monitoring.view', 'settings.manage', 'audit.view', 'backups.manage']),
};
const meetingAdmin: Actor = {
  id: 'me',
  role: 'meeting_admin',
  permissions: new Set(['users.view', 'users.manage', 'rooms.manage', 'monitoring.view']),
};
const viewer: Actor = { id: 'me', role: 'meeting_admin', permissions: new Set(['users.view']) };

describe('account form', () => {
  it('S1_1_takes_usernames_as_the_server_does', () => {
    for (const good of ['abc', 'nguyen.van.a', 'a_b-c@d', '0abc', 'x'.repeat(64)]) expect(isUsername(good)).toBe(true);
    for (const bad of ['ab', '.abc', '_abc', '-abc', '@abc', 'Nguyen', 'nguyễn', 'a b c', 'x'.repeat(65)]) expect(isUsername(bad)).toBe(false);
  });

  it('takes an empty or address-shaped e-mail', () => {
    for (const good of ['', 'a@b.vn', 'ten.ho@bo.gov.vn']) expect(isEmail(good)).toBe(true);
    for (const bad of ['a', '@b.vn', 'a@b', 'a@.vn', 'a@b.vn.', 'a@@b.vn', 'a b@c.vn']) expect(isEmail(bad)).toBe(false);
  });

  it('S1_1_builds_a_new_account_in_lower_case_with_the_group_permissions_by_default', () => {
    const values = { ...emptyAccountForm('u-vu'), username: ' NguyenVanA ', displayName: '  Nguyễn Văn A ', role: 'meeting_admin' as const };
    expect(checkNewAccount(values)).toEqual({
      ok: true,
      request: { username: 'nguyenvana', displayName: 'Nguyễn Văn A', role: 'meeting_admin', unitId: 'u-vu' },
    });
    const noUnit = checkNewAccount({ ...values, unitId: '', email: ' a@b.vn ' });
    expect(noUnit.ok && noUnit.request).toMatchObject({ unitId: null, email: 'a@b.vn' });
  });

  it('S2_5_sends_an_own_permission_list_narrowed_to_the_group', () => {
    let values: AccountFormValues = { ...emptyAccountForm(null), username: 'abc', displayName: 'A', role: 'system_admin', ownPermissions: true };
    values = withPermission(values, 'audit.view', true);
    values = withPermission(values, 'users.view', true);
    expect(values.permissions).toEqual(['users.view', 'audit.view']);
    // A lower group drops what it does not allow.
    values = withRole(values, 'meeting_admin');
    expect(values.permissions).toEqual(['users.view']);
    const checked = checkNewAccount(values);
    expect(checked.ok && checked.request.permissions).toEqual(['users.view']);
    expect(withPermission(values, 'users.view', false).permissions).toEqual([]);
  });

  it('points at the first field at fault', () => {
    const values = { ...emptyAccountForm(null), username: 'a', displayName: '', email: 'x' };
    expect(checkNewAccount(values)).toEqual({ ok: false, field: 'username', key: 'console.users.error.username' });
    expect(checkNewAccount({ ...values, username: 'abc' })).toMatchObject({ field: 'displayName' });
    expect(checkNewAccount({ ...values, username: 'abc', displayName: 'A' })).toMatchObject({ field: 'email' });
    expect(checkNewAccount({ ...values, username: 'abc', displayName: 'x'.repeat(101), email: '' })).toMatchObject({ field: 'displayName' });
  });

  it('S1_1_sends_only_what_changed', () => {
    const account = accountBody({ role: 'meeting_admin', unitId: 'u-vu', email: 'b@bo.gov.vn' });
    const form = formFromAccount(account);
    expect(form.permissions).toEqual(['users.view', 'users.manage', 'rooms.manage', 'monitoring.view']);
    expect(checkAccountChanges(account, form, false)).toEqual({ ok: true, request: {} });
    expect(checkAccountChanges(account, { ...form, displayName: 'Trần Thị Bình', unitId: '', disabled: true }, false)).toEqual({
      ok: true,
      request: { displayName: 'Trần Thị Bình', unitId: null, disabled: true },
    });
    expect(checkAccountChanges(account, { ...form, ownPermissions: true, permissions: ['users.view'] }, false)).toEqual({
      ok: true,
      request: { permissions: ['users.view'] },
    });
    const narrowed = accountBody({ role: 'meeting_admin', permissions: ['users.view'], ownPermissions: ['users.view'] });
    expect(checkAccountChanges(narrowed, { ...formFromAccount(narrowed), ownPermissions: false }, false)).toEqual({
      ok: true,
      request: { permissions: null },
    });
  });

  it('S2_4_sends_a_narrowed_list_again_when_the_group_changes', () => {
    const account = accountBody({ role: 'system_admin', permissions: ['users.view', 'audit.view'], ownPermissions: ['users.view', 'audit.view'] });
    const form = withRole(formFromAccount(account), 'meeting_admin');
    expect(checkAccountChanges(account, form, false)).toEqual({ ok: true, request: { role: 'meeting_admin', permissions: ['users.view'] } });
  });

  it('S2_4_never_sends_ones_own_group_unit_permissions_or_status', () => {
    const me = accountBody({ id: 'me', role: 'system_admin', unitId: 'u-bo' });
    const form = { ...formFromAccount(me), role: 'user' as const, unitId: '', disabled: true, ownPermissions: true, permissions: [], displayName: 'Tên mới' };
    expect(checkAccountChanges(me, form, true)).toEqual({ ok: true, request: { displayName: 'Tên mới' } });
  });

  it('S2_4_offers_no_group_or_permission_above_the_administrators_own', () => {
    expect(grantableRoles(systemAdmin)).toEqual(['user', 'meeting_admin', 'system_admin']);
    expect(grantableRoles(meetingAdmin)).toEqual(['user', 'meeting_admin']);
    expect(offeredPermissions('system_admin', systemAdmin)).toHaveLength(7);
    expect(offeredPermissions('meeting_admin', viewer)).toEqual(['users.view']);
    expect(offeredPermissions('user', systemAdmin)).toEqual([]);
  });

  it('S2_4_manages_only_accounts_that_may_do_no_more_than_the_administrator', () => {
    expect(canManageAccount(meetingAdmin, accountBody({ role: 'user' }))).toBe(true);
    expect(canManageAccount(meetingAdmin, accountBody({ role: 'meeting_admin' }))).toBe(true);
    expect(canManageAccount(meetingAdmin, accountBody({ role: 'system_admin' }))).toBe(false);
    const narrowedAdmin: Actor = { ...meetingAdmin, permissions: new Set(['users.view', 'users.manage']) };
    expect(canManageAccount(narrowedAdmin, accountBody({ role: 'meeting_admin' }))).toBe(false);
    expect(canManageAccount(viewer, accountBody({ role: 'user' }))).toBe(false);
    // One's own account: name and e-mail only, through its own rule.
    expect(canManageAccount(systemAdmin, accountBody({ id: 'me', role: 'system_admin' }))).toBe(false);
    expect(canEditOwnAccount(systemAdmin, accountBody({ id: 'me', role: 'system_admin' }))).toBe(true);
    expect(canEditOwnAccount(viewer, accountBody({ id: 'me' }))).toBe(false);
  });
});
