import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../app/App';
import { CSRF_HEADER } from '../../lib/api';
import type { TotpEnrolment } from '../../lib/api-types';
import {
  errorReply,
  installFakeApi,
  overviewBody,
  reply,
  sessionBody,
  type FakeRoute,
} from '../../test/fake-api';
import { renderWithProviders } from '../../test/render';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const enrolment = (secret = SECRET): TotpEnrolment => ({
  secret,
  uri: `otpauth://totp/Di%C3%AAn%20H%E1%BB%93ng:nguyenvana?secret=${secret}&issuer=Di%C3%AAn%20H%E1%BB%93ng&algorithm=SHA1&digits=6&period=30`,
});
const ADMIN_URL = 'https://localhost:8444/admin';

function at(path: string) {
  window.history.replaceState(null, '', path);
}

/** A signed-in user whose session follows the enrolment and removal answers. */
function signedIn(user: Parameters<typeof sessionBody>[0], routes: Record<string, FakeRoute> = {}) {
  return installFakeApi({
    'GET /api/v1/auth/session': reply(200, sessionBody(user, { csrfToken: 'tok-s' })),
    'GET /api/v1/rooms': reply(200, { rooms: [] }),
    'POST /api/v1/auth/totp/enrolment': reply(200, enrolment()),
    'POST /api/v1/auth/totp/enrolment/confirm': reply(200, sessionBody({ ...user, twoFactor: 'on' }, { csrfToken: 'tok-s' })),
    ...routes,
  });
}

function confirmCode(code: string) {
  fireEvent.change(screen.getByTestId('totp-code'), { target: { value: code } });
  fireEvent.click(screen.getByTestId('totp-confirm'));
}

describe('two-factor sign-in page: enrolment', () => {
  it('S1_1_explains_shows_the_QR_code_and_grouped_secret_and_turns_it_on_with_a_code', async () => {
    at('/account/security');
    const { calls } = signedIn({ twoFactor: 'off' });
    const { container } = renderWithProviders(<App />);
    const status = await screen.findByTestId('totp-status');
    expect(status.getAttribute('data-state')).toBe('off');
    expect(status.textContent).toBe('Xác thực hai lớp đang tắt.');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Xác thực hai lớp');
    expect(screen.getByTestId('two-factor-page').textContent).toContain('ứng dụng xác thực trên điện thoại');
    expect(screen.queryByTestId('totp-secret')).toBeNull(); // nothing is asked of the server before the click
    expect(calls.some((c) => c.path === '/api/v1/auth/totp/enrolment')).toBe(false);

    fireEvent.click(screen.getByTestId('totp-start'));
    expect((await screen.findByTestId('totp-secret')).textContent).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
    const qr = await screen.findByTestId('totp-qr');
    expect(qr.tagName.toLowerCase()).toBe('svg');
    expect(screen.getByRole('img', { name: 'Mã QR để thêm tài khoản Diên Hồng vào ứng dụng xác thực' })).toBe(qr);
    expect(screen.getByTestId('totp-enrolment').textContent).toContain('Google Authenticator');
    const code = screen.getByTestId('totp-code');
    expect(code.getAttribute('inputmode')).toBe('numeric');
    expect(code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(screen.getByLabelText('Nhập mã 6 chữ số mà ứng dụng đang hiển thị để xác nhận.')).toBe(code);
    expect(container.querySelector('[style]')).toBeNull();
    expect(container.innerHTML).not.toContain('data:');

    confirmCode('123 456');
    expect((await screen.findByTestId('totp-enabled')).textContent).toContain('Đã bật xác thực hai lớp.');
    expect(screen.getByTestId('totp-status').getAttribute('data-state')).toBe('on');
    expect(screen.queryByTestId('totp-secret')).toBeNull();
    const begin = calls.find((c) => c.path === '/api/v1/auth/totp/enrolment');
    const confirm = calls.find((c) => c.path === '/api/v1/auth/totp/enrolment/confirm');
    expect(begin?.headers.get(CSRF_HEADER)).toBe('tok-s');
    expect(confirm?.body).toEqual({ code: '123456' });
    expect(confirm?.headers.get(CSRF_HEADER)).toBe('tok-s');
    expect(screen.getByTestId('totp-continue').getAttribute('href')).toBe('/');
  });

  it('S4_3_a_wrong_code_shows_the_translated_error_and_the_request_id', async () => {
    at('/account/security');
    signedIn({ twoFactor: 'off' }, { 'POST /api/v1/auth/totp/enrolment/confirm': errorReply(401, 'invalid_code', 'req-w') });
    renderWithProviders(<App />);
    fireEvent.click(await screen.findByTestId('totp-start'));
    await screen.findByTestId('totp-secret');
    confirmCode('000000');
    expect((await screen.findByTestId('totp-error')).textContent).toBe(
      'Mã không khớp với khóa vừa tạo. Hãy kiểm tra giờ trên điện thoại và nhập mã đang hiển thị.',
    );
    expect(screen.getByTestId('error-request-id').textContent).toBe('Mã yêu cầu: req-w');
    expect((screen.getByTestId('totp-code') as HTMLInputElement).value).toBe('');
    expect(screen.getByTestId('totp-secret')).toBeTruthy(); // the same seed, to try again
    expect(document.body.textContent).not.toContain('english log text');
  });

  it('S4_1_checks_the_code_is_six_digits_before_sending', async () => {
    at('/account/security');
    const { calls } = signedIn({ twoFactor: 'off' });
    renderWithProviders(<App />, 'en');
    fireEvent.click(await screen.findByTestId('totp-start'));
    await screen.findByTestId('totp-secret');
    confirmCode('12a456');
    expect(screen.getByTestId('totp-error').textContent).toBe('Enter the 6-digit code.');
    expect(calls.some((c) => c.path === '/api/v1/auth/totp/enrolment/confirm')).toBe(false);
  });

  it('offers a new key when the pending one is gone', async () => {
    at('/account/security');
    const secrets = [SECRET, 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU'];
    signedIn(
      { twoFactor: 'off' },
      {
        'POST /api/v1/auth/totp/enrolment': () => reply(200, enrolment(secrets.shift())),
        'POST /api/v1/auth/totp/enrolment/confirm': errorReply(409, 'no_enrolment'),
      },
    );
    renderWithProviders(<App />);
    fireEvent.click(await screen.findByTestId('totp-start'));
    await screen.findByTestId('totp-secret');
    confirmCode('123456');
    expect((await screen.findByTestId('totp-error')).textContent).toBe(
      'Khóa bí mật này không còn chờ xác nhận. Hãy tạo khóa mới rồi thêm lại vào ứng dụng.',
    );
    fireEvent.click(screen.getByTestId('totp-restart'));
    await waitFor(() => expect(screen.getByTestId('totp-secret').textContent).toBe('KRSX G5CT MVRX EZLU KRSX G5CT MVRX EZLU'));
    expect(screen.queryByTestId('totp-error')).toBeNull();
  });

  it('shows a translated error when the key cannot be created, and lets the user retry', async () => {
    at('/account/security');
    signedIn({ twoFactor: 'off' }, { 'POST /api/v1/auth/totp/enrolment': { status: 502, raw: 'Bad gateway' } });
    renderWithProviders(<App />);
    fireEvent.click(await screen.findByTestId('totp-start'));
    expect((await screen.findByTestId('totp-start-error')).textContent).toBe(
      'Máy chủ phản hồi không như mong đợi. Vui lòng thử lại sau.',
    );
    expect(screen.getByTestId('totp-start')).toBeTruthy();
  });

  it('is reached from the header and asks an anonymous visitor to sign in first', async () => {
    signedIn({ twoFactor: 'off' });
    const { unmount } = renderWithProviders(<App />);
    const link = await screen.findByTestId('nav-two-factor');
    expect(link.textContent).toBe('Xác thực hai lớp');
    fireEvent.click(link);
    expect(window.location.pathname).toBe('/account/security');
    await screen.findByTestId('totp-start');
    unmount();

    at('/account/security');
    installFakeApi({ 'GET /api/v1/auth/session': errorReply(401, 'unauthenticated') });
    renderWithProviders(<App />);
    await screen.findByTestId('login-username');
    expect(window.location.pathname + window.location.search).toBe('/login?next=%2Faccount%2Fsecurity');
  });
});

describe('two-factor sign-in required by the security policy', () => {
  it('S2_4_every_page_leads_to_the_enrolment_which_starts_at_once_then_continues', async () => {
    at('/r/482915306');
    const { calls } = signedIn({ role: 'meeting_admin', twoFactor: 'setup_required' }, {});
    renderWithProviders(<App />);
    expect((await screen.findByTestId('totp-forced-notice')).textContent).toContain(
      'Chính sách bảo mật của cơ quan yêu cầu tài khoản của bạn dùng xác thực hai lớp.',
    );
    expect(window.location.pathname + window.location.search).toBe('/account/security?next=%2Fr%2F482915306');
    await screen.findByTestId('totp-secret');
    expect(calls.filter((c) => c.path === '/api/v1/auth/totp/enrolment')).toHaveLength(1);
    expect(screen.queryByTestId('totp-start')).toBeNull();
    // Only signing out is offered meanwhile.
    expect(screen.queryByTestId('nav-two-factor')).toBeNull();
    expect(screen.queryByTestId('nav-change-password')).toBeNull();
    expect(screen.queryByTestId('nav-console')).toBeNull();
    expect(screen.getByTestId('nav-logout')).toBeTruthy();

    confirmCode('123456');
    const next = await screen.findByTestId('totp-continue');
    expect(next.getAttribute('href')).toBe('/r/482915306');
    fireEvent.click(next);
    expect((await screen.findByTestId('room-id')).textContent).toBe('482 915 306');
  });

  it('S1_3_1_changes_the_password_first_then_enrols', async () => {
    at('/login');
    const GOOD = 'Mới-Mật-Khẩu-2025';
    installFakeApi({
      'GET /api/v1/auth/session': errorReply(401, 'unauthenticated'),
      'POST /api/v1/auth/login': reply(200, sessionBody({ mustChangePassword: true, twoFactor: 'setup_required' })),
      'POST /api/v1/auth/password': reply(200, sessionBody({ twoFactor: 'setup_required' })),
      'POST /api/v1/auth/totp/enrolment': reply(200, enrolment()),
    });
    renderWithProviders(<App />);
    fireEvent.change(await screen.findByTestId('login-username'), { target: { value: 'nguyenvana' } });
    fireEvent.change(screen.getByTestId('login-password'), { target: { value: 'default-pw' } });
    fireEvent.click(screen.getByTestId('login-submit'));
    await screen.findByTestId('change-forced-notice');
    expect(window.location.pathname).toBe('/change-password');
    expect(screen.queryByTestId('totp-forced-notice')).toBeNull();

    fireEvent.change(screen.getByTestId('change-current'), { target: { value: 'default-pw' } });
    fireEvent.change(screen.getByTestId('change-new'), { target: { value: GOOD } });
    fireEvent.change(screen.getByTestId('change-confirm'), { target: { value: GOOD } });
    fireEvent.click(screen.getByTestId('change-submit'));
    await screen.findByTestId('totp-forced-notice');
    expect(window.location.pathname).toBe('/account/security');
    await screen.findByTestId('totp-secret');
  });

  it('S2_4_the_console_shows_the_enrolment_in_place_then_itself', async () => {
    at('/admin');
    signedIn(
      { role: 'system_admin', twoFactor: 'setup_required' },
      {
        'GET /api/v1/auth/session': reply(200, sessionBody({ role: 'system_admin', twoFactor: 'setup_required' }, { adminUrl: ADMIN_URL })),
        'POST /api/v1/auth/totp/enrolment/confirm': reply(
          200,
          sessionBody({ role: 'system_admin', twoFactor: 'on' }, { adminUrl: ADMIN_URL }),
        ),
        'GET /api/v1/admin/overview': reply(200, overviewBody),
      },
    );
    renderWithProviders(<App />);
    await screen.findByTestId('totp-secret');
    expect(window.location.pathname).toBe('/admin');
    expect(screen.queryByTestId('console-root')).toBeNull();
    expect(screen.queryByTestId('totp-continue')).toBeNull();
    confirmCode('123456');
    expect((await screen.findByTestId('console-version', {}, { timeout: 5000 })).textContent).toBe('0.1.0');
    expect(window.location.pathname).toBe('/admin');
  });
});

describe('two-factor sign-in page: turning it off', () => {
  it('turns it off with the password', async () => {
    at('/account/security');
    const { calls } = signedIn(
      { twoFactor: 'on' },
      { 'POST /api/v1/auth/totp/disable': reply(200, sessionBody({ twoFactor: 'off' }, { csrfToken: 'tok-s' })) },
    );
    renderWithProviders(<App />);
    expect((await screen.findByTestId('totp-status')).textContent).toBe('Xác thực hai lớp đang bật.');
    expect(screen.queryByTestId('totp-start')).toBeNull();
    fireEvent.click(screen.getByTestId('totp-disable-submit'));
    expect(screen.getByTestId('totp-disable-error').textContent).toBe('Hãy nhập mật khẩu.');

    fireEvent.change(screen.getByTestId('totp-disable-password'), { target: { value: 'Mật-khẩu-2025' } });
    fireEvent.click(screen.getByTestId('totp-disable-submit'));
    expect((await screen.findByTestId('totp-disabled')).textContent).toBe('Đã tắt xác thực hai lớp.');
    expect(screen.getByTestId('totp-status').getAttribute('data-state')).toBe('off');
    expect(screen.getByTestId('totp-start')).toBeTruthy();
    const post = calls.find((c) => c.path === '/api/v1/auth/totp/disable');
    expect(post?.body).toEqual({ password: 'Mật-khẩu-2025' });
    expect(post?.headers.get(CSRF_HEADER)).toBe('tok-s');
  });

  it('S4_3_says_the_password_is_wrong', async () => {
    at('/account/security');
    signedIn({ twoFactor: 'on' }, { 'POST /api/v1/auth/totp/disable': errorReply(401, 'invalid_credentials') });
    renderWithProviders(<App />, 'en');
    fireEvent.change(await screen.findByTestId('totp-disable-password'), { target: { value: 'wrong' } });
    fireEvent.click(screen.getByTestId('totp-disable-submit'));
    expect((await screen.findByTestId('totp-disable-error')).textContent).toBe('The password is incorrect.');
    expect((screen.getByTestId('totp-disable-password') as HTMLInputElement).value).toBe('');
  });

  it('S2_4_says_the_policy_requires_it_for_the_group', async () => {
    at('/account/security');
    signedIn({ twoFactor: 'on' }, { 'POST /api/v1/auth/totp/disable': errorReply(403, 'two_factor_required') });
    renderWithProviders(<App />);
    fireEvent.change(await screen.findByTestId('totp-disable-password'), { target: { value: 'Mật-khẩu-2025' } });
    fireEvent.click(screen.getByTestId('totp-disable-submit'));
    expect((await screen.findByTestId('totp-disable-error')).textContent).toBe(
      'Chính sách bảo mật yêu cầu nhóm tài khoản của bạn dùng xác thực hai lớp, nên không thể tắt.',
    );
    expect(screen.getByTestId('totp-status').getAttribute('data-state')).toBe('on');
  });
});
