// Sign-in, the forced first password change, sessions, CSRF, and the administration API.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import { waitFor } from '../support/meeting.mjs';
import { leadingZeroBits, signInRequest, solveProofOfWork } from '../support/proof-of-work.mjs';
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
  test('S1_6_after_three_failures_each_sign_in_brings_a_solved_puzzle_good_once', async () => {
    const own = await startServer();
    try {
      const loginUrl = `${own.publicUrl}/api/v1/auth/login`;
      const post = (body) => own.request(loginUrl, { method: 'POST', body });
      for (let i = 0; i < 3; ++i) assert.equal((await post({ username: 'admin', password: `sai-${i}` })).status, 401);
      const asked = await post({ username: 'admin', password: own.oneTimePassword });
      assert.equal(asked.status, 428, asked.body);
      assert.equal(asked.json.error.code, 'proof_required');
      assert.equal(asked.headers['set-cookie'], undefined);

      const puzzle = await own.request(`${own.publicUrl}/api/v1/auth/login/proof`);
      assert.equal(puzzle.status, 200, puzzle.body);
      assert.equal(puzzle.headers['cache-control'], 'no-store');
      assert.equal(puzzle.json.bits, 18, 'the default difficulty');
      assert.ok(puzzle.json.expiresAtMs > Date.now());
      const { challenge } = puzzle.json;
      const solution = solveProofOfWork(challenge, puzzle.json.bits);
      let wrongNumber = Number(solution) + 1;
      while (leadingZeroBits(createHash('sha256').update(`${challenge}:${wrongNumber}`).digest()) >= 18) wrongNumber++;
      const wrong = String(wrongNumber);

      const password = own.oneTimePassword;
      for (const proof of [{ challenge, solution: wrong }, { challenge: `${challenge}0`, solution },
        { challenge, solution: `0${solution}` }, { challenge: 'v1.1.18.00.00', solution: '1' }]) {
        const refused = await post({ username: 'admin', password, proof });
        assert.equal(refused.status, 428, JSON.stringify(proof));
      }
      const malformed = await post({ username: 'admin', password, proof: { challenge } });
      assert.equal(malformed.status, 400);
      const accepted = await post({ username: 'admin', password, proof: { challenge, solution } });
      assert.equal(accepted.status, 200, accepted.body);
      const replayed = await post({ username: 'admin', password, proof: { challenge, solution } });
      assert.equal(replayed.status, 428, 'a puzzle is good for one sign-in');
      await waitFor(async () => ({ ok: /action=auth\.login target=user:admin outcome=denied detail="proof of work refused: spent"/.test(own.stderr) }),
        { timeoutMs: 5000, what: 'the replayed proof audited' });
    } finally {
      await own.stop();
    }
  });

  test('S1_6_an_address_with_ten_failed_sign_ins_in_a_minute_gets_429_even_with_the_right_password', async () => {
    // Its own server: the address stays refused for a minute, which would disturb the tests above.
    const own = await startServer();
    try {
      // Ten names, one guess each: no account reaches its own limit (S1.4), the address does. From
      // the fourth, each guess comes with a solved puzzle: it slows the guesser, not the limit.
      const proofs = [];
      for (let i = 0; i < 10; ++i) {
        const guess = await signInRequest(own, { username: `user-${i}`, password: `guess-${i}` });
        assert.equal(guess.status, 401, guess.body);
        proofs.push(guess.proofs);
      }
      assert.deepEqual(proofs, [0, 0, 0, 1, 1, 1, 1, 1, 1, 1]);
      const refused = await signInRequest(own, { username: 'admin', password: own.oneTimePassword });
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
