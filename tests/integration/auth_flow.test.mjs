// Sign-in, the forced first password change, sessions, CSRF, and the administration API.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { waitFor } from '../support/meeting.mjs';
import { login, newAdminPassword, startServer } from '../support/server.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

const post = (url, state, body, extra = {}) => server.request(url, {
  method: 'POST',
  headers: { cookie: state.cookie, 'x-csrf-token': state.csrfToken, ...extra },
  body,
});

describe('first administrator (S1.3.1)', () => {
  test('the server printed a one-time password that meets the password policy', () => {
    assert.match(server.oneTimePassword, /^\S{20}$/);
    assert.match(server.oneTimePassword, /[a-z]/);
    assert.match(server.oneTimePassword, /[A-Z]/);
    assert.match(server.oneTimePassword, /[0-9]/);
  });

  test('S1_1_wrong_password_is_refused_without_telling_which_part_was_wrong', async () => {
    const wrong = await server.request(`${server.publicUrl}/api/v1/auth/login`, {
      method: 'POST', body: { username: 'admin', password: 'not-the-password' },
    });
    const unknown = await server.request(`${server.publicUrl}/api/v1/auth/login`, {
      method: 'POST', body: { username: 'nobody', password: 'not-the-password' },
    });
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    assert.equal(wrong.json.error.code, 'invalid_credentials');
    assert.equal(wrong.json.error.message, unknown.json.error.message);
    assert.equal(wrong.headers['set-cookie'], undefined);
  });

  test('S1_3_1_first_login_must_change_password_before_anything_else', async () => {
    const state = await login(server, 'admin', server.oneTimePassword);
    assert.equal(state.session.user.mustChangePassword, true);
    assert.equal(state.session.user.role, 'system_admin');

    // Cookie hardening: __Host- prefix, HttpOnly, Secure, SameSite=Strict.
    assert.match(state.setCookie, /^__Host-dh_session=[A-Za-z0-9_-]{43};/);
    for (const attr of ['HttpOnly', 'Secure', 'SameSite=Strict', 'Path=/']) assert.ok(state.setCookie.includes(attr), attr);

    const blocked = await server.request(`${server.adminUrl}/api/v1/admin/overview`, { headers: { cookie: state.cookie } });
    assert.equal(blocked.status, 403);
    assert.equal(blocked.json.error.code, 'password_change_required');

    const noCsrf = await server.request(`${server.publicUrl}/api/v1/auth/password`, {
      method: 'POST', headers: { cookie: state.cookie },
      body: { currentPassword: server.oneTimePassword, newPassword: newAdminPassword },
    });
    assert.equal(noCsrf.status, 403);
    assert.equal(noCsrf.json.error.code, 'csrf_failed');

    const weak = await post(`${server.publicUrl}/api/v1/auth/password`, state,
      { currentPassword: server.oneTimePassword, newPassword: 'short' });
    assert.equal(weak.status, 400);
    assert.equal(weak.json.error.code, 'weak_password');

    const reused = await post(`${server.publicUrl}/api/v1/auth/password`, state,
      { currentPassword: server.oneTimePassword, newPassword: server.oneTimePassword });
    assert.equal(reused.json.error.code, 'password_reused');

    const changed = await post(`${server.publicUrl}/api/v1/auth/password`, state,
      { currentPassword: server.oneTimePassword, newPassword: newAdminPassword });
    assert.equal(changed.status, 200);
    assert.equal(changed.json.user.mustChangePassword, false);

    const overview = await server.request(`${server.adminUrl}/api/v1/admin/overview`, { headers: { cookie: state.cookie } });
    assert.equal(overview.status, 200);
    assert.equal(overview.json.users, 1);
    assert.equal(overview.json.database, 'sqlite');
    assert.ok(overview.json.schemaVersion >= 1);

    const old = await server.request(`${server.publicUrl}/api/v1/auth/login`, {
      method: 'POST', body: { username: 'admin', password: server.oneTimePassword },
    });
    assert.equal(old.status, 401, 'the one-time password no longer works');
  });

  test('session reports the console URL to administrators', async () => {
    const state = await login(server, 'ADMIN', newAdminPassword);  // usernames are case-insensitive
    const res = await server.request(`${server.publicUrl}/api/v1/auth/session`, { headers: { cookie: state.cookie } });
    assert.equal(res.status, 200);
    assert.equal(res.json.user.username, 'admin');
    assert.equal(res.json.adminUrl, `https://127.0.0.1:${server.adminPort}/admin`);
    assert.equal(res.json.csrfToken, state.csrfToken);
  });

  test('S4_2_csrf_cross_origin_request_is_refused_even_with_the_token', async () => {
    const state = await login(server, 'admin', newAdminPassword);
    const res = await post(`${server.publicUrl}/api/v1/auth/logout`, state, undefined, { origin: 'https://evil.example' });
    assert.equal(res.status, 403);
    assert.equal(res.json.error.code, 'csrf_failed');
  });

  test('logout ends the session on the server, not only in the browser', async () => {
    const state = await login(server, 'admin', newAdminPassword);
    const out = await post(`${server.publicUrl}/api/v1/auth/logout`, state);
    assert.equal(out.status, 204);
    assert.match(out.headers['set-cookie'][0], /Max-Age=0/);
    const after = await server.request(`${server.publicUrl}/api/v1/auth/session`, { headers: { cookie: state.cookie } });
    assert.equal(after.status, 401);
    assert.equal(after.json.error.code, 'unauthenticated');
  });

  test('a forged session cookie is refused', async () => {
    const res = await server.request(`${server.publicUrl}/api/v1/auth/session`, {
      headers: { cookie: '__Host-dh_session=' + 'A'.repeat(43) },
    });
    assert.equal(res.status, 401);
  });
});

describe('automated sign-in attempts (S1.6)', () => {
  test('S1_6_an_address_with_ten_failed_sign_ins_in_a_minute_gets_429_even_with_the_right_password', async () => {
    // Its own server: the address stays refused for a minute, which would disturb the tests above.
    const own = await startServer();
    try {
      const attempt = (username, password) => own.request(`${own.publicUrl}/api/v1/auth/login`, {
        method: 'POST', body: { username, password },
      });
      // Ten names, one guess each: no account reaches its own limit (S1.4), the address does.
      for (let i = 0; i < 10; ++i) assert.equal((await attempt(`user-${i}`, `guess-${i}`)).status, 401);
      const refused = await attempt('admin', own.oneTimePassword);
      assert.equal(refused.status, 429);
      assert.equal(refused.json.error.code, 'too_many_attempts');
      assert.equal(refused.headers['retry-after'], '60');
      assert.equal(refused.headers['set-cookie'], undefined);
      await waitFor(async () => ({ ok: /action=auth\.login target=user:admin outcome=denied detail="address throttled"/.test(own.stderr) }),
        { timeoutMs: 5000, what: 'the throttled sign-in audited' });
    } finally {
      await own.stop();
    }
  });
});
