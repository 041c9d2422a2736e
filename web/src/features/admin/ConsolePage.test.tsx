import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../app/App';
import { errorReply, installFakeApi, overviewBody, reply, sessionBody } from '../../test/fake-api';
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
    for (const section of ['Người dùng', 'Phòng họp', 'Giám sát', 'Nhật ký', 'Cấu hình']) {
      expect(screen.getByText(section)).toBeTruthy();
    }
    expect(screen.getAllByText('sắp có')).toHaveLength(5);
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
