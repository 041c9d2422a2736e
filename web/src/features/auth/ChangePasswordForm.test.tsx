import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../app/App';
import { CSRF_HEADER } from '../../lib/api';
import { defaultPasswordRules, errorReply, installFakeApi, reply, sessionBody } from '../../test/fake-api';
import { renderWithProviders } from '../../test/render';
import { ChangePasswordForm } from './ChangePasswordForm';

const GOOD = 'Mới-Mật-Khẩu-2025';

function fill(current: string, next: string, confirm: string) {
  fireEvent.change(screen.getByTestId('change-current'), { target: { value: current } });
  fireEvent.change(screen.getByTestId('change-new'), { target: { value: next } });
  fireEvent.change(screen.getByTestId('change-confirm'), { target: { value: confirm } });
  fireEvent.click(screen.getByTestId('change-submit'));
}

async function renderForm(forced = false) {
  const api = installFakeApi({
    'GET /api/v1/auth/session': reply(200, sessionBody({ mustChangePassword: forced }, { csrfToken: 'csrf-x' })),
    'POST /api/v1/auth/password': reply(200, sessionBody({}, { csrfToken: 'csrf-y' })),
  });
  const done: number[] = [];
  renderWithProviders(<ChangePasswordForm forced={forced} onSuccess={() => done.push(1)} />);
  // Wait until the session (and so the CSRF token) is loaded.
  await waitFor(() => expect(api.calls).toHaveLength(1));
  await waitFor(() => expect((document.querySelector('input[name="username"]') as HTMLInputElement).value).toBe('nguyenvana'));
  return { ...api, done };
}

const posts = <T extends { method: string }>(calls: T[]): T[] => calls.filter((c) => c.method === 'POST');

describe('ChangePasswordForm: client-side validation', () => {
  it('shows the policy with labelled fields', async () => {
    await renderForm();
    expect(screen.getByLabelText('Mật khẩu hiện tại')).toBe(screen.getByTestId('change-current'));
    expect(screen.getByLabelText('Mật khẩu mới')).toBe(screen.getByTestId('change-new'));
    expect(screen.getByLabelText('Nhập lại mật khẩu mới')).toBe(screen.getByTestId('change-confirm'));
    expect(screen.getByTestId('change-policy').textContent).toContain('ít nhất 12 ký tự');
    expect(screen.queryByTestId('change-forced-notice')).toBeNull();
  });

  it('refuses a new password that does not match its confirmation', async () => {
    const { calls, done } = await renderForm();
    fill('old-Password-1', GOOD, `${GOOD}x`);
    expect(screen.getByTestId('change-error').textContent).toBe('Hai lần nhập mật khẩu mới không khớp nhau.');
    expect(posts(calls)).toHaveLength(0);
    expect(done).toHaveLength(0);
  });

  it.each(['short-A1!', 'no-upper-case-1!', 'NO-LOWER-CASE-1!', 'No-Digits-At-All!', 'NoSymbolsAtAll123'])(
    'refuses %j, which breaks the policy',
    async (weak) => {
      const { calls } = await renderForm();
      fill('old-Password-1', weak, weak);
      expect(screen.getByTestId('change-error').textContent).toBe('Mật khẩu mới chưa đáp ứng đủ các yêu cầu.');
      expect(posts(calls)).toHaveLength(0);
    },
  );

  it('refuses empty fields and a new password equal to the current one', async () => {
    const { calls } = await renderForm();
    fill('', GOOD, GOOD);
    expect(screen.getByTestId('change-error').textContent).toBe('Hãy điền đầy đủ các ô.');
    fill(GOOD, GOOD, GOOD);
    expect(screen.getByTestId('change-error').textContent).toBe('Mật khẩu mới phải khác mật khẩu hiện tại.');
    expect(posts(calls)).toHaveLength(0);
  });

  it('marks the rules as met while typing', async () => {
    await renderForm();
    fireEvent.change(screen.getByTestId('change-new'), { target: { value: 'abc' } });
    const met = () => screen.getByTestId('change-policy').querySelectorAll('.policy__rule--met').length;
    expect(met()).toBe(2); // lower-case, and does not contain the username
    fireEvent.change(screen.getByTestId('change-new'), { target: { value: 'Nguyenvana-2025' } });
    expect(met()).toBe(5); // everything but "not containing the username"
    fireEvent.change(screen.getByTestId('change-new'), { target: { value: GOOD } });
    expect(met()).toBe(6);
  });
});

describe('ChangePasswordForm: server', () => {
  it('sends a valid change with the CSRF token and reports success', async () => {
    const { calls, done } = await renderForm(true);
    expect(screen.getByTestId('change-forced-notice').textContent).toBe('Bạn phải đổi mật khẩu trước khi tiếp tục.');
    fill('default-Password-1', GOOD, GOOD);
    await waitFor(() => expect(done).toHaveLength(1));
    const [post] = posts(calls);
    expect(post?.path).toBe('/api/v1/auth/password');
    expect(post?.body).toEqual({ currentPassword: 'default-Password-1', newPassword: GOOD });
    expect(post?.headers.get(CSRF_HEADER)).toBe('csrf-x');
  });

  it('says the current password is wrong when the server answers invalid_credentials', async () => {
    installFakeApi({
      'GET /api/v1/auth/session': reply(200, sessionBody()),
      'POST /api/v1/auth/password': errorReply(401, 'invalid_credentials', 'req-pw'),
    });
    renderWithProviders(<ChangePasswordForm forced={false} onSuccess={() => undefined} />, 'en');
    fill('wrong-Current-1', GOOD, GOOD);
    expect((await screen.findByTestId('change-error')).textContent).toBe('The current password is incorrect.');
    expect(screen.getByTestId('error-request-id').textContent).toBe('Request ID: req-pw');
  });

  it('shows the server verdict weak_password even when the client check passed', async () => {
    installFakeApi({
      'GET /api/v1/auth/session': reply(200, sessionBody()),
      'POST /api/v1/auth/password': errorReply(400, 'weak_password'),
    });
    renderWithProviders(<ChangePasswordForm forced={false} onSuccess={() => undefined} />);
    fill('old-Password-1', GOOD, GOOD);
    expect((await screen.findByTestId('change-error')).textContent).toBe('Mật khẩu mới chưa đáp ứng chính sách mật khẩu.');
  });
});

describe('ChangePasswordForm: rules from the session (S1.3)', () => {
  async function renderWith(session: ReturnType<typeof sessionBody>, lang: 'vi' | 'en' = 'vi', forced = false) {
    const api = installFakeApi({
      'GET /api/v1/auth/session': reply(200, session),
      'POST /api/v1/auth/password': reply(200, sessionBody()),
    });
    renderWithProviders(<ChangePasswordForm forced={forced} onSuccess={() => undefined} />, lang);
    await waitFor(() => expect((document.querySelector('input[name="username"]') as HTMLInputElement).value).toBe('nguyenvana'));
    return api;
  }
  /** The rules listed, without their hidden "(met)" / "(not met)". */
  const items = () =>
    [...screen.getByTestId('change-policy').querySelectorAll('li')].map((li) => li.firstChild?.textContent);

  it('S1_3_2_lists_the_minimum_length_and_only_the_required_classes', async () => {
    const { calls } = await renderWith(
      sessionBody(
        {},
        {
          passwordRules: {
            minLength: 16,
            maxLength: 128,
            requireLower: true,
            requireUpper: false,
            requireDigit: true,
            requireSymbol: false,
            historyCount: 3,
          },
        },
      ),
    );
    expect(items()).toEqual(['ít nhất 16 ký tự', 'ít nhất một chữ thường', 'ít nhất một chữ số', 'không chứa tên đăng nhập']);
    expect(screen.getByTestId('change-policy-history').textContent).toBe(
      'Mật khẩu mới phải khác mật khẩu hiện tại và 3 mật khẩu gần nhất trước đó.',
    );
    // 15 characters are too few now; 16 without upper case or symbol are enough.
    fill('old-Password-1', 'abcdefghijklmn1', 'abcdefghijklmn1');
    expect(screen.getByTestId('change-error').textContent).toBe('Mật khẩu mới chưa đáp ứng đủ các yêu cầu.');
    fill('old-Password-1', 'abcdefghijklmno1', 'abcdefghijklmno1');
    await waitFor(() => expect(posts(calls)).toHaveLength(1));
  });

  it('falls back to the default rules when the session has none', async () => {
    await renderWith(sessionBody({}, { legacy: true }), 'en');
    expect(items()).toEqual([
      'at least 12 characters',
      'at least one lower-case letter',
      'at least one upper-case letter',
      'at least one digit',
      'at least one symbol, for example ! @ # -',
      'not containing your username',
    ]);
    expect(screen.getByTestId('change-policy-history').textContent).toBe(
      'The new password must differ from the current one and the 5 before it.',
    );
    expect(screen.queryByTestId('password-reason-suggested')).toBeNull();
  });

  it('uses the maximum length of the rules', async () => {
    await renderWith(sessionBody({}, { passwordRules: { ...defaultPasswordRules, maxLength: 20 } }));
    const long = 'Aa1!' + 'x'.repeat(17);
    fill('old-Password-1', long, long);
    expect(screen.getByTestId('change-error').textContent).toBe('Mật khẩu mới dài quá 20 ký tự.');
  });

  it('says when only the current password is refused', async () => {
    await renderWith(sessionBody({}, { passwordRules: { ...defaultPasswordRules, historyCount: 0 } }), 'en');
    expect(screen.getByTestId('change-policy-history').textContent).toBe(
      'The new password must differ from the current one.',
    );
  });

  it('S1_3_5_explains_an_expired_password', async () => {
    await renderWith(sessionBody({ mustChangePassword: true, passwordStatus: 'expired' }), 'vi', true);
    expect(screen.getByTestId('change-forced-notice').textContent).toBe('Bạn phải đổi mật khẩu trước khi tiếp tục.');
    expect(screen.getByTestId('password-reason-expired').textContent).toBe(
      'Mật khẩu đã hết hạn sử dụng. Tài khoản chỉ dùng lại được sau khi bạn đặt mật khẩu mới.',
    );
    expect(screen.queryByTestId('password-reason-required')).toBeNull();
  });

  it('S1_3_1_explains_a_first_or_reset_password', async () => {
    await renderWith(sessionBody({ mustChangePassword: true, passwordStatus: 'change_required' }), 'en', true);
    expect(screen.getByTestId('password-reason-required').textContent).toMatch(/^This is a first sign-in, or an administrator/);
    expect(screen.queryByTestId('password-reason-expired')).toBeNull();
  });

  it('S1_3_3_explains_a_suggested_change_with_the_expiry_date', async () => {
    const expires = new Date(2026, 1, 3, 8, 0).getTime();
    await renderWith(sessionBody({ passwordStatus: 'change_suggested', passwordExpiresAt: expires }), 'en');
    const notice = screen.getByTestId('password-reason-suggested');
    expect(notice.textContent).toMatch(/^This password has been in use for a while; it is time to choose a new one\. It expires on 3 Feb 2026/);
    expect(screen.queryByTestId('change-forced-notice')).toBeNull();
  });

  it('S1_3_says_a_reused_password_may_be_a_recent_one', async () => {
    installFakeApi({
      'GET /api/v1/auth/session': reply(200, sessionBody()),
      'POST /api/v1/auth/password': errorReply(400, 'password_reused'),
    });
    renderWithProviders(<ChangePasswordForm forced={false} onSuccess={() => undefined} />);
    await waitFor(() => expect((document.querySelector('input[name="username"]') as HTMLInputElement).value).toBe('nguyenvana'));
    fill('old-Password-1', GOOD, GOOD);
    expect((await screen.findByTestId('change-error')).textContent).toBe(
      'Mật khẩu mới phải khác mật khẩu hiện tại và các mật khẩu đã dùng gần đây.',
    );
  });
});

describe('forced password change', () => {
  it('keeps a user who must change the password on /change-password, then goes home', async () => {
    window.history.replaceState(null, '', '/r/482915306');
    installFakeApi({
      'GET /api/v1/auth/session': reply(200, sessionBody({ mustChangePassword: true })),
      'POST /api/v1/auth/password': reply(200, sessionBody({ mustChangePassword: false })),
    });
    renderWithProviders(<App />);
    await screen.findByTestId('change-forced-notice');
    expect(window.location.pathname).toBe('/change-password');
    expect(screen.queryByTestId('room-id')).toBeNull();
    expect(screen.queryByTestId('nav-change-password')).toBeNull();
    expect(screen.getByTestId('nav-logout')).toBeTruthy();

    fill('default-Password-1', GOOD, GOOD);
    await screen.findByTestId('home-join-input');
    expect(window.location.pathname).toBe('/');
  });
});
