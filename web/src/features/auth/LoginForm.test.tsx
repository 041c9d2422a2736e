import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../app/App';
import { CSRF_HEADER } from '../../lib/api';
import { replaceProofSolver } from '../../lib/proof-solver';
import { errorReply, errorReplyWith, installFakeApi, overviewBody, reply, sessionBody } from '../../test/fake-api';
import { renderWithProviders } from '../../test/render';
import { LoginForm } from './LoginForm';

const anonymous = { 'GET /api/v1/auth/session': errorReply(401, 'unauthenticated') };

function fillAndSubmit(username: string, password: string) {
  fireEvent.change(screen.getByTestId('login-username'), { target: { value: username } });
  fireEvent.change(screen.getByTestId('login-password'), { target: { value: password } });
  fireEvent.click(screen.getByTestId('login-submit'));
}

describe('LoginForm', () => {
  it('renders labelled fields in Vietnamese and in English', async () => {
    installFakeApi(anonymous);
    const { unmount } = renderWithProviders(<LoginForm />);
    expect(screen.getByLabelText('Tên đăng nhập')).toBe(screen.getByTestId('login-username'));
    expect(screen.getByLabelText('Mật khẩu')).toBe(screen.getByTestId('login-password'));
    expect(screen.getByTestId('login-password').getAttribute('type')).toBe('password');
    expect(screen.getByTestId('login-submit').textContent).toBe('Đăng nhập');
    unmount();

    renderWithProviders(<LoginForm />, 'en');
    expect(screen.getByLabelText('Username')).toBe(screen.getByTestId('login-username'));
    expect(screen.getByLabelText('Password')).toBe(screen.getByTestId('login-password'));
  });

  it('submits the credentials without a CSRF header and reports success', async () => {
    const { calls } = installFakeApi({
      ...anonymous,
      'POST /api/v1/auth/login': reply(200, sessionBody({ displayName: 'Trần Thị B' })),
    });
    const signedIn: string[] = [];
    renderWithProviders(<LoginForm onSuccess={(s) => signedIn.push(s.user.displayName)} />);
    fillAndSubmit('  tranthib  ', 'Mật-khẩu-2025');

    await waitFor(() => expect(signedIn).toEqual(['Trần Thị B']));
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.path).toBe('/api/v1/auth/login');
    expect(post?.body).toEqual({ username: 'tranthib', password: 'Mật-khẩu-2025' });
    expect(post?.headers.has(CSRF_HEADER)).toBe(false);
    expect(screen.queryByTestId('login-error')).toBeNull();
  });

  it('shows the translated error and the request ID, never the server message', async () => {
    installFakeApi({ ...anonymous, 'POST /api/v1/auth/login': errorReply(401, 'invalid_credentials', 'req-42') });
    renderWithProviders(<LoginForm />);
    fillAndSubmit('nguyenvana', 'wrong');

    expect((await screen.findByTestId('login-error')).textContent).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(screen.getByTestId('error-request-id').textContent).toBe('Mã yêu cầu: req-42');
    expect(document.body.textContent).not.toContain('english log text');
    expect((screen.getByTestId('login-password') as HTMLInputElement).value).toBe('');
  });

  it('falls back to the generic text for an unknown code', async () => {
    installFakeApi({ ...anonymous, 'POST /api/v1/auth/login': errorReply(500, 'internal', 'req-9') });
    renderWithProviders(<LoginForm />, 'en');
    fillAndSubmit('nguyenvana', 'whatever');
    expect((await screen.findByTestId('login-error')).textContent).toBe('Something went wrong');
    expect(screen.getByTestId('error-request-id').textContent).toBe('Request ID: req-9');
  });

  it('maps rate limiting', async () => {
    installFakeApi({ ...anonymous, 'POST /api/v1/auth/login': errorReply(429, 'rate_limited') });
    renderWithProviders(<LoginForm />);
    fillAndSubmit('nguyenvana', 'whatever');
    expect((await screen.findByTestId('login-error')).textContent).toBe(
      'Bạn đã thử quá nhiều lần. Vui lòng đợi một lát rồi thử lại.',
    );
  });

  it('S1_6 says when this computer failed to sign in too often', async () => {
    installFakeApi({ ...anonymous, 'POST /api/v1/auth/login': errorReply(429, 'too_many_attempts') });
    renderWithProviders(<LoginForm />);
    fillAndSubmit('nguyenvana', 'whatever');
    expect((await screen.findByTestId('login-error')).textContent).toBe(
      'Đã có quá nhiều lần đăng nhập sai từ máy của bạn. Vui lòng đợi một phút rồi thử lại.',
    );
  });

  it('S1_6 says it checks the browser while it solves the puzzle the server asks for', async () => {
    let release: (solution: string) => void = () => {};
    const restore = replaceProofSolver(() => new Promise((resolve) => (release = resolve)));
    try {
      installFakeApi({
        ...anonymous,
        'POST /api/v1/auth/login': (request) =>
          (request.body as { proof?: unknown }).proof === undefined
            ? errorReply(428, 'proof_required')
            : reply(200, sessionBody()),
        'GET /api/v1/auth/login/proof': reply(200, { challenge: 'v1.9.8.p.mac', bits: 8, expiresAtMs: 9 }),
      });
      const signedIn: number[] = [];
      renderWithProviders(<LoginForm onSuccess={() => signedIn.push(1)} />);
      expect(screen.getByTestId('login-verifying').hidden).toBe(true);
      fillAndSubmit('nguyenvana', 'pw');
      await waitFor(() => expect(screen.getByTestId('login-verifying').textContent).toBe('Đang xác minh trình duyệt của bạn…'));
      expect(screen.getByTestId('login-verifying').hidden).toBe(false);
      expect(screen.getByTestId('login-submit').getAttribute('aria-disabled')).toBe('true');
      release('42');
      await waitFor(() => expect(signedIn).toHaveLength(1));
      expect(screen.getByTestId('login-verifying').hidden).toBe(true);
    } finally {
      restore();
    }
  });

  it('S1_6 says when the browser could not be verified', async () => {
    const restore = replaceProofSolver(() => Promise.reject(new Error('no worker')));
    try {
      installFakeApi({
        ...anonymous,
        'POST /api/v1/auth/login': errorReply(428, 'proof_required'),
        'GET /api/v1/auth/login/proof': reply(200, { challenge: 'v1.9.8.p.mac', bits: 8, expiresAtMs: 9 }),
      });
      renderWithProviders(<LoginForm />, 'en');
      fillAndSubmit('nguyenvana', 'pw');
      expect((await screen.findByTestId('login-error')).textContent).toBe('Your browser could not be verified. Please try again.');
    } finally {
      restore();
    }
  });

  it('sends one request however often the button is pressed while waiting', async () => {
    const { calls } = installFakeApi({ ...anonymous, 'POST /api/v1/auth/login': reply(200, sessionBody()) });
    const signedIn: number[] = [];
    renderWithProviders(<LoginForm onSuccess={() => signedIn.push(1)} />);
    fillAndSubmit('nguyenvana', 'pw');
    fireEvent.click(screen.getByTestId('login-submit'));
    fireEvent.click(screen.getByTestId('login-submit'));
    await waitFor(() => expect(signedIn).toHaveLength(1));
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
  });

  it('does not send an empty form', async () => {
    const { calls } = installFakeApi(anonymous);
    renderWithProviders(<LoginForm />);
    fillAndSubmit('   ', '');
    expect(screen.getByTestId('login-error').textContent).toBe('Hãy nhập tên đăng nhập và mật khẩu.');
    expect(screen.queryByTestId('error-request-id')).toBeNull();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });
});

describe('LoginForm: account lockout (S1.4)', () => {
  it('S1_4_warns_how_many_attempts_remain_before_the_lock', async () => {
    installFakeApi({
      ...anonymous,
      'POST /api/v1/auth/login': errorReplyWith(401, 'invalid_credentials', { attemptsLeft: 2 }, 'req-a'),
    });
    renderWithProviders(<LoginForm />);
    fillAndSubmit('nguyenvana', 'wrong');
    expect((await screen.findByTestId('login-error')).textContent).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(screen.getByTestId('login-attempts-left').textContent).toBe('Còn 2 lần thử trước khi tài khoản bị khóa.');
    // Inside the same alert, before the request ID.
    const alert = screen.getByRole('alert');
    expect(alert.contains(screen.getByTestId('login-attempts-left'))).toBe(true);
    expect(screen.getByTestId('error-request-id').textContent).toBe('Mã yêu cầu: req-a');
  });

  it('S1_4_uses_the_singular_in_English_for_the_last_attempt', async () => {
    let left = 2;
    installFakeApi({
      ...anonymous,
      'POST /api/v1/auth/login': () => errorReplyWith(401, 'invalid_credentials', { attemptsLeft: left-- }),
    });
    renderWithProviders(<LoginForm />, 'en');
    fillAndSubmit('nguyenvana', 'wrong');
    await waitFor(() =>
      expect(screen.getByTestId('login-attempts-left').textContent).toBe('2 attempts left before the account is locked.'),
    );
    fillAndSubmit('nguyenvana', 'wrong');
    await waitFor(() =>
      expect(screen.getByTestId('login-attempts-left').textContent).toBe('1 attempt left before the account is locked.'),
    );
  });

  it('shows no warning when the server does not count', async () => {
    installFakeApi({ ...anonymous, 'POST /api/v1/auth/login': errorReply(401, 'invalid_credentials') });
    renderWithProviders(<LoginForm />);
    fillAndSubmit('nguyenvana', 'wrong');
    await screen.findByTestId('login-error');
    expect(screen.queryByTestId('login-attempts-left')).toBeNull();
  });

  it('S1_4_says_until_when_the_account_is_locked', async () => {
    const now = new Date(2025, 10, 24, 9, 30).getTime(); // local time, whatever the zone
    installFakeApi({
      ...anonymous,
      'POST /api/v1/auth/login': errorReplyWith(423, 'account_locked', { lockedUntilMs: now + 15 * 60_000 }, 'req-l'),
    });
    renderWithProviders(<LoginForm now={() => now} />);
    fillAndSubmit('nguyenvana', 'whatever');
    expect((await screen.findByTestId('login-error')).textContent).toBe(
      'Tài khoản tạm thời bị khóa do đăng nhập sai nhiều lần, đến 09:45. Hãy thử lại sau thời điểm đó.',
    );
    expect(screen.getByTestId('error-request-id').textContent).toBe('Mã yêu cầu: req-l');
    expect(screen.queryByTestId('login-attempts-left')).toBeNull();
  });

  it('S1_4_adds_the_date_of_a_lock_that_ends_on_another_day', async () => {
    const now = new Date(2025, 10, 24, 23, 50).getTime();
    installFakeApi({
      ...anonymous,
      'POST /api/v1/auth/login': errorReplyWith(423, 'account_locked', { lockedUntilMs: now + 30 * 60_000 }),
    });
    renderWithProviders(<LoginForm now={() => now} />, 'en');
    fillAndSubmit('nguyenvana', 'whatever');
    expect((await screen.findByTestId('login-error')).textContent).toBe(
      'The account is locked after too many failed sign-ins, until 00:20 on 25/11/2025. Try again after that.',
    );
  });

  it('S1_4_says_an_administrator_must_unlock_a_lock_without_end', async () => {
    installFakeApi({ ...anonymous, 'POST /api/v1/auth/login': errorReply(423, 'account_locked') });
    renderWithProviders(<LoginForm />);
    fillAndSubmit('nguyenvana', 'whatever');
    expect((await screen.findByTestId('login-error')).textContent).toBe(
      'Tài khoản đã bị khóa. Hãy liên hệ quản trị viên để được mở khóa.',
    );
  });
});

describe('login page', () => {
  it('goes to the same-origin `next` path after signing in', async () => {
    window.history.replaceState(null, '', '/login?next=%2Fr%2F482915306');
    installFakeApi({ ...anonymous, 'POST /api/v1/auth/login': reply(200, sessionBody()) });
    renderWithProviders(<App />);
    await screen.findByTestId('login-username');
    fillAndSubmit('nguyenvana', 'pw');
    expect((await screen.findByTestId('room-id')).textContent).toBe('482 915 306');
    expect(window.location.pathname).toBe('/r/482915306');
  });

  it('ignores a `next` that leaves the origin', async () => {
    window.history.replaceState(null, '', '/login?next=%2F%2Fevil.example%2Fx');
    installFakeApi({ ...anonymous, 'POST /api/v1/auth/login': reply(200, sessionBody()) });
    renderWithProviders(<App />);
    await screen.findByTestId('login-username');
    fillAndSubmit('nguyenvana', 'pw');
    await screen.findByTestId('home-join-input');
    expect(window.location.pathname).toBe('/');
  });

  it('sends a user who must change the password to /change-password', async () => {
    window.history.replaceState(null, '', '/login');
    installFakeApi({ ...anonymous, 'POST /api/v1/auth/login': reply(200, sessionBody({ mustChangePassword: true })) });
    renderWithProviders(<App />);
    await screen.findByTestId('login-username');
    fillAndSubmit('nguyenvana', 'default-pw');
    expect((await screen.findByTestId('change-forced-notice')).textContent).toBe(
      'Bạn phải đổi mật khẩu trước khi tiếp tục.',
    );
    expect(window.location.pathname).toBe('/change-password');
  });
});

const CHALLENGE = { secondFactor: 'totp', challenge: 'ch-abc' } as const;
const withCode = { ...anonymous, 'POST /api/v1/auth/login': reply(200, CHALLENGE) };

async function toCodeStep(username = 'nguyenvana') {
  fillAndSubmit(username, 'Mật-khẩu-2025');
  return screen.findByTestId('login-code');
}

function submitCode(code: string) {
  fireEvent.change(screen.getByTestId('login-code'), { target: { value: code } });
  fireEvent.click(screen.getByTestId('login-code-submit'));
}

describe('LoginForm: the code step (TOTP)', () => {
  it('S1_1_asks_for_the_app_code_after_the_right_password_then_signs_in', async () => {
    const { calls } = installFakeApi({
      ...withCode,
      'POST /api/v1/auth/login/totp': reply(200, sessionBody({ displayName: 'Trần Thị B', twoFactor: 'on' }, { csrfToken: 'tok-c' })),
    });
    const signedIn: string[] = [];
    renderWithProviders(<LoginForm onSuccess={(s) => signedIn.push(s.user.displayName)} />);
    const input = await toCodeStep('tranthib');
    expect(signedIn).toEqual([]);
    expect(input.getAttribute('inputmode')).toBe('numeric');
    expect(input.getAttribute('autocomplete')).toBe('one-time-code');
    expect(screen.getByLabelText('Mã xác thực')).toBe(input);
    expect(screen.getByTestId('login-code-step').textContent).toContain(
      'Mở ứng dụng xác thực trên điện thoại và nhập mã 6 chữ số đang hiển thị cho tài khoản tranthib.',
    );
    expect(screen.queryByTestId('login-password')).toBeNull(); // the password is not kept on screen
    await waitFor(() => expect(document.activeElement).toBe(input));

    submitCode(' 123 456 ');
    await waitFor(() => expect(signedIn).toEqual(['Trần Thị B']));
    const step = calls.find((c) => c.path === '/api/v1/auth/login/totp');
    expect(step?.body).toEqual({ challenge: 'ch-abc', code: '123456' });
    expect(step?.headers.has(CSRF_HEADER)).toBe(false);
  });

  it('S1_4_a_wrong_code_is_translated_and_says_how_many_tries_remain', async () => {
    installFakeApi({
      ...withCode,
      'POST /api/v1/auth/login/totp': errorReplyWith(401, 'invalid_code', { attemptsLeft: 3 }, 'req-c'),
    });
    renderWithProviders(<LoginForm />);
    await toCodeStep();
    submitCode('000000');
    expect((await screen.findByTestId('login-error')).textContent).toBe(
      'Mã xác thực không đúng hoặc đã được dùng. Hãy nhập mã mới đang hiển thị trong ứng dụng.',
    );
    expect(screen.getByTestId('login-code-attempts-left').textContent).toBe('Còn 3 lần nhập mã.');
    expect(screen.getByTestId('error-request-id').textContent).toBe('Mã yêu cầu: req-c');
    expect(screen.queryByTestId('login-attempts-left')).toBeNull();
    expect((screen.getByTestId('login-code') as HTMLInputElement).value).toBe('');
    expect(document.body.textContent).not.toContain('english log text');
  });

  it('S1_4_says_the_last_try_in_English', async () => {
    installFakeApi({ ...withCode, 'POST /api/v1/auth/login/totp': errorReplyWith(401, 'invalid_code', { attemptsLeft: 1 }) });
    renderWithProviders(<LoginForm />, 'en');
    await toCodeStep();
    expect(screen.getByLabelText('Verification code')).toBe(screen.getByTestId('login-code'));
    submitCode('000000');
    expect((await screen.findByTestId('login-error')).textContent).toBe(
      'The code is wrong or has already been used. Enter the new code your app shows.',
    );
    expect(screen.getByTestId('login-code-attempts-left').textContent).toBe('1 more try for the code.');
  });

  it('S1_1_an_expired_challenge_returns_to_the_password_step_with_the_reason', async () => {
    installFakeApi({ ...withCode, 'POST /api/v1/auth/login/totp': errorReply(401, 'challenge_expired') });
    renderWithProviders(<LoginForm />);
    await toCodeStep('tranthib');
    submitCode('123456');
    expect((await screen.findByTestId('login-error')).textContent).toBe(
      'Đã quá thời gian nhập mã xác thực. Hãy đăng nhập lại bằng mật khẩu.',
    );
    expect(screen.queryByTestId('login-code')).toBeNull();
    expect((screen.getByTestId('login-username') as HTMLInputElement).value).toBe('tranthib');
    expect((screen.getByTestId('login-password') as HTMLInputElement).value).toBe('');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('login-password')));
  });

  it('S1_4_the_last_wrong_code_returns_to_the_password_step', async () => {
    installFakeApi({ ...withCode, 'POST /api/v1/auth/login/totp': errorReplyWith(401, 'invalid_code', { attemptsLeft: 0 }) });
    renderWithProviders(<LoginForm />);
    await toCodeStep();
    submitCode('000000');
    expect((await screen.findByTestId('login-error')).textContent).toBe(
      'Đã nhập sai mã quá số lần cho phép. Hãy đăng nhập lại bằng mật khẩu.',
    );
    expect(screen.queryByTestId('login-code')).toBeNull();
    expect(screen.getByTestId('login-password')).toBeTruthy();
  });

  it('S1_4_a_lock_during_the_code_step_says_until_when', async () => {
    const now = new Date(2025, 10, 24, 9, 30).getTime();
    installFakeApi({
      ...withCode,
      'POST /api/v1/auth/login/totp': errorReplyWith(423, 'account_locked', { lockedUntilMs: now + 15 * 60_000 }),
    });
    renderWithProviders(<LoginForm now={() => now} />);
    await toCodeStep();
    submitCode('000000');
    expect((await screen.findByTestId('login-error')).textContent).toBe(
      'Tài khoản tạm thời bị khóa do đăng nhập sai nhiều lần, đến 09:45. Hãy thử lại sau thời điểm đó.',
    );
    expect(screen.queryByTestId('login-code')).toBeNull();
  });

  it('S1_6_stays_on_the_code_step_when_this_computer_is_throttled', async () => {
    installFakeApi({ ...withCode, 'POST /api/v1/auth/login/totp': errorReply(429, 'too_many_attempts') });
    renderWithProviders(<LoginForm />);
    await toCodeStep();
    submitCode('000000');
    expect((await screen.findByTestId('login-error')).textContent).toBe(
      'Đã có quá nhiều lần đăng nhập sai từ máy của bạn. Vui lòng đợi một phút rồi thử lại.',
    );
    expect(screen.getByTestId('login-code')).toBeTruthy();
  });

  it('S4_1_checks_the_code_is_six_digits_before_sending', async () => {
    const { calls } = installFakeApi(withCode);
    renderWithProviders(<LoginForm />);
    await toCodeStep();
    submitCode('12345');
    expect(screen.getByTestId('login-error').textContent).toBe('Hãy nhập mã gồm 6 chữ số.');
    expect(calls.filter((c) => c.path === '/api/v1/auth/login/totp')).toHaveLength(0);
  });

  it('goes back to the password step on request', async () => {
    installFakeApi(withCode);
    renderWithProviders(<LoginForm />);
    await toCodeStep('tranthib');
    fireEvent.click(screen.getByTestId('login-code-back'));
    expect(screen.queryByTestId('login-code')).toBeNull();
    expect((screen.getByTestId('login-username') as HTMLInputElement).value).toBe('tranthib');
    expect(screen.queryByTestId('login-error')).toBeNull();
  });

  it('S1_1_signs_in_with_the_code_on_the_login_page_and_goes_to_next', async () => {
    window.history.replaceState(null, '', '/login?next=%2Fr%2F482915306');
    installFakeApi({ ...withCode, 'POST /api/v1/auth/login/totp': reply(200, sessionBody({ twoFactor: 'on' })) });
    renderWithProviders(<App />);
    await screen.findByTestId('login-username');
    await toCodeStep();
    submitCode('123456');
    expect((await screen.findByTestId('room-id')).textContent).toBe('482 915 306');
  });

  it('S1_1_signs_in_with_the_code_in_place_on_the_console', async () => {
    window.history.replaceState(null, '', '/admin');
    installFakeApi({
      ...withCode,
      'POST /api/v1/auth/login/totp': reply(
        200,
        sessionBody({ role: 'system_admin', twoFactor: 'on' }, { adminUrl: 'https://localhost:8444/admin' }),
      ),
      'GET /api/v1/admin/overview': reply(200, overviewBody),
    });
    renderWithProviders(<App />);
    await screen.findByTestId('login-username', {}, { timeout: 5000 });
    await toCodeStep('admin');
    submitCode('123456');
    expect((await screen.findByTestId('console-version', {}, { timeout: 5000 })).textContent).toBe('0.1.0');
    expect(window.location.pathname).toBe('/admin');
  });
});
