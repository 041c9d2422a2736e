import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../app/App';
import { CSRF_HEADER } from '../../lib/api';
import { errorReply, errorReplyWith, installFakeApi, reply, sessionBody } from '../../test/fake-api';
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
