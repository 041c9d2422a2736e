// The security policy against the real server: the console's API for it (S1.3, S1.4, S1.6, S2.2),
// account lockout with its warnings (S1.4) and the audit entries they leave (S3.1).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { signInRequest } from '../support/proof-of-work.mjs';
import { adminWithChangedPassword, login, newAdminPassword, runCli, startServer } from '../support/server.mjs';

const policyPath = '/api/v1/admin/security-policy';

function client(server, state) {
  const headers = { cookie: state.cookie, 'x-csrf-token': state.csrfToken };
  return {
    get: (url) => server.request(url, { headers: { cookie: state.cookie } }),
    put: (url, body, extra = {}) => server.request(url, { method: 'PUT', headers: { ...headers, ...extra }, body }),
  };
}

const attempt = (server, username, password) => signInRequest(server, { username, password });

async function auditEntries(server, admin, category) {
  const res = await client(server, admin).get(`${server.adminUrl}/api/v1/admin/audit?category=${category}&limit=100`);
  assert.equal(res.status, 200, res.body);
  return res.json.events;
}

describe('security policy API (S1.3, S1.4, S2.2)', () => {
  let server;
  let admin;
  before(async () => {
    server = await startServer();
    await adminWithChangedPassword(server);
    admin = await login(server, 'admin', newAdminPassword, server.adminUrl);
  });
  after(async () => { await server?.stop(); });

  test('S1_3_S1_4_the_defaults_are_readable_and_only_on_the_admin_port', async () => {
    const res = await client(server, admin).get(`${server.adminUrl}${policyPath}`);
    assert.equal(res.status, 200, res.body);
    assert.equal(res.json.updatedAt, null, 'nothing saved yet');
    assert.deepEqual(res.json.policy.lockout, { maxFailures: 5, windowMinutes: 15, action: 'lock_for', lockMinutes: 15 });
    assert.equal(res.json.policy.password.minLength, 12);
    assert.equal(res.json.policy.session.idleMinutes, 30);
    const onPublic = await client(server, admin).get(`${server.publicUrl}${policyPath}`);
    assert.equal(onPublic.status, 404, 'the public listener has no admin routes');
  });

  test('S4_1_an_invalid_policy_is_refused_with_the_field_and_changes_nothing', async () => {
    const { json: { policy } } = await client(server, admin).get(`${server.adminUrl}${policyPath}`);
    const cases = [
      [{ ...policy, password: { ...policy.password, minLength: 4 } }, /^password\.minLength must be an integer from 8 to 64$/],
      [{ ...policy, lockout: { ...policy.lockout, action: 'ban' } }, /^lockout\.action must be/],
      [{ ...policy, extra: 1 }, /^the policy has a field that is not a policy field$/],
      [{ password: policy.password }, /^lockout is missing$/],
    ];
    for (const [body, message] of cases) {
      const res = await client(server, admin).put(`${server.adminUrl}${policyPath}`, body);
      assert.equal(res.status, 400, res.body);
      assert.equal(res.json.error.code, 'invalid_policy');
      assert.match(res.json.error.message, message);
    }
    const noCsrf = await server.request(`${server.adminUrl}${policyPath}`, {
      method: 'PUT', headers: { cookie: admin.cookie }, body: policy,
    });
    assert.equal(noCsrf.status, 403);
    assert.equal(noCsrf.json.error.code, 'csrf_failed');
    const unchanged = await client(server, admin).get(`${server.adminUrl}${policyPath}`);
    assert.deepEqual(unchanged.json.policy, policy);
  });

  test('S1_3_2_a_saved_policy_applies_at_once_and_its_change_is_audited_S3_1', async () => {
    const { json: { policy } } = await client(server, admin).get(`${server.adminUrl}${policyPath}`);
    const stricter = { ...policy, password: { ...policy.password, minLength: 16 } };
    const saved = await client(server, admin).put(`${server.adminUrl}${policyPath}`, stricter);
    assert.equal(saved.status, 200, saved.body);
    assert.equal(saved.json.policy.password.minLength, 16);
    assert.ok(saved.json.updatedAt > 0);

    // The session tells the password form the rules in force; the server enforces them.
    const session = await client(server, admin).get(`${server.publicUrl}/api/v1/auth/session`);
    assert.equal(session.json.passwordRules.minLength, 16);
    const state = await login(server, 'admin', newAdminPassword);
    const short = await server.request(`${server.publicUrl}/api/v1/auth/password`, {
      method: 'POST', headers: { cookie: state.cookie, 'x-csrf-token': state.csrfToken },
      body: { currentPassword: newAdminPassword, newPassword: 'Fifteen-chars-1' },
    });
    assert.equal(short.status, 400);
    assert.equal(short.json.error.code, 'weak_password');
    assert.match(short.json.error.message, /at least 16 characters/);

    const entries = await auditEntries(server, admin, 'configuration');
    const change = entries.find((e) => e.action === 'settings.security_policy' && e.outcome === 'success');
    assert.ok(change, JSON.stringify(entries));
    assert.equal(change.detail, 'password.minLength 12→16');
    assert.equal(change.actor, admin.session.user.id);
    assert.ok(entries.some((e) => e.outcome === 'failure' && /minLength/.test(e.detail)), 'refused changes are audited too');

    const restored = await client(server, admin).put(`${server.adminUrl}${policyPath}`, policy);
    assert.equal(restored.status, 200);
  });
});

describe('failed sign-ins per account (S1.4, S1.6)', () => {
  test('S1_4_failures_count_down_then_lock_until_an_administrator_resets_the_password', async () => {
    const server = await startServer();
    try {
      await adminWithChangedPassword(server);
      const admin = await login(server, 'admin', newAdminPassword, server.adminUrl);
      const { json: { policy } } = await client(server, admin).get(`${server.adminUrl}${policyPath}`);
      const saved = await client(server, admin).put(`${server.adminUrl}${policyPath}`,
        { ...policy, lockout: { maxFailures: 3, windowMinutes: 10, action: 'until_unlocked', lockMinutes: 15 } });
      assert.equal(saved.status, 200, saved.body);

      // The warning: how many tries remain before the lock.
      const first = await attempt(server, 'admin', 'wrong-1');
      assert.equal(first.status, 401);
      assert.equal(first.json.error.attemptsLeft, 2);
      assert.equal((await attempt(server, 'admin', 'wrong-2')).json.error.attemptsLeft, 1);
      const locked = await attempt(server, 'admin', 'wrong-3');
      assert.equal(locked.status, 423);
      assert.equal(locked.json.error.code, 'account_locked');
      assert.equal(locked.json.error.lockedUntilMs, undefined, 'no end: an administrator unlocks it');

      const rightPassword = await attempt(server, 'admin', newAdminPassword);
      assert.equal(rightPassword.status, 423, 'the right password does not open the lock');
      assert.equal(rightPassword.headers['set-cookie'], undefined);
      const oldSession = await client(server, admin).get(`${server.adminUrl}/api/v1/auth/session`);
      assert.equal(oldSession.status, 401, 'the locked account is signed out everywhere');

      // An unknown name is answered the same way, so the lock does not reveal accounts.
      assert.equal((await attempt(server, 'ghost', 'x')).json.error.attemptsLeft, 2);

      const reset = await runCli(['admin', 'reset-password', 'admin', '--data-dir', server.dataDir]);
      assert.equal(reset.code, 0, reset.stderr);
      const otp = /: (\S{20})\n/.exec(reset.stdout)[1];
      const unlocked = await attempt(server, 'admin', otp);
      assert.equal(unlocked.status, 200, unlocked.body);
      assert.equal(unlocked.json.user.mustChangePassword, true);
      assert.equal(unlocked.json.user.passwordStatus, 'change_required');

      const fresh = await login(server, 'admin', otp, server.adminUrl);
      const reused = await server.request(`${server.adminUrl}/api/v1/auth/password`, {
        method: 'POST', headers: { cookie: fresh.cookie, 'x-csrf-token': fresh.csrfToken },
        body: { currentPassword: otp, newPassword: newAdminPassword },
      });
      assert.equal(reused.status, 400, 'a password from the history (S1.3.2)');
      assert.equal(reused.json.error.code, 'password_reused');
      const changed = await server.request(`${server.adminUrl}/api/v1/auth/password`, {
        method: 'POST', headers: { cookie: fresh.cookie, 'x-csrf-token': fresh.csrfToken },
        body: { currentPassword: otp, newPassword: 'Another-Password-2027!' },
      });
      assert.equal(changed.status, 200, changed.body);
      const accounts = await auditEntries(server, fresh, 'account');
      assert.ok(accounts.some((e) => e.action === 'account.lock' && e.target === 'user:admin'), JSON.stringify(accounts));
      const logins = await auditEntries(server, fresh, 'admin_login');
      assert.ok(logins.filter((e) => e.outcome === 'denied').length >= 4);
    } finally {
      await server.stop();
    }
  });

  test('S1_4_a_timed_lock_says_when_it_ends', async () => {
    const server = await startServer();
    try {
      await adminWithChangedPassword(server);
      const before = Date.now();
      let last;
      for (let i = 0; i < 5; ++i) last = await attempt(server, 'admin', `wrong-${i}`);
      assert.equal(last.status, 423);
      const until = last.json.error.lockedUntilMs;
      assert.ok(until >= before + 15 * 60_000 && until <= Date.now() + 15 * 60_000, String(until));
    } finally {
      await server.stop();
    }
  });
});
