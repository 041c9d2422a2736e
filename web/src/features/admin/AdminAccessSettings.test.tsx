import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../app/App';
import { CSRF_HEADER } from '../../lib/api';
import { adminAccessBody } from '../../test/admin';
import { errorReply, installFakeApi, reply, sessionBody, type FakeRoute } from '../../test/fake-api';
import { renderWithProviders } from '../../test/render';

const SAVED_AT = new Date(2026, 0, 5, 14, 7, 9).getTime();

function atAccess(routes: Record<string, FakeRoute> = {}, lang: 'vi' | 'en' = 'vi') {
  window.history.replaceState(null, '', '/admin/security/access');
  const api = installFakeApi({
    'GET /api/v1/auth/session': reply(200, sessionBody({ role: 'system_admin' }, { csrfToken: 'csrf-x' })),
    'GET /api/v1/admin/admin-access': reply(200, adminAccessBody),
    'PUT /api/v1/admin/admin-access': (request) =>
      reply(200, {
        access: request.body,
        updatedAt: SAVED_AT,
        activePort: 8444,
        restartRequired: (request.body as { port: number | null }).port !== null,
      }),
    ...routes,
  });
  renderWithProviders(<App />, lang);
  return api;
}

const field = (testId: string) => screen.getByTestId(testId) as HTMLInputElement;
const puts = <T extends { method: string }>(calls: T[]) => calls.filter((c) => c.method === 'PUT');

describe('administration access page', () => {
  it('S2_3_shows_the_networks_one_per_line_and_the_active_port', async () => {
    atAccess();
    await screen.findByTestId('access-form');
    expect(field('access-networks').value).toBe('127.0.0.0/8\n::1/128\n10.0.0.0/8');
    expect(field('access-port').value).toBe('');
    expect(screen.getByTestId('access-active-port').textContent).toBe('8444');
    expect(screen.getByTestId('access-updated-at').textContent).toBe('Chưa ai lưu (giá trị mặc định)');
    expect(screen.queryByTestId('access-restart-required')).toBeNull();
    expect(screen.getByTestId('security-tab-access').getAttribute('aria-current')).toBe('page');
    expect(screen.getByTestId('console-nav-security').getAttribute('aria-current')).toBe('page');
  });

  it('S2_1_saves_a_port_and_says_a_restart_is_required', async () => {
    const { calls } = atAccess();
    await screen.findByTestId('access-form');
    fireEvent.change(field('access-networks'), { target: { value: '127.0.0.0/8\n\n 192.168.10.0/24 \n' } });
    fireEvent.change(field('access-port'), { target: { value: '9444' } });
    fireEvent.click(screen.getByTestId('access-save'));
    expect((await screen.findByTestId('access-saved')).textContent).toBe('Đã lưu cài đặt lúc 14:07:09.');
    const [put] = puts(calls);
    expect(put?.body).toEqual({ allowedNetworks: ['127.0.0.0/8', '192.168.10.0/24'], port: 9444 });
    expect(put?.headers.get(CSRF_HEADER)).toBe('csrf-x');
    expect(screen.getByTestId('access-restart-required').textContent).toBe(
      'Cần khởi động lại máy chủ: cổng quản trị đã lưu là 9444 nhưng máy chủ vẫn đang dùng cổng 8444 cho đến lần khởi động tiếp theo.',
    );
    expect(field('access-networks').value).toBe('127.0.0.0/8\n192.168.10.0/24');
  });

  it('S2_3_checks_the_shape_of_each_network_before_sending', async () => {
    const { calls } = atAccess();
    await screen.findByTestId('access-form');
    fireEvent.change(field('access-networks'), { target: { value: '10.0.0.0/8\n10.0.0.0/40' } });
    fireEvent.click(screen.getByTestId('access-save'));
    expect(screen.getByTestId('access-error').textContent).toBe(
      '“10.0.0.0/40” không phải dải mạng hợp lệ. Hãy viết dạng 10.0.0.0/8, 192.168.1.20 hoặc 2001:db8::/32.',
    );
    expect(document.activeElement).toBe(field('access-networks'));
    expect(field('access-networks').getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(field('access-networks'), { target: { value: '10.0.0.0/8' } });
    fireEvent.change(field('access-port'), { target: { value: '443' } });
    fireEvent.click(screen.getByTestId('access-save'));
    expect(screen.getByTestId('access-error').textContent).toBe('Cổng quản trị phải là số nguyên từ 1024 đến 65535, hoặc để trống.');
    expect(puts(calls)).toHaveLength(0);
  });

  it('S2_3_translates_a_list_that_would_lock_the_administrator_out', async () => {
    atAccess({ 'PUT /api/v1/admin/admin-access': errorReply(400, 'would_lock_out', 'req-w') }, 'en');
    await screen.findByTestId('access-form');
    fireEvent.change(field('access-networks'), { target: { value: '10.9.0.0/16' } });
    fireEvent.click(screen.getByTestId('access-save'));
    expect((await screen.findByTestId('access-error')).textContent).toBe(
      'Not saved: this list leaves out the address of the computer you are using, so you would be locked out of the console. Add your own network.',
    );
    expect(screen.getByTestId('error-request-id').textContent).toBe('Request ID: req-w');
    expect(document.body.textContent).not.toContain('english log text');
  });

  it('shows a pending restart as the server reports it', async () => {
    atAccess({ 'GET /api/v1/admin/admin-access': reply(200, { ...adminAccessBody, access: { ...adminAccessBody.access, port: 9444 }, restartRequired: true, updatedAt: SAVED_AT }) });
    expect((await screen.findByTestId('access-restart-required')).textContent).toContain('9444');
    expect(field('access-port').value).toBe('9444');
  });

  it('moves between the security pages without reloading', async () => {
    atAccess({ 'GET /api/v1/admin/security-policy': errorReply(403, 'forbidden') });
    await screen.findByTestId('access-form');
    fireEvent.click(screen.getByTestId('security-tab-policy'));
    await waitFor(() => expect(window.location.pathname).toBe('/admin/security'));
    expect(await screen.findByTestId('policy-load-error')).toBeTruthy();
    expect(screen.getByTestId('security-tab-policy').getAttribute('aria-current')).toBe('page');
  });
});
