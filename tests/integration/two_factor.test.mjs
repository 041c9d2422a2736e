// Two-factor sign-in with TOTP against the real server: enrolment, the second step, replay, the
// group policy that requires it, the administrator's reset, and the sealed seed (S1.1, S2.4, S4.4).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { adminWithChangedPassword, changeSecurityPolicy, login, newAdminPassword, startServer } from '../support/server.mjs';

let server;

// RFC 6238 with HMAC-SHA-1, 6 digits, 30 s: what an authenticator app shows at `ms`.
function totp(base32, ms = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of base32.replace(/=+$/, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(ms / 30_000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[19] & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

const post = (url, state, body) => server.request(url, {
  method: 'POST', headers: state ? { cookie: state.cookie, 'x-csrf-token': state.csrfToken } : {}, body,
});

async function enrol(state) {
  const begun = await post(`${server.publicUrl}/api/v1/auth/totp/enrolment`, state);
  assert.equal(begun.status, 200, begun.body);
  assert.equal(begun.headers['cache-control'], 'no-store');
  assert.match(begun.json.uri, /^otpauth:\/\/totp\/Di%C3%AAn%20H%E1%BB%93ng:/);
  const confirmed = await post(`${server.publicUrl}/api/v1/auth/totp/enrolment/confirm`, state, { code: totp(begun.json.secret) });
  assert.equal(confirmed.status, 200, confirmed.body);
  assert.equal(confirmed.json.user.twoFactor, 'on');
  return begun.json.secret;
}

before(async () => {
  server = await startServer();
  await adminWithChangedPassword(server);
});
after(async () => { await server?.stop(); });

describe('two-factor sign-in (TOTP)', () => {
  let secret;
  let admin;  // signed in with password and code

  test('S1_1_after_enrolment_sign_in_needs_the_password_then_a_code', async () => {
    secret = await enrol(await login(server, 'admin', newAdminPassword));
    const db = execFileSync('sqlite3', [path.join(server.dataDir, 'dienhong.db'), "SELECT totp_secret FROM users WHERE username = 'admin'"]).toString();
    assert.match(db, /^v1\./, 'S4.4: the seed is sealed');
    assert.ok(!db.includes(secret));
    const key = await readFile(path.join(server.dataDir, 'secrets', 'master.key'));
    assert.equal(key.length, 32, 'the master key lives outside the database');

    const first = await post(`${server.publicUrl}/api/v1/auth/login`, null, { username: 'admin', password: newAdminPassword });
    assert.equal(first.status, 200, first.body);
    assert.equal(first.json.secondFactor, 'totp');
    assert.equal(first.headers['set-cookie'], undefined, 'no session before the code');
    const wrong = await post(`${server.publicUrl}/api/v1/auth/login/totp`, null, { challenge: first.json.challenge, code: '000000' });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.json.error.code, 'invalid_code');
    assert.equal(typeof wrong.json.error.attemptsLeft, 'number');
    // The enrolment used this step's code; the app's next code is accepted (one step of drift).
    const code = totp(secret, Date.now() + 30_000);
    const ok = await post(`${server.publicUrl}/api/v1/auth/login/totp`, null, { challenge: first.json.challenge, code });
    assert.equal(ok.status, 200, ok.body);
    assert.match(ok.headers['set-cookie'][0], /^__Host-dh_session=/);
    assert.equal(ok.json.user.twoFactor, 'on');
    admin = { cookie: ok.headers['set-cookie'][0].split(';')[0], csrfToken: ok.json.csrfToken };

    const again = await post(`${server.publicUrl}/api/v1/auth/login`, null, { username: 'admin', password: newAdminPassword });
    const replay = await post(`${server.publicUrl}/api/v1/auth/login/totp`, null, { challenge: again.json.challenge, code });
    assert.equal(replay.status, 401, 'a code is accepted once');
    const stale = await post(`${server.publicUrl}/api/v1/auth/login/totp`, null, { challenge: 'A'.repeat(43), code });
    assert.equal(stale.json.error.code, 'challenge_expired');
  });

  test('S2_4_a_group_that_requires_it_must_enrol_before_anything_else_and_cannot_remove_it', async () => {
    await changeSecurityPolicy(server, admin, (policy) => ({ ...policy, twoFactor: { ...policy.twoFactor, requiredForUsers: true } }));

    const created = await post(`${server.adminUrl}/api/v1/admin/users`, admin, { username: 'nhan.vien', displayName: 'Nhân viên', role: 'user' });
    assert.equal(created.status, 201, created.body);
    const user = await login(server, 'nhan.vien', created.json.oneTimePassword);
    const changed = await post(`${server.publicUrl}/api/v1/auth/password`, user, { currentPassword: created.json.oneTimePassword, newPassword: 'Nhân-viên-Mới-2026!' });
    assert.equal(changed.status, 200, changed.body);
    assert.equal(changed.json.user.twoFactor, 'setup_required');
    const rooms = await server.request(`${server.publicUrl}/api/v1/rooms`, { headers: { cookie: user.cookie } });
    assert.equal(rooms.status, 403);
    assert.equal(rooms.json.error.code, 'two_factor_setup_required');
    const userSecret = await enrol(user);
    assert.equal((await server.request(`${server.publicUrl}/api/v1/rooms`, { headers: { cookie: user.cookie } })).status, 200);
    const removal = await post(`${server.publicUrl}/api/v1/auth/totp/disable`, user, { password: 'Nhân-viên-Mới-2026!' });
    assert.equal(removal.status, 403);
    assert.equal(removal.json.error.code, 'two_factor_required');
    assert.ok(userSecret);

    // A lost phone: the administrator resets it; the next sign-in enrols again.
    const reset = await post(`${server.adminUrl}/api/v1/admin/users/${created.json.user.id}/reset-two-factor`, admin);
    assert.equal(reset.status, 200, reset.body);
    assert.equal(reset.json.user.twoFactor, false);
    assert.equal((await server.request(`${server.publicUrl}/api/v1/auth/session`, { headers: { cookie: user.cookie } })).status, 401);
    const back = await login(server, 'nhan.vien', 'Nhân-viên-Mới-2026!');
    assert.equal(back.session.user.twoFactor, 'setup_required');

    const audit = await server.request(`${server.adminUrl}/api/v1/admin/audit?q=two_factor&limit=50`, { headers: { cookie: admin.cookie } });
    const actions = audit.json.events.map((e) => e.action);
    for (const action of ['account.two_factor_enrol', 'account.two_factor_enable', 'account.two_factor_reset']) {
      assert.ok(actions.includes(action), `${action} audited`);
    }
  });
});
