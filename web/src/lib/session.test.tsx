import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../app/App';
import { errorReply, installFakeApi, reply, sessionBody, type FakeReply } from '../test/fake-api';
import { renderWithProviders } from '../test/render';

/** Lets fetch answers and React updates run while timers are fake. */
async function settle(ms = 0) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

describe('session end (S2.2)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('S2_2_an_idle_page_rereads_the_session_and_says_it_closed_for_inactivity', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const answers: FakeReply[] = [
      reply(200, sessionBody({}, { idleTimeoutMinutes: 1 })),
      errorReply(401, 'session_expired'),
    ];
    const { calls } = installFakeApi({
      'GET /api/v1/auth/session': () => answers.shift() ?? errorReply(401, 'unauthenticated'),
      'GET /api/v1/rooms': reply(200, { rooms: [] }),
    });
    renderWithProviders(<App />);
    await settle();
    expect(screen.getByTestId('nav-user').textContent).toBe('Nguyễn Văn A');
    const sessionReads = () => calls.filter((c) => c.path === '/api/v1/auth/session').length;

    await settle(60_000); // the idle timeout itself: the server may not have noticed yet
    expect(sessionReads()).toBe(1);
    await settle(5_000);
    expect(sessionReads()).toBe(2);
    expect(window.location.pathname).toBe('/login');
    expect(screen.getByTestId('login-expired-notice').textContent).toBe(
      'Phiên làm việc đã đóng vì không có hoạt động nào trong 1 phút. Vui lòng đăng nhập lại.',
    );
    expect(screen.queryByTestId('nav-user')).toBeNull();

    // Signed out: nothing is polled any more.
    await settle(10 * 60_000);
    expect(sessionReads()).toBe(2);
  });

  it('S2_2_stays_signed_in_when_the_server_still_knows_the_session', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { calls } = installFakeApi({
      'GET /api/v1/auth/session': reply(200, sessionBody({}, { idleTimeoutMinutes: 1 })),
      'GET /api/v1/rooms': reply(200, { rooms: [] }),
    });
    renderWithProviders(<App />);
    await settle();
    await settle(3 * 65_000);
    // One read at start, then one per idle period (never more than once a minute).
    expect(calls.filter((c) => c.path === '/api/v1/auth/session')).toHaveLength(4);
    expect(screen.getByTestId('nav-user')).toBeTruthy();
    expect(window.location.pathname).toBe('/');
  });

  it('S2_2_an_expired_session_met_by_any_call_shows_the_sign_in_form', async () => {
    installFakeApi({
      'GET /api/v1/auth/session': reply(200, sessionBody()),
      'GET /api/v1/rooms': errorReply(401, 'session_expired'),
    });
    renderWithProviders(<App />, 'en');
    expect((await screen.findByTestId('login-expired-notice')).textContent).toBe(
      'Your session has ended. Please sign in again.',
    );
    expect(window.location.pathname).toBe('/login');
    expect(screen.queryByTestId('nav-user')).toBeNull();
  });

  it('keeps the page as `next` and returns to it after signing in again', async () => {
    window.history.replaceState(null, '', '/change-password');
    let signedIn = true;
    installFakeApi({
      'GET /api/v1/auth/session': () => (signedIn ? reply(200, sessionBody()) : errorReply(401, 'unauthenticated')),
      'POST /api/v1/auth/password': errorReply(401, 'unauthenticated'),
      'POST /api/v1/auth/login': reply(200, sessionBody()),
    });
    renderWithProviders(<App />);
    const GOOD = 'Mới-Mật-Khẩu-2025';
    fireEvent.change(await screen.findByTestId('change-current'), { target: { value: 'old-Password-1' } });
    fireEvent.change(screen.getByTestId('change-new'), { target: { value: GOOD } });
    fireEvent.change(screen.getByTestId('change-confirm'), { target: { value: GOOD } });
    signedIn = false;
    fireEvent.click(screen.getByTestId('change-submit'));
    await screen.findByTestId('login-expired-notice');
    expect(window.location.pathname + window.location.search).toBe('/login?next=%2Fchange-password');

    fireEvent.change(screen.getByTestId('login-username'), { target: { value: 'nguyenvana' } });
    fireEvent.change(screen.getByTestId('login-password'), { target: { value: 'pw' } });
    fireEvent.click(screen.getByTestId('login-submit'));
    await waitFor(() => expect(window.location.pathname).toBe('/change-password'));
  });
});

describe('a second factor the policy requires', () => {
  it('S2_4_a_two_factor_setup_required_answer_from_any_call_leads_to_the_enrolment', async () => {
    const { calls } = installFakeApi({
      'GET /api/v1/auth/session': reply(200, sessionBody({ twoFactor: 'off' })),
      'GET /api/v1/rooms': errorReply(403, 'two_factor_setup_required'),
      'POST /api/v1/auth/totp/enrolment': reply(200, { secret: 'JBSWY3DPEHPK3PXP', uri: 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP' }),
    });
    renderWithProviders(<App />);
    await screen.findByTestId('totp-forced-notice');
    expect(window.location.pathname).toBe('/account/security');
    await screen.findByTestId('totp-secret');
    // Still signed in, without re-reading the session.
    expect(screen.getByTestId('nav-user').textContent).toBe('Nguyễn Văn A');
    expect(calls.filter((c) => c.path === '/api/v1/auth/session')).toHaveLength(1);
  });
});
