import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../app/App';
import { installFakeApi, overviewBody, reply, sessionBody } from '../../test/fake-api';
import { renderWithProviders } from '../../test/render';
import { SUGGESTION_DISMISSED_KEY } from './PasswordSuggestion';

const suggested = () =>
  installFakeApi({
    'GET /api/v1/auth/session': reply(
      200,
      sessionBody({ passwordStatus: 'change_suggested', passwordExpiresAt: new Date(2026, 1, 3, 8, 0).getTime() }),
    ),
    'GET /api/v1/rooms': reply(200, { rooms: [] }),
  });

describe('suggested password change (S1.3(3))', () => {
  it('S1_3_3_asks_for_a_change_without_forcing_it', async () => {
    suggested();
    renderWithProviders(<App />);
    const notice = await screen.findByTestId('password-change-suggested');
    expect(notice.textContent).toContain('Mật khẩu của bạn đã được dùng khá lâu. Bạn nên đổi sang mật khẩu mới.');
    expect(notice.textContent).toContain('Mật khẩu sẽ hết hạn vào');
    // Everything else still works: the home page is there.
    expect(screen.getByTestId('create-room-card')).toBeTruthy();
    expect(screen.queryByTestId('change-forced-notice')).toBeNull();

    fireEvent.click(screen.getByTestId('password-change-suggested-link'));
    await screen.findByTestId('change-current');
    expect(window.location.pathname).toBe('/change-password');
    expect(screen.getByTestId('password-reason-suggested')).toBeTruthy();
    // The page itself explains; the notice is not repeated above it.
    expect(screen.queryByTestId('password-change-suggested')).toBeNull();
  });

  it('comes back to the page it was opened from', async () => {
    window.history.replaceState(null, '', '/admin');
    installFakeApi({
      'GET /api/v1/auth/session': reply(200, sessionBody({ role: 'system_admin', passwordStatus: 'change_suggested' })),
      'GET /api/v1/admin/overview': reply(200, overviewBody),
    });
    renderWithProviders(<App />, 'en');
    await screen.findByTestId('password-change-suggested');
    expect(screen.getByTestId('password-change-suggested-link').getAttribute('href')).toBe(
      '/change-password?next=%2Fadmin',
    );
  });

  it('can be put off, and stays away for the rest of the browser session', async () => {
    suggested();
    const { unmount } = renderWithProviders(<App />, 'en');
    fireEvent.click(await screen.findByTestId('password-change-suggested-dismiss'));
    expect(screen.queryByTestId('password-change-suggested')).toBeNull();
    expect(window.sessionStorage.getItem(SUGGESTION_DISMISSED_KEY)).toBe('u1');
    unmount();

    renderWithProviders(<App />, 'en');
    await screen.findByTestId('nav-user');
    expect(screen.queryByTestId('password-change-suggested')).toBeNull();
  });

  it('is not shown for a current password, nor during a forced change', async () => {
    installFakeApi({
      'GET /api/v1/auth/session': reply(200, sessionBody()),
      'GET /api/v1/rooms': reply(200, { rooms: [] }),
    });
    const { unmount } = renderWithProviders(<App />);
    await screen.findByTestId('nav-user');
    expect(screen.queryByTestId('password-change-suggested')).toBeNull();
    unmount();

    installFakeApi({
      'GET /api/v1/auth/session': reply(200, sessionBody({ mustChangePassword: true, passwordStatus: 'expired' })),
    });
    renderWithProviders(<App />);
    await screen.findByTestId('password-reason-expired');
    await waitFor(() => expect(window.location.pathname).toBe('/change-password'));
    expect(screen.queryByTestId('password-change-suggested')).toBeNull();
  });
});
