import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../app/App';
import { CSRF_HEADER } from '../../lib/api';
import { errorReply, installFakeApi, reply, sessionBody } from '../../test/fake-api';
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
