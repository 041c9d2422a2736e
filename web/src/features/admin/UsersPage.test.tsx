import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/App';
import { CSRF_HEADER } from '../../lib/api';
import type { Role } from '../../lib/api-types';
import { accountBody, unitsBody } from '../../test/admin';
import { errorReply, installFakeApi, reply, sessionBody, type FakeRequest, type FakeRoute } from '../../test/fake-api';
import { renderWithProviders } from '../../test/render';
import type { AdminAccount } from './admin-types';

const LOCKED_UNTIL = new Date(2026, 0, 5, 14, 7, 9).getTime();

const accounts: AdminAccount[] = [
  accountBody({ id: 'u1', username: 'nguyenvana', displayName: 'Nguyễn Văn A', role: 'system_admin' }),
  accountBody({
    id: 'a2',
    username: 'tranthib',
    displayName: 'Trần Thị B',
    email: 'b@noivu.gov.vn',
    unitId: 'u-vu',
    locked: true,
    lockedUntil: LOCKED_UNTIL,
    mustChangePassword: true,
  }),
  accountBody({ id: 'a3', username: 'lequangc', displayName: 'Lê Quang C', role: 'meeting_admin', unitId: 'u-phong', twoFactor: true }),
  accountBody({ id: 'a4', username: 'phamthid', displayName: 'Phạm Thị D', disabled: true, locked: true, lockedUntil: null }),
];

function atUsers(
  routes: Record<string, FakeRoute> = {},
  options: { role?: Role; permissions?: string[]; lang?: 'vi' | 'en'; userId?: string } = {},
) {
  window.history.replaceState(null, '', '/admin/users');
  const role = options.role ?? 'system_admin';
  const api = installFakeApi({
    'GET /api/v1/auth/session': reply(
      200,
      sessionBody({ role, id: options.userId ?? 'u1' }, { csrfToken: 'csrf-u', ...(options.permissions === undefined ? {} : { permissions: options.permissions }) }),
    ),
    'GET /api/v1/admin/units': reply(200, unitsBody),
    'GET /api/v1/admin/users': reply(200, { users: accounts, total: accounts.length }),
    ...routes,
  });
  renderWithProviders(<App />, options.lang ?? 'vi');
  return api;
}

const row = (username: string) => {
  const found = screen.getAllByTestId('user-row').find((r) => r.getAttribute('data-username') === username);
  if (found === undefined) throw new Error(`no row for ${username}`);
  return found;
};
const inRow = (username: string) => within(row(username));
const listCalls = (calls: FakeRequest[]) => calls.filter((c) => c.method === 'GET' && c.path === '/api/v1/admin/users');
const lastQuery = (calls: FakeRequest[]) => Object.fromEntries(listCalls(calls).at(-1)?.query ?? []);
const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

afterEach(() => {
  Reflect.deleteProperty(navigator, 'clipboard');
});

describe('users page: the list', () => {
  it('S1_1_lists_the_accounts_with_their_unit_status_second_factor_and_password_state', async () => {
    const { calls } = atUsers();
    await screen.findByTestId('users-table');
    expect(screen.getByTestId('users-total').textContent).toBe('Hiển thị 1–4 trong 4 tài khoản.');
    expect(lastQuery(calls)).toEqual({ offset: '0', limit: '25' });

    const b = inRow('tranthib');
    expect(b.getByTestId('user-display-name').textContent).toBe('Trần Thị B');
    expect(b.getByText('b@noivu.gov.vn')).toBeTruthy();
    expect(b.getByTestId('user-unit').textContent).toBe('Vụ Tổ chức');
    expect(b.getByTestId('user-unit').querySelector('span')?.getAttribute('title')).toBe('Bộ Nội vụ › Vụ Tổ chức');
    expect(b.getByTestId('user-locked').textContent).toMatch(/^Bị khóa đến .*14:07:09/);
    expect(b.getByTestId('user-must-change').textContent).toBe('phải đổi khi đăng nhập');
    expect(b.getByTestId('user-2fa').textContent).toBe('chưa bật');

    expect(inRow('lequangc').getByTestId('user-2fa').textContent).toBe('đã bật');
    expect(inRow('lequangc').getByTestId('user-role').textContent).toBe('Quản trị cuộc họp');
    expect(inRow('lequangc').getByTestId('user-unit').textContent).toBe('Phòng Một');
    expect(inRow('phamthid').getByTestId('user-status').textContent).toBe('Đã vô hiệu hóa');
    expect(inRow('phamthid').getByTestId('user-locked').textContent).toBe('Bị khóa đến khi quản trị viên mở khóa');
    expect(inRow('phamthid').getByTestId('user-unit').textContent).toBe('Không thuộc đơn vị nào');
    expect(inRow('nguyenvana').getByText('bạn')).toBeTruthy();
  });

  it('S1_4_offers_unlock_only_for_a_locked_account_and_the_second_factor_reset_only_when_enrolled', async () => {
    atUsers();
    await screen.findByTestId('users-table');
    expect(inRow('tranthib').queryByTestId('user-unlock')).not.toBeNull();
    expect(inRow('lequangc').queryByTestId('user-unlock')).toBeNull();
    expect(inRow('lequangc').queryByTestId('user-reset-2fa')).not.toBeNull();
    expect(inRow('tranthib').queryByTestId('user-reset-2fa')).toBeNull();
  });

  it('S2_4_offers_no_change_of_ones_own_group_status_password_or_account', async () => {
    atUsers();
    await screen.findByTestId('users-table');
    const me = inRow('nguyenvana');
    expect(me.queryByTestId('user-edit')).not.toBeNull();
    for (const action of ['user-reset-password', 'user-unlock', 'user-reset-2fa', 'user-delete']) expect(me.queryByTestId(action)).toBeNull();

    fireEvent.click(me.getByTestId('user-edit'));
    const dialog = await screen.findByTestId('account-dialog');
    expect(within(dialog).getByTestId('account-self-notice')).toBeTruthy();
    expect((within(dialog).getByTestId('account-role') as HTMLSelectElement).disabled).toBe(true);
    expect((within(dialog).getByTestId('account-unit') as HTMLSelectElement).disabled).toBe(true);
    expect(within(dialog).queryByTestId('account-disabled')).toBeNull();
  });

  it('S2_5_shows_a_viewer_the_accounts_without_any_action', async () => {
    atUsers({}, { role: 'meeting_admin', permissions: ['users.view'] });
    await screen.findByTestId('users-table');
    expect(screen.queryByTestId('users-create')).toBeNull();
    expect(screen.queryAllByTestId('user-edit')).toHaveLength(0);
    expect(screen.queryAllByTestId('user-delete')).toHaveLength(0);
    expect(screen.queryByTestId('unit-add')).toBeNull();
    expect(screen.queryByTestId('unit-add-top')).toBeNull();
  });

  it('S2_4_offers_a_usage_administrator_no_action_on_an_operations_administrator', async () => {
    // Signed in as lequangc, a usage administrator.
    atUsers({}, { role: 'meeting_admin', userId: 'a3' });
    await screen.findByTestId('users-table');
    expect(inRow('nguyenvana').queryByTestId('user-edit')).toBeNull();
    expect(inRow('nguyenvana').queryByTestId('user-delete')).toBeNull();
    expect(inRow('lequangc').queryByTestId('user-delete')).toBeNull();
    expect(inRow('tranthib').queryByTestId('user-delete')).not.toBeNull();
    fireEvent.click(screen.getByTestId('users-create'));
    const roles = [...(screen.getByTestId('account-role') as HTMLSelectElement).options].map((o) => o.value);
    expect(roles).toEqual(['user', 'meeting_admin']);
  });

  it('S1_1_searches_filters_and_pages_on_the_server', async () => {
    const { calls } = atUsers({
      'GET /api/v1/admin/users': (request) =>
        reply(200, { users: accounts, total: request.query.get('q') === null ? 60 : 2 }),
    });
    await screen.findByTestId('users-table');
    expect(screen.getByTestId('users-page-label').textContent).toBe('Trang 1/3');
    expect((screen.getByTestId('users-page-prev') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('users-page-next'));
    await waitFor(() => expect(lastQuery(calls)).toEqual({ offset: '25', limit: '25' }));

    fireEvent.change(screen.getByTestId('users-filter-status'), { target: { value: 'locked' } });
    await waitFor(() => expect(lastQuery(calls)).toEqual({ status: 'locked', offset: '0', limit: '25' }));
    fireEvent.change(screen.getByTestId('users-filter-role'), { target: { value: 'meeting_admin' } });
    await waitFor(() => expect(lastQuery(calls)).toMatchObject({ role: 'meeting_admin', status: 'locked' }));

    // A unit of the tree lists its accounts and those under it; the select follows.
    const vu = screen.getAllByTestId('unit-node').find((n) => n.getAttribute('data-unit-id') === 'u-vu');
    fireEvent.click(within(vu!).getAllByTestId('unit-select')[0]!);
    await waitFor(() => expect(lastQuery(calls)).toMatchObject({ unit: 'u-vu' }));
    expect((screen.getByTestId('users-filter-unit') as HTMLSelectElement).value).toBe('u-vu');
    expect(within(vu!).getAllByTestId('unit-select')[0]!.getAttribute('aria-pressed')).toBe('true');

    type('users-search', '  dang thi anh ');
    fireEvent.click(screen.getByTestId('users-search-submit'));
    await waitFor(() => expect(lastQuery(calls)).toMatchObject({ q: 'dang thi anh', unit: 'u-vu', offset: '0' }));
    await waitFor(() => expect(screen.getByTestId('users-total').textContent).toBe('Hiển thị 1–4 trong 2 tài khoản.'));

    fireEvent.click(screen.getByTestId('unit-select-all'));
    await waitFor(() => expect(lastQuery(calls).unit).toBeUndefined());
  });

  it('says when nothing matches and when the list cannot be read', async () => {
    atUsers({ 'GET /api/v1/admin/users': reply(200, { users: [], total: 0 }) });
    expect((await screen.findByTestId('users-total')).textContent).toBe('Không có tài khoản nào phù hợp.');
    expect(screen.queryByTestId('users-table')).toBeNull();
  });

  it('translates a refused list with its request ID, never the server message', async () => {
    atUsers({ 'GET /api/v1/admin/users': errorReply(404, 'not_found', 'req-l') });
    expect((await screen.findByTestId('users-error')).textContent).toBe(
      'Không tìm thấy tài khoản hoặc đơn vị này trong phạm vi bạn quản lý. Có thể nó vừa bị xóa.',
    );
    expect(screen.getByTestId('error-request-id').textContent).toBe('Mã yêu cầu: req-l');
    expect(document.body.textContent).not.toContain('english log text');
  });
});

describe('users page: creating and changing accounts', () => {
  it('S1_1_creates_an_account_and_shows_its_one_time_password_once', async () => {
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const created = accountBody({ id: 'a9', username: 'quantri.vu', displayName: 'Quản trị Vụ', role: 'meeting_admin', unitId: 'u-vu', mustChangePassword: true });
    const { calls } = atUsers({
      'POST /api/v1/admin/users': reply(201, { user: created, oneTimePassword: 'Kx7-pQ2mZr9a' }),
    });
    await screen.findByTestId('users-table');
    // Choosing a unit first makes it the new account's default.
    const vu = screen.getAllByTestId('unit-node').find((n) => n.getAttribute('data-unit-id') === 'u-vu');
    fireEvent.click(within(vu!).getAllByTestId('unit-select')[0]!);
    fireEvent.click(screen.getByTestId('users-create'));
    const dialog = await screen.findByTestId('account-dialog');
    expect(dialog.getAttribute('role')).toBe('dialog');
    expect((screen.getByTestId('account-unit') as HTMLSelectElement).value).toBe('u-vu');
    const unitOptions = [...(screen.getByTestId('account-unit') as HTMLSelectElement).options].map((o) => o.textContent);
    expect(unitOptions).toEqual(['Không thuộc đơn vị nào', 'Bộ Nội vụ', '— Văn phòng Bộ', '— Vụ Tổ chức', '— — Phòng Một', 'Bộ Tài chính']);

    type('account-username', 'Quantri.Vu');
    type('account-display-name', 'Quản trị Vụ');
    fireEvent.change(screen.getByTestId('account-role'), { target: { value: 'meeting_admin' } });
    fireEvent.click(screen.getByTestId('account-permissions-own'));
    // Only what the group allows is offered.
    expect(screen.queryByTestId('account-permission-settings.manage')).toBeNull();
    fireEvent.click(screen.getByTestId('account-permission-users.view'));
    fireEvent.click(screen.getByTestId('account-permission-users.manage'));
    fireEvent.click(screen.getByTestId('account-save'));

    const password = await screen.findByTestId('one-time-password');
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.body).toEqual({
      username: 'quantri.vu',
      displayName: 'Quản trị Vụ',
      role: 'meeting_admin',
      unitId: 'u-vu',
      permissions: ['users.view', 'users.manage'],
    });
    expect(post?.headers.get(CSRF_HEADER)).toBe('csrf-u');
    expect(screen.queryByTestId('account-dialog')).toBeNull();
    expect((password as HTMLInputElement).value).toBe('Kx7-pQ2mZr9a');
    expect(screen.getByTestId('one-time-password-warning').textContent).toContain('chỉ hiện một lần');
    fireEvent.click(screen.getByTestId('one-time-password-copy'));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith('Kx7-pQ2mZr9a'));
    expect(await screen.findByText('Đã chép mật khẩu.')).toBeTruthy();

    fireEvent.click(screen.getByTestId('one-time-password-close'));
    expect(screen.queryByTestId('one-time-password-dialog')).toBeNull();
    expect(document.body.textContent).not.toContain('Kx7-pQ2mZr9a');
    expect(screen.getByTestId('users-notice').textContent).toBe('Đã tạo tài khoản quantri.vu.');
    await waitFor(() => expect(listCalls(calls).length).toBeGreaterThanOrEqual(3));
  });

  it('selects the one-time password for a copy by hand when the clipboard is refused', async () => {
    atUsers({ 'POST /api/v1/admin/users': reply(201, { user: accountBody(), oneTimePassword: 'Kx7-pQ2mZr9a' }) });
    await screen.findByTestId('users-table');
    fireEvent.click(screen.getByTestId('users-create'));
    type('account-username', 'tranthib');
    type('account-display-name', 'Trần Thị B');
    fireEvent.click(screen.getByTestId('account-save'));
    const input = (await screen.findByTestId('one-time-password')) as HTMLInputElement;
    fireEvent.click(screen.getByTestId('one-time-password-copy'));
    expect(await screen.findByText(/hãy nhấn Ctrl\+C/)).toBeTruthy();
    expect(input.selectionStart).toBe(0);
    expect(input.selectionEnd).toBe('Kx7-pQ2mZr9a'.length);
  });

  it('checks the fields before sending and translates a taken username', async () => {
    const { calls } = atUsers({ 'POST /api/v1/admin/users': errorReply(409, 'username_taken', 'req-t') });
    await screen.findByTestId('users-table');
    fireEvent.click(screen.getByTestId('users-create'));
    type('account-username', 'nguyễn');
    fireEvent.click(screen.getByTestId('account-save'));
    expect(screen.getByTestId('account-error').textContent).toContain('Tên đăng nhập phải có từ 3 đến 64 ký tự');
    expect(document.activeElement).toBe(screen.getByTestId('account-username'));
    expect(screen.getByTestId('account-username').getAttribute('aria-invalid')).toBe('true');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    type('account-username', 'tranthib');
    type('account-display-name', 'Trần Thị B');
    fireEvent.click(screen.getByTestId('account-save'));
    expect((await screen.findByText('Tên đăng nhập này đã có người dùng. Hãy chọn tên khác.')).getAttribute('data-testid')).toBe('account-error');
    expect(screen.getByTestId('error-request-id').textContent).toBe('Mã yêu cầu: req-t');
    expect(screen.getByTestId('account-dialog')).toBeTruthy();
  });

  it('S2_5_changes_an_account_sending_only_what_changed', async () => {
    const { calls } = atUsers({
      'PATCH /api/v1/admin/users/a3': (request) => reply(200, { user: { ...accounts[2], ...(request.body as object) } }),
    });
    await screen.findByTestId('users-table');
    fireEvent.click(inRow('lequangc').getByTestId('user-edit'));
    await screen.findByTestId('account-dialog');
    expect(screen.queryByTestId('account-username')).toBeNull();
    expect((screen.getByTestId('account-display-name') as HTMLInputElement).value).toBe('Lê Quang C');
    expect((screen.getByTestId('account-permissions-group') as HTMLInputElement).checked).toBe(true);
    type('account-email', 'c@noivu.gov.vn');
    fireEvent.click(screen.getByTestId('account-disabled'));
    fireEvent.click(screen.getByTestId('account-permissions-own'));
    fireEvent.click(screen.getByTestId('account-permission-rooms.manage'));
    fireEvent.click(screen.getByTestId('account-save'));
    await waitFor(() => expect(screen.queryByTestId('account-dialog')).toBeNull());
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({
      email: 'c@noivu.gov.vn',
      permissions: ['users.view', 'users.manage', 'monitoring.view'],
      disabled: true,
    });
    expect(screen.getByTestId('users-notice').textContent).toBe('Đã lưu tài khoản lequangc.');
  });

  it('S2_4_changes_only_the_name_of_ones_own_account_and_reads_the_session_again', async () => {
    const { calls } = atUsers({
      'PATCH /api/v1/admin/users/u1': (request) => reply(200, { user: { ...accounts[0], ...(request.body as object) } }),
    });
    await screen.findByTestId('users-table');
    fireEvent.click(inRow('nguyenvana').getByTestId('user-edit'));
    await screen.findByTestId('account-self-notice');
    type('account-display-name', 'Nguyễn Văn Anh');
    fireEvent.click(screen.getByTestId('account-save'));
    await waitFor(() => expect(screen.queryByTestId('account-dialog')).toBeNull());
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ displayName: 'Nguyễn Văn Anh' });
    await waitFor(() => expect(calls.filter((c) => c.path === '/api/v1/auth/session')).toHaveLength(2));
  });

  it('S2_4_translates_a_refused_change_of_ones_own_account', async () => {
    atUsers({ 'PATCH /api/v1/admin/users/a3': errorReply(403, 'self_change_refused') });
    await screen.findByTestId('users-table');
    fireEvent.click(inRow('lequangc').getByTestId('user-edit'));
    fireEvent.click(await screen.findByTestId('account-disabled'));
    fireEvent.click(screen.getByTestId('account-save'));
    expect((await screen.findByTestId('account-error')).textContent).toContain('Bạn không thể tự thay đổi nhóm, đơn vị, quyền');
  });
});

describe('users page: row actions', () => {
  it('S1_3_resets_a_password_after_confirmation_and_shows_the_new_one_once', async () => {
    const { calls } = atUsers({ 'POST /api/v1/admin/users/a2/reset-password': reply(200, { oneTimePassword: 'Nn4=abcDEF23' }) });
    await screen.findByTestId('users-table');
    fireEvent.click(inRow('tranthib').getByTestId('user-reset-password'));
    const confirm = await screen.findByTestId('confirm-dialog');
    expect(confirm.getAttribute('role')).toBe('alertdialog');
    expect(confirm.textContent).toContain('tranthib (Trần Thị B) sẽ bị đăng xuất khỏi mọi nơi');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    fireEvent.click(screen.getByTestId('confirm-accept'));
    expect(((await screen.findByTestId('one-time-password')) as HTMLInputElement).value).toBe('Nn4=abcDEF23');
    expect(screen.getByTestId('one-time-password-dialog').textContent).toContain('Mật khẩu mới');
    expect(screen.queryByTestId('confirm-dialog')).toBeNull();
  });

  it('S1_4_unlocks_a_locked_account', async () => {
    let locked = true;
    const { calls } = atUsers({
      'POST /api/v1/admin/users/a2/unlock': () => {
        locked = false;
        return reply(200, { user: { ...accounts[1], locked: false, lockedUntil: null } });
      },
      'GET /api/v1/admin/users': () =>
        reply(200, { users: accounts.map((a) => (a.id === 'a2' ? { ...a, locked, lockedUntil: locked ? a.lockedUntil : null } : a)), total: 4 }),
    });
    await screen.findByTestId('users-table');
    fireEvent.click(inRow('tranthib').getByTestId('user-unlock'));
    expect((await screen.findByTestId('users-notice')).textContent).toBe('Đã mở khóa tài khoản tranthib.');
    await waitFor(() => expect(inRow('tranthib').queryByTestId('user-unlock')).toBeNull());
    expect(calls.find((c) => c.path.endsWith('/unlock'))?.headers.get(CSRF_HEADER)).toBe('csrf-u');
  });

  it('resets the second factor after confirmation', async () => {
    const { calls } = atUsers({ 'POST /api/v1/admin/users/a3/reset-two-factor': reply(200, { user: { ...accounts[2], twoFactor: false } }) });
    await screen.findByTestId('users-table');
    fireEvent.click(inRow('lequangc').getByTestId('user-reset-2fa'));
    expect((await screen.findByTestId('confirm-dialog')).textContent).toContain('Đặt lại xác thực hai lớp?');
    fireEvent.click(screen.getByTestId('confirm-accept'));
    await waitFor(() => expect(screen.queryByTestId('confirm-dialog')).toBeNull());
    expect(screen.getByTestId('users-notice').textContent).toBe('Đã đặt lại xác thực hai lớp của lequangc.');
    expect(calls.some((c) => c.path === '/api/v1/admin/users/a3/reset-two-factor')).toBe(true);
  });

  it('deletes an account after confirmation, and cancelling sends nothing', async () => {
    const { calls } = atUsers({ 'DELETE /api/v1/admin/users/a4': reply(204) });
    await screen.findByTestId('users-table');
    fireEvent.click(inRow('phamthid').getByTestId('user-delete'));
    await screen.findByTestId('confirm-dialog');
    expect(document.activeElement).toBe(screen.getByTestId('confirm-cancel'));
    fireEvent.click(screen.getByTestId('confirm-cancel'));
    expect(screen.queryByTestId('confirm-dialog')).toBeNull();
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);

    fireEvent.click(inRow('phamthid').getByTestId('user-delete'));
    fireEvent.click(await screen.findByTestId('confirm-accept'));
    await waitFor(() => expect(screen.queryByTestId('confirm-dialog')).toBeNull());
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual(['/api/v1/admin/users/a4']);
    expect(screen.getByTestId('users-notice').textContent).toBe('Đã xóa tài khoản phamthid.');
  });

  it('S2_4_shows_a_refused_action_in_the_confirmation', async () => {
    atUsers({ 'DELETE /api/v1/admin/users/a4': errorReply(403, 'forbidden', 'req-d') });
    await screen.findByTestId('users-table');
    fireEvent.click(inRow('phamthid').getByTestId('user-delete'));
    fireEvent.click(await screen.findByTestId('confirm-accept'));
    const error = await screen.findByTestId('confirm-error');
    expect(error.textContent).toMatch(/^Bạn không có quyền làm việc này: .* Mã yêu cầu: req-d$/);
    expect(screen.getByTestId('confirm-dialog')).toBeTruthy();
  });

  it('is in English too', async () => {
    atUsers({}, { lang: 'en' });
    await screen.findByTestId('users-table');
    expect(screen.getByTestId('users-total').textContent).toBe('Showing 1–4 of 4 accounts.');
    expect(screen.getByRole('heading', { name: 'Users' })).toBeTruthy();
    expect(inRow('phamthid').getByTestId('user-locked').textContent).toBe('Locked until an administrator unlocks it');
    expect(inRow('tranthib').getByRole('button', { name: 'Reset the password of tranthib' })).toBeTruthy();
  });
});
