import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../app/App';
import { defaultPolicy, errorReply, installFakeApi, overviewBody, reply, sessionBody } from '../../test/fake-api';
import { renderWithProviders } from '../../test/render';

const ADMIN_URL = 'https://localhost:8444/admin';

function atConsole() {
  window.history.replaceState(null, '', '/admin');
}

describe('administration console', () => {
  it('tells a plain user there is no permission and asks for nothing', async () => {
    atConsole();
    const { calls } = installFakeApi({
      'GET /api/v1/auth/session': reply(200, sessionBody({ role: 'user' })),
      'GET /api/v1/admin/overview': reply(200, overviewBody),
    });
    renderWithProviders(<App />);
    expect((await screen.findByTestId('console-no-permission')).textContent).toBe(
      'Tài khoản của bạn không có quyền quản trị.',
    );
    expect(screen.queryByTestId('console-root')).toBeNull();
    expect(screen.queryByTestId('console-overview')).toBeNull();
    expect(calls.map((c) => c.path)).toEqual(['/api/v1/auth/session']);
  });

  it('shows the overview to an administrator', async () => {
    atConsole();
    installFakeApi({
      'GET /api/v1/auth/session': reply(200, sessionBody({ role: 'system_admin' }, { adminUrl: ADMIN_URL })),
      'GET /api/v1/admin/overview': reply(200, overviewBody),
    });
    renderWithProviders(<App />);
    await screen.findByTestId('console-root');
    expect((await screen.findByTestId('console-version')).textContent).toBe('0.1.0');
    expect(screen.getByTestId('console-uptime').textContent).toBe('2 ngày 3 giờ 4 phút');
    expect(screen.getByTestId('console-users').textContent).toBe('1.234');
    expect(screen.getByTestId('console-database').textContent).toBe('SQLite');
    expect(screen.getByTestId('console-schema-version').textContent).toBe('3');
    expect(screen.getByTestId('nav-console').getAttribute('href')).toBe(ADMIN_URL);
  });

  it('signs in in place and then shows the console', async () => {
    atConsole();
    installFakeApi({
      'GET /api/v1/auth/session': errorReply(401, 'unauthenticated'),
      'POST /api/v1/auth/login': reply(200, sessionBody({ role: 'meeting_admin' }, { adminUrl: ADMIN_URL })),
      'GET /api/v1/admin/overview': reply(200, overviewBody),
    });
    renderWithProviders(<App />, 'en');
    fireEvent.change(await screen.findByTestId('login-username'), { target: { value: 'admin' } });
    fireEvent.change(screen.getByTestId('login-password'), { target: { value: 'pw' } });
    fireEvent.click(screen.getByTestId('login-submit'));
    expect((await screen.findByTestId('console-version')).textContent).toBe('0.1.0');
    expect(window.location.pathname).toBe('/admin');
    expect(screen.getByText('Role: Meeting administrator')).toBeTruthy();
  });

  it('forces the password change in place', async () => {
    atConsole();
    installFakeApi({ 'GET /api/v1/auth/session': reply(200, sessionBody({ role: 'system_admin', mustChangePassword: true })) });
    renderWithProviders(<App />);
    await screen.findByTestId('change-forced-notice');
    expect(window.location.pathname).toBe('/admin');
    expect(screen.queryByTestId('console-root')).toBeNull();
  });

  it('explains that the console lives on the administration port when the API says not_found', async () => {
    atConsole();
    installFakeApi({
      'GET /api/v1/auth/session': reply(200, sessionBody({ role: 'system_admin' }, { adminUrl: ADMIN_URL })),
      'GET /api/v1/admin/overview': errorReply(404, 'not_found'),
    });
    renderWithProviders(<App />);
    const notice = await screen.findByTestId('console-wrong-port');
    expect(notice.textContent).toContain('Trang quản trị chỉ mở trên cổng quản trị.');
    expect(notice.querySelector('a')?.getAttribute('href')).toBe(ADMIN_URL);
  });

  it('shows a mapped error with its request ID when the overview fails', async () => {
    atConsole();
    installFakeApi({
      'GET /api/v1/auth/session': reply(200, sessionBody({ role: 'system_admin' })),
      'GET /api/v1/admin/overview': errorReply(403, 'forbidden', 'req-ov'),
    });
    renderWithProviders(<App />);
    expect((await screen.findByTestId('console-overview-error')).textContent).toBe(
      'Bạn không có quyền thực hiện thao tác này.',
    );
    expect(screen.getByTestId('error-request-id').textContent).toBe('Mã yêu cầu: req-ov');
  });

  it('returns to the sign-in form when the session has expired', async () => {
    atConsole();
    installFakeApi({
      'GET /api/v1/auth/session': reply(200, sessionBody({ role: 'system_admin' })),
      'GET /api/v1/admin/overview': errorReply(401, 'unauthenticated'),
    });
    renderWithProviders(<App />);
    expect((await screen.findByTestId('login-expired-notice')).textContent).toBe(
      'Phiên làm việc đã kết thúc. Vui lòng đăng nhập lại.',
    );
    await waitFor(() => expect(screen.queryByTestId('nav-logout')).toBeNull());
  });
});

/** The console's navigation as [label, state]: a link ("current" or "link") or "not yet available". */
function navEntries(): [string, string][] {
  const nav = screen.getByTestId('console-nav');
  return [...nav.querySelectorAll('li')].map((li) => {
    const link = li.querySelector('a');
    if (link !== null) return [link.textContent ?? '', link.getAttribute('aria-current') === 'page' ? 'current' : 'link'];
    return [li.firstElementChild?.textContent ?? '', li.querySelector('.badge')?.textContent ?? ''];
  });
}

describe('console navigation by permission (S2.4, S2.5)', () => {
  it('S2_5_shows_an_operations_administrator_every_section', async () => {
    atConsole();
    installFakeApi({
      'GET /api/v1/auth/session': reply(200, sessionBody({ role: 'system_admin' })),
      'GET /api/v1/admin/overview': reply(200, overviewBody),
    });
    renderWithProviders(<App />);
    await screen.findByTestId('console-version');
    expect(navEntries()).toEqual([
      ['Tổng quan', 'current'],
      ['Người dùng', 'link'],
      ['Phòng họp', 'chưa có'],
      ['Cài đặt bảo mật', 'link'],
      ['Nhật ký', 'link'],
    ]);
  });

  it('S2_4_hides_settings_and_audit_from_a_usage_administrator', async () => {
    atConsole();
    installFakeApi({
      'GET /api/v1/auth/session': reply(200, sessionBody({ role: 'meeting_admin' })),
      'GET /api/v1/admin/overview': reply(200, overviewBody),
    });
    renderWithProviders(<App />, 'en');
    await screen.findByTestId('console-version');
    expect(navEntries()).toEqual([
      ['Overview', 'current'],
      ['Users', 'link'],
      ['Rooms', 'not yet available'],
    ]);
  });

  it('S2_5_follows_a_narrowed_permission_list_and_opens_the_first_allowed_section', async () => {
    atConsole();
    const { calls } = installFakeApi({
      'GET /api/v1/auth/session': reply(200, sessionBody({ role: 'system_admin' }, { permissions: ['settings.manage'] })),
      'GET /api/v1/admin/security-policy': reply(200, { policy: defaultPolicy, updatedAt: null }),
    });
    renderWithProviders(<App />);
    await screen.findByTestId('security-form');
    expect(window.location.pathname).toBe('/admin/security');
    expect(navEntries()).toEqual([['Cài đặt bảo mật', 'current']]);
    expect(calls.some((c) => c.path === '/api/v1/admin/overview')).toBe(false);
  });

  it('falls back to the group permissions of a server that does not list them', async () => {
    atConsole();
    installFakeApi({
      'GET /api/v1/auth/session': reply(200, sessionBody({ role: 'system_admin' }, { legacy: true })),
      'GET /api/v1/admin/overview': reply(200, overviewBody),
    });
    renderWithProviders(<App />);
    await screen.findByTestId('console-version');
    expect(navEntries()).toHaveLength(5);
  });

  it('says so when no section is open to the account', async () => {
    atConsole();
    installFakeApi({ 'GET /api/v1/auth/session': reply(200, sessionBody({ role: 'meeting_admin' }, { permissions: [] })) });
    renderWithProviders(<App />);
    expect((await screen.findByTestId('console-no-sections')).textContent).toBe(
      'Tài khoản của bạn chưa được cấp quyền cho mục quản trị nào.',
    );
  });

  it('S2_4_does_not_load_a_section_the_user_may_not_open', async () => {
    window.history.replaceState(null, '', '/admin/security');
    const { calls } = installFakeApi({
      'GET /api/v1/auth/session': reply(200, sessionBody({ role: 'meeting_admin' })),
    });
    renderWithProviders(<App />);
    expect((await screen.findByTestId('console-section-denied')).textContent).toBe('Bạn không có quyền vào mục này.');
    expect(calls.map((c) => c.path)).toEqual(['/api/v1/auth/session']);
  });

  it('marks a section without a page as not yet available', async () => {
    window.history.replaceState(null, '', '/admin/rooms');
    installFakeApi({ 'GET /api/v1/auth/session': reply(200, sessionBody({ role: 'system_admin' })) });
    renderWithProviders(<App />, 'en');
    expect((await screen.findByTestId('console-not-available')).textContent).toBe(
      'This version has no page for this section yet.',
    );
  });

  it('moves between sections without reloading', async () => {
    atConsole();
    installFakeApi({
      'GET /api/v1/auth/session': reply(200, sessionBody({ role: 'system_admin' })),
      'GET /api/v1/admin/overview': reply(200, overviewBody),
      'GET /api/v1/admin/security-policy': reply(200, { policy: defaultPolicy, updatedAt: null }),
    });
    renderWithProviders(<App />);
    await screen.findByTestId('console-version');
    fireEvent.click(screen.getByTestId('console-nav-security'));
    await screen.findByTestId('security-form');
    expect(window.location.pathname).toBe('/admin/security');
    expect(screen.getByTestId('console-nav-security').getAttribute('aria-current')).toBe('page');
    fireEvent.click(screen.getByTestId('console-nav-overview'));
    await screen.findByTestId('console-version');
    expect(window.location.pathname).toBe('/admin');
  });

  it('opens the security pages under their section and says when a page does not exist', async () => {
    window.history.replaceState(null, '', '/admin/security/nothing-here');
    installFakeApi({ 'GET /api/v1/auth/session': reply(200, sessionBody({ role: 'system_admin' })) });
    renderWithProviders(<App />);
    expect((await screen.findByTestId('console-section-unknown')).textContent).toBe('Không có mục quản trị nào ở địa chỉ này.');
    expect(screen.getByTestId('console-nav-security').getAttribute('aria-current')).toBe('page');
  });
});
