import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CSRF_HEADER } from '../lib/api';
import { I18nProvider, LANGUAGE_STORAGE_KEY } from '../lib/i18n/i18n';
import { SessionProvider } from '../lib/session';
import { errorReply, installFakeApi, reply, sessionBody } from '../test/fake-api';
import { renderWithProviders } from '../test/render';
import { App, sessionEndedRedirect } from './App';

const anonymous = { 'GET /api/v1/auth/session': errorReply(401, 'unauthenticated') };

describe('home: join a meeting', () => {
  it('navigates to the room of a pasted link', async () => {
    installFakeApi(anonymous);
    renderWithProviders(<App />);
    fireEvent.change(await screen.findByTestId('home-join-input'), {
      target: { value: ' https://hop.example.gov.vn/r/482-915-306/?lang=vi ' },
    });
    fireEvent.click(screen.getByTestId('home-join-submit'));
    expect((await screen.findByTestId('room-id')).textContent).toBe('482 915 306');
    expect(window.location.pathname).toBe('/r/482915306');
    expect(window.location.search).toBe('');
    expect(screen.getByTestId('meeting-name-input')).toBeTruthy();
    expect(screen.getByTestId('meeting-join').textContent).toBe('Vào phòng');
  });

  it('keeps the invitation token of a pasted invitation link', async () => {
    installFakeApi(anonymous);
    renderWithProviders(<App />);
    fireEvent.change(await screen.findByTestId('home-join-input'), {
      target: { value: 'https://hop.example.gov.vn/r/482915306?t=aB3_-x9' },
    });
    fireEvent.click(screen.getByTestId('home-join-submit'));
    expect((await screen.findByTestId('room-id')).textContent).toBe('482 915 306');
    expect(window.location.pathname + window.location.search).toBe('/r/482915306?t=aB3_-x9');
  });

  it('accepts a typed room code with separators', async () => {
    installFakeApi(anonymous);
    renderWithProviders(<App />);
    fireEvent.change(await screen.findByTestId('home-join-input'), { target: { value: '482.915.306' } });
    fireEvent.click(screen.getByTestId('home-join-submit'));
    expect((await screen.findByTestId('room-id')).textContent).toBe('482 915 306');
    expect(window.location.pathname).toBe('/r/482915306');
  });

  it('shows a translated inline error for invalid input and stays', async () => {
    installFakeApi(anonymous);
    renderWithProviders(<App />, 'en');
    fireEvent.change(await screen.findByTestId('home-join-input'), { target: { value: 'ab' } });
    fireEvent.click(screen.getByTestId('home-join-submit'));
    expect(screen.getByTestId('home-join-error').textContent).toMatch(/^That is not a valid room code or link\./);
    expect(screen.getByTestId('home-join-input').getAttribute('aria-invalid')).toBe('true');
    expect(window.location.pathname).toBe('/');

    fireEvent.change(screen.getByTestId('home-join-input'), { target: { value: '' } });
    fireEvent.click(screen.getByTestId('home-join-submit'));
    expect(screen.getByTestId('home-join-error').textContent).toBe('Enter a room code or a meeting link.');
  });
});

describe('room page', () => {
  it('shows the room code grouped, at the canonical address, keeping the invitation', async () => {
    window.history.replaceState(null, '', '/r/482-915-306/?t=inv-1');
    installFakeApi(anonymous);
    renderWithProviders(<App />);
    expect((await screen.findByTestId('room-id')).textContent).toBe('482 915 306');
    await waitFor(() => expect(window.location.pathname).toBe('/r/482915306'));
    expect(window.location.search).toBe('?t=inv-1');
  });

  it('says so when the room ID is invalid', async () => {
    window.history.replaceState(null, '', '/r/x');
    installFakeApi(anonymous);
    renderWithProviders(<App />);
    expect((await screen.findByTestId('room-invalid')).textContent).toBe('Mã phòng trong đường dẫn không hợp lệ.');
  });
});

describe('header', () => {
  it('switches the language, sets <html lang> and remembers the choice', async () => {
    installFakeApi(anonymous);
    // Without an explicit language, as in the real app: default Vietnamese.
    const { unmount } = render(
      <I18nProvider>
        <SessionProvider>
          <App />
        </SessionProvider>
      </I18nProvider>,
    );
    expect((await screen.findByTestId('nav-login')).textContent).toBe('Đăng nhập');
    expect(document.documentElement.lang).toBe('vi');

    fireEvent.change(screen.getByTestId('lang-switch'), { target: { value: 'en' } });
    expect(screen.getByTestId('nav-login').textContent).toBe('Sign in');
    expect(document.documentElement.lang).toBe('en');
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
    unmount();

    render(
      <I18nProvider>
        <SessionProvider>
          <App />
        </SessionProvider>
      </I18nProvider>,
    );
    expect((await screen.findByTestId('nav-login')).textContent).toBe('Sign in');
  });

  it('links to the login page with the current page as `next`', async () => {
    window.history.replaceState(null, '', '/r/482915306');
    installFakeApi(anonymous);
    renderWithProviders(<App />);
    expect((await screen.findByTestId('nav-login')).getAttribute('href')).toBe('/login?next=%2Fr%2F482915306');
  });

  it('shows the signed-in user, the console link for admins, and signs out with the CSRF token', async () => {
    const { calls } = installFakeApi({
      'GET /api/v1/auth/session': reply(
        200,
        sessionBody({ role: 'meeting_admin' }, { csrfToken: 'tok-h', adminUrl: 'https://localhost:8444/admin' }),
      ),
      'POST /api/v1/auth/logout': reply(204),
    });
    renderWithProviders(<App />);
    expect((await screen.findByTestId('nav-user')).textContent).toBe('Nguyễn Văn A');
    expect(screen.getByTestId('nav-console').getAttribute('href')).toBe('https://localhost:8444/admin');
    expect(screen.queryByTestId('nav-login')).toBeNull();

    fireEvent.click(screen.getByTestId('nav-logout'));
    await screen.findByTestId('nav-login');
    const post = calls.find((c) => c.path === '/api/v1/auth/logout');
    expect(post?.headers.get(CSRF_HEADER)).toBe('tok-h');
    expect(screen.queryByTestId('nav-user')).toBeNull();
  });

  it('has no console link for a plain user', async () => {
    installFakeApi({ 'GET /api/v1/auth/session': reply(200, sessionBody({ role: 'user' })) });
    renderWithProviders(<App />);
    await screen.findByTestId('nav-user');
    expect(screen.queryByTestId('nav-console')).toBeNull();
  });

  it('shows a controlled error when the server cannot be reached', async () => {
    installFakeApi({ 'GET /api/v1/auth/session': { status: 503, raw: 'Service Unavailable' } });
    renderWithProviders(<App />);
    expect((await screen.findByTestId('session-error')).textContent).toBe(
      'Máy chủ phản hồi không như mong đợi. Vui lòng thử lại sau.',
    );
  });
});

describe('where an ended session is shown', () => {
  it('sends pages to the sign-in form with themselves as `next`, except the console and a meeting', () => {
    expect(sessionEndedRedirect('/', '')).toBe('/login');
    expect(sessionEndedRedirect('/change-password', '?next=%2F')).toBe('/login?next=%2Fchange-password%3Fnext%3D%252F');
    expect(sessionEndedRedirect('/login', '')).toBeNull();
    expect(sessionEndedRedirect('/admin', '')).toBeNull();
    expect(sessionEndedRedirect('/admin/security', '')).toBeNull();
    expect(sessionEndedRedirect('/r/482915306', '')).toBeNull();
  });
});
