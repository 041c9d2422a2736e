import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../app/App';
import { CSRF_HEADER } from '../../lib/api';
import type { SecurityPolicy } from '../../lib/api-types';
import { defaultPolicy, errorReply, installFakeApi, reply, sessionBody, type FakeRoute } from '../../test/fake-api';
import { renderWithProviders } from '../../test/render';

const SAVED_AT = new Date(2026, 0, 5, 14, 7, 9).getTime(); // local time, whatever the zone

function atSettings(routes: Record<string, FakeRoute> = {}, lang: 'vi' | 'en' = 'vi') {
  window.history.replaceState(null, '', '/admin/security');
  const api = installFakeApi({
    'GET /api/v1/auth/session': reply(200, sessionBody({ role: 'system_admin' }, { csrfToken: 'csrf-s' })),
    'GET /api/v1/admin/security-policy': reply(200, { policy: defaultPolicy, updatedAt: null }),
    'PUT /api/v1/admin/security-policy': (request) => reply(200, { policy: request.body, updatedAt: SAVED_AT }),
    ...routes,
  });
  renderWithProviders(<App />, lang);
  return api;
}

const input = (testId: string) => screen.getByTestId(testId) as HTMLInputElement;
const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });
const puts = <T extends { method: string }>(calls: T[]): T[] => calls.filter((c) => c.method === 'PUT');

describe('security settings page', () => {
  it('shows the policy in labelled fields grouped by subject', async () => {
    atSettings();
    await screen.findByTestId('security-form');
    expect(screen.getByLabelText('Độ dài tối thiểu (ký tự)')).toBe(input('policy-min-length'));
    expect(input('policy-min-length').value).toBe('12');
    expect(input('policy-history').value).toBe('5');
    expect(input('policy-change-after').value).toBe('60');
    expect(input('policy-valid-days').value).toBe('90');
    expect(input('policy-max-failures').value).toBe('5');
    expect(input('policy-window').value).toBe('15');
    expect(input('policy-action-lock-for').checked).toBe(true);
    expect(input('policy-action-until-unlocked').checked).toBe(false);
    expect(input('policy-lock-minutes').value).toBe('15');
    expect(input('policy-lock-minutes').disabled).toBe(false);
    expect(input('policy-address-failures').value).toBe('10');
    expect(input('policy-idle').value).toBe('30');
    expect(input('policy-absolute').value).toBe('12');
    expect(input('policy-require-symbol').checked).toBe(true);
    const legends = [...screen.getByTestId('security-form').querySelectorAll('.settings-group > legend')].map((l) => l.textContent);
    expect(legends).toEqual([
      'Mật khẩu',
      'Khóa tài khoản khi đăng nhập sai',
      'Giới hạn theo địa chỉ mạng',
      'Phiên làm việc',
      'Xác thực hai lớp',
    ]);
    expect(input('policy-2fa-users').checked).toBe(false);
    expect(input('policy-2fa-meeting-admins').checked).toBe(false);
    expect(input('policy-2fa-system-admins').checked).toBe(false);
    expect(screen.getByTestId('policy-updated-at').textContent).toBe('Đang dùng giá trị mặc định: chưa ai lưu cài đặt này.');
    // Each number field says its range.
    expect(input('policy-min-length').getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(input('policy-lock-minutes').getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Từ 1 đến 43200 (30 ngày). Chỉ dùng khi khóa trong một thời gian.',
    );
  });

  it('is in English too', async () => {
    atSettings({}, 'en');
    await screen.findByTestId('security-form');
    expect(screen.getByLabelText('Lock duration (minutes)')).toBe(input('policy-lock-minutes'));
    expect(screen.getByLabelText('Lock until an administrator unlocks it')).toBe(input('policy-action-until-unlocked'));
    expect(screen.getByRole('heading', { name: 'Security settings' })).toBeTruthy();
  });

  it('S1_4_saves_a_lock_until_an_administrator_unlocks_with_the_CSRF_token', async () => {
    const { calls } = atSettings();
    await screen.findByTestId('security-form');
    type('policy-max-failures', '3');
    fireEvent.click(screen.getByTestId('policy-action-until-unlocked'));
    expect(input('policy-lock-minutes').disabled).toBe(true);
    fireEvent.click(screen.getByTestId('policy-save'));

    const saved = await screen.findByTestId('policy-saved');
    expect(saved.textContent).toBe('Đã lưu cài đặt lúc 14:07:09.');
    const [put] = puts(calls);
    const expected: SecurityPolicy = {
      ...defaultPolicy,
      lockout: { maxFailures: 3, windowMinutes: 15, action: 'until_unlocked', lockMinutes: 15 },
    };
    expect(put?.body).toEqual(expected);
    expect(put?.headers.get(CSRF_HEADER)).toBe('csrf-s');
    expect(screen.getByTestId('policy-updated-at').textContent).toMatch(/^Lưu lần cuối: /);
    expect(screen.queryByTestId('policy-error')).toBeNull();
    // The session (its password rules and idle timeout) is read again.
    await waitFor(() => expect(calls.filter((c) => c.path === '/api/v1/auth/session')).toHaveLength(2));
  });

  it('S1_3_saves_the_password_rules', async () => {
    const { calls } = atSettings();
    await screen.findByTestId('security-form');
    type('policy-min-length', '16');
    type('policy-history', '0');
    type('policy-change-after', '0');
    type('policy-valid-days', '365');
    fireEvent.click(screen.getByTestId('policy-require-symbol'));
    type('policy-address-failures', '20');
    type('policy-proof-after-failures', '5');
    type('policy-proof-bits', '20');
    type('policy-idle', '15');
    type('policy-absolute', '8');
    fireEvent.click(screen.getByTestId('policy-save'));
    await screen.findByTestId('policy-saved');
    expect(puts(calls)[0]?.body).toEqual({
      password: {
        minLength: 16,
        requireLower: true,
        requireUpper: true,
        requireDigit: true,
        requireSymbol: false,
        historyCount: 0,
        changeAfterDays: 0,
        validDays: 365,
      },
      lockout: defaultPolicy.lockout,
      addressFailuresPerMinute: 20,
      proofOfWork: { afterFailures: 5, bits: 20 },
      session: { idleMinutes: 15, absoluteHours: 8 },
      twoFactor: defaultPolicy.twoFactor,
    });
  });

  it('requires a second factor for the groups ticked', async () => {
    const { calls } = atSettings({
      'GET /api/v1/admin/security-policy': reply(200, {
        policy: { ...defaultPolicy, twoFactor: { ...defaultPolicy.twoFactor, requiredForUsers: true } },
        updatedAt: null,
      }),
    });
    await screen.findByTestId('security-form');
    expect(input('policy-2fa-users').checked).toBe(true);
    expect(screen.getByLabelText('Bắt buộc với quản trị hệ thống')).toBe(input('policy-2fa-system-admins'));
    fireEvent.click(screen.getByTestId('policy-2fa-users'));
    fireEvent.click(screen.getByTestId('policy-2fa-meeting-admins'));
    fireEvent.click(screen.getByTestId('policy-2fa-system-admins'));
    fireEvent.click(screen.getByTestId('policy-save'));
    await screen.findByTestId('policy-saved');
    expect(puts(calls)[0]?.body).toEqual({
      ...defaultPolicy,
      twoFactor: { requiredForUsers: false, requiredForMeetingAdmins: true, requiredForSystemAdmins: true },
    });
    expect(input('policy-2fa-system-admins').checked).toBe(true);
  });

  it('names the two-factor group in English', async () => {
    atSettings({}, 'en');
    await screen.findByTestId('security-form');
    expect(screen.getByRole('group', { name: 'Two-factor sign-in' })).toBeTruthy();
    expect(screen.getByLabelText('Required for meeting administrators')).toBe(input('policy-2fa-meeting-admins'));
  });

  it('checks the ranges before sending and points at the field', async () => {
    const { calls } = atSettings();
    await screen.findByTestId('security-form');
    type('policy-min-length', '7');
    fireEvent.click(screen.getByTestId('policy-save'));
    expect(screen.getByTestId('policy-error').textContent).toBe('Ô “Độ dài tối thiểu (ký tự)” phải là số nguyên từ 8 đến 64.');
    expect(document.activeElement).toBe(input('policy-min-length'));
    expect(input('policy-min-length').getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByTestId('error-request-id')).toBeNull();

    type('policy-min-length', '12');
    type('policy-max-failures', '');
    fireEvent.click(screen.getByTestId('policy-save'));
    expect(screen.getByTestId('policy-error').textContent).toBe('Ô “Số lần đăng nhập sai” phải là số nguyên từ 1 đến 100.');
    expect(input('policy-min-length').getAttribute('aria-invalid')).toBe('false');
    expect(puts(calls)).toHaveLength(0);
  });

  it('S1_3_checks_that_the_suggestion_comes_before_the_expiry', async () => {
    const { calls } = atSettings({}, 'en');
    await screen.findByTestId('security-form');
    type('policy-change-after', '90');
    fireEvent.click(screen.getByTestId('policy-save'));
    expect(screen.getByTestId('policy-error').textContent).toBe(
      'The days before a change is suggested must be fewer than the days before the password expires (or set either to 0 to turn it off).',
    );
    expect(document.activeElement).toBe(input('policy-change-after'));
    expect(puts(calls)).toHaveLength(0);
  });

  it('S2_2_checks_that_the_idle_timeout_fits_in_the_session', async () => {
    const { calls } = atSettings();
    await screen.findByTestId('security-form');
    type('policy-idle', '600');
    type('policy-absolute', '8');
    fireEvent.click(screen.getByTestId('policy-save'));
    expect(screen.getByTestId('policy-error').textContent).toBe(
      'Thời gian tự đăng xuất khi không hoạt động không được dài hơn thời hạn tối đa của phiên.',
    );
    expect(puts(calls)).toHaveLength(0);
  });

  it('shows a refused save in words of its own, never the server message', async () => {
    atSettings({ 'PUT /api/v1/admin/security-policy': errorReply(400, 'invalid_policy', 'req-pol') });
    await screen.findByTestId('security-form');
    fireEvent.click(screen.getByTestId('policy-save'));
    expect((await screen.findByTestId('policy-error')).textContent).toBe(
      'Máy chủ không nhận các cài đặt này: có giá trị bị thiếu hoặc nằm ngoài giới hạn cho phép. Hãy kiểm tra lại các ô rồi lưu lại.',
    );
    expect(screen.getByTestId('error-request-id').textContent).toBe('Mã yêu cầu: req-pol');
    expect(document.body.textContent).not.toContain('english log text');
    expect(screen.queryByTestId('policy-saved')).toBeNull();
  });

  it('says when the server refuses to show the policy', async () => {
    atSettings({ 'GET /api/v1/admin/security-policy': errorReply(403, 'forbidden', 'req-f') });
    expect((await screen.findByTestId('policy-load-error')).textContent).toBe('Bạn không có quyền thực hiện thao tác này.');
    expect(screen.queryByTestId('security-form')).toBeNull();
  });

  it('says when the policy was last saved', async () => {
    atSettings({ 'GET /api/v1/admin/security-policy': reply(200, { policy: defaultPolicy, updatedAt: SAVED_AT }) }, 'en');
    await screen.findByTestId('security-form');
    expect(screen.getByTestId('policy-updated-at').textContent).toBe('Last saved: 5 Jan 2026, 14:07:09.');
  });
});
