// Account and unit management against the real server (S1.1), with least privilege enforced on
// every administration route (S2.4) and each administrator's own permissions (S2.5).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { waitFor } from '../support/meeting.mjs';
import { signInRequest } from '../support/proof-of-work.mjs';
import { adminWithChangedPassword, login, newAdminPassword, startServer } from '../support/server.mjs';

let server;
let root;

function as(state) {
  const send = (method, path, body) => server.request(`${server.adminUrl}${path}`, {
    method, headers: { cookie: state.cookie, 'x-csrf-token': state.csrfToken }, body,
  });
  return {
    get: (path) => send('GET', path),
    post: (path, body) => send('POST', path, body),
    patch: (path, body) => send('PATCH', path, body),
    put: (path, body) => send('PUT', path, body),
    delete: (path) => send('DELETE', path),
  };
}

// Creates an account as `actor`, signs it in with its one-time password and changes it.
async function newAccount(actor, fields, password = 'Tài-khoản-Mới-2026!') {
  const created = await as(actor).post('/api/v1/admin/users', fields);
  assert.equal(created.status, 201, created.body);
  assert.match(created.json.oneTimePassword, /^\S{20}$/);
  const first = await login(server, fields.username.toLowerCase(), created.json.oneTimePassword, server.adminUrl);
  assert.equal(first.session.user.mustChangePassword, true, 'S1.3.1: a new account changes its password first');
  const changed = await as(first).post('/api/v1/auth/password', { currentPassword: created.json.oneTimePassword, newPassword: password });
  assert.equal(changed.status, 200, changed.body);
  return { user: created.json.user, state: await login(server, fields.username.toLowerCase(), password, server.adminUrl) };
}

let ministry;
let deptA;
let deptB;
let usage;
let plain;

before(async () => {
  server = await startServer();
  await adminWithChangedPassword(server);
  root = await login(server, 'admin', newAdminPassword, server.adminUrl);
  const unit = async (name, parentId) => {
    const res = await as(root).post('/api/v1/admin/units', { name, parentId });
    assert.equal(res.status, 201, res.body);
    return res.json.unit.id;
  };
  ministry = await unit('Bộ Khoa học và Công nghệ', null);
  deptA = await unit('Vụ Pháp chế', ministry);
  deptB = await unit('Cục An toàn bức xạ', ministry);
  usage = await newAccount(root, { username: 'quantri.vua', displayName: 'Quản trị Vụ A', role: 'meeting_admin', unitId: deptA });
  plain = await newAccount(root, { username: 'nguoidung.b', displayName: 'Đặng Thị Ánh', email: 'anh@most.gov.vn', role: 'user', unitId: deptB });
});
after(async () => { await server?.stop(); });

describe('accounts (S1.1)', () => {
  test('S1_1_the_console_lists_searches_and_filters_accounts', async () => {
    const all = await as(root).get('/api/v1/admin/users');
    assert.equal(all.status, 200, all.body);
    assert.equal(all.json.total, 3);
    assert.deepEqual(all.json.users.map((u) => u.username), ['admin', 'nguoidung.b', 'quantri.vua']);
    const found = await as(root).get(`/api/v1/admin/users?q=${encodeURIComponent('dang thi anh')}`);
    assert.deepEqual(found.json.users.map((u) => u.username), ['nguoidung.b'], 'accent-free search');
    const admins = await as(root).get('/api/v1/admin/users?role=meeting_admin');
    assert.deepEqual(admins.json.users.map((u) => u.username), ['quantri.vua']);
    const inMinistry = await as(root).get(`/api/v1/admin/users?unit=${ministry}`);
    assert.equal(inMinistry.json.total, 2, 'a unit includes the units under it');
    const user = inMinistry.json.users.find((u) => u.username === 'nguoidung.b');
    assert.deepEqual({ ...user, id: undefined, createdAt: undefined, passwordChangedAt: undefined }, {
      id: undefined, username: 'nguoidung.b', displayName: 'Đặng Thị Ánh', email: 'anh@most.gov.vn', role: 'user',
      unitId: deptB, permissions: [], ownPermissions: null, disabled: false, locked: false, lockedUntil: null,
      mustChangePassword: false, twoFactor: false, createdAt: undefined, passwordChangedAt: undefined,
    });
    for (const bad of ['?limit=0', '?limit=201', '?status=asleep', '?role=god', '?q=%zz']) {
      const res = await as(root).get(`/api/v1/admin/users${bad}`);
      assert.equal(res.status, 400, bad);
      assert.equal(res.json.error.code, 'invalid_request');
    }
  });

  test('S4_1_account_bodies_are_checked_against_their_schema', async () => {
    const cases = [
      [{ username: 'x', displayName: 'X', role: 'user' }, /username must be/],
      [{ username: 'abc.def', displayName: 'X', role: 'owner' }, /role must be/],
      [{ username: 'abc.def', displayName: 'X', role: 'user', isAdmin: true }, /unknown member/],
      [{ username: 'abc.def', displayName: 'X', role: 'user', permissions: ['everything'] }, /permissions must be/],
      [{ username: 'abc.def', displayName: '\u0007', role: 'user' }, /displayName/],
      [{ displayName: 'X', role: 'user' }, /username is required/],
    ];
    for (const [body, message] of cases) {
      const res = await as(root).post('/api/v1/admin/users', body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.json.error.code, 'invalid_request');
      assert.equal(res.json.error.message, 'The request is invalid.', 'the client gets the fixed text (S4.3)');
      // The operator gets the reason, in the log (read from the server's stderr as it arrives).
      const logged = new RegExp(`msg=request_refused request_id=${res.json.error.requestId} .*detail="[^"]*`);
      await waitFor(async () => ({ ok: logged.test(server.stderr) }), { timeoutMs: 5000, what: 'the refusal logged' });
      assert.match(logged.exec(server.stderr)[0], message);
    }
    const taken = await as(root).post('/api/v1/admin/users', { username: 'Quantri.VuA', displayName: 'X', role: 'user', unitId: deptA });
    assert.equal(taken.status, 409);
    assert.equal(taken.json.error.code, 'username_taken');
  });

  test('S1_1_disable_ends_the_sessions_and_enable_restores_sign_in', async () => {
    const worker = await newAccount(root, { username: 'tam.thoi', displayName: 'Tạm thời', role: 'user', unitId: deptB });
    const disabled = await as(root).patch(`/api/v1/admin/users/${worker.user.id}`, { disabled: true });
    assert.equal(disabled.status, 200, disabled.body);
    assert.equal(disabled.json.user.disabled, true);
    const session = await as(worker.state).get('/api/v1/auth/session');
    assert.equal(session.status, 401, 'a disabled account is signed out');
    const enabled = await as(root).patch(`/api/v1/admin/users/${worker.user.id}`, { disabled: false, displayName: 'Đã bật lại' });
    assert.equal(enabled.json.user.displayName, 'Đã bật lại');
    const reset = await as(root).post(`/api/v1/admin/users/${worker.user.id}/reset-password`);
    assert.equal(reset.status, 200);
    const relogin = await login(server, 'tam.thoi', reset.json.oneTimePassword, server.adminUrl);
    assert.equal(relogin.session.user.passwordStatus, 'change_required');
    const removed = await as(root).delete(`/api/v1/admin/users/${worker.user.id}`);
    assert.equal(removed.status, 204);
    assert.equal((await as(root).get(`/api/v1/admin/users/${worker.user.id}`)).status, 404);

    const audit = await as(root).get('/api/v1/admin/audit?category=account&limit=100');
    const actions = audit.json.events.filter((e) => e.target === 'user:tam.thoi').map((e) => e.action);
    for (const action of ['account.create', 'account.update', 'account.password_reset', 'account.delete']) {
      assert.ok(actions.includes(action), `${action} audited: ${actions}`);
    }
  });

  test('S1_4_an_administrator_unlocks_a_locked_account', async () => {
    const locked = await newAccount(root, { username: 'hay.quen', displayName: 'Hay quên', role: 'user', unitId: deptA });
    for (let i = 0; i < 5; ++i) {
      await signInRequest(server, { username: 'hay.quen', password: `sai-${i}` });
    }
    const seen = await as(usage.state).get(`/api/v1/admin/users?status=locked`);
    assert.deepEqual(seen.json.users.map((u) => u.username), ['hay.quen']);
    assert.ok(seen.json.users[0].lockedUntil > Date.now());
    const unlocked = await as(usage.state).post(`/api/v1/admin/users/${locked.user.id}/unlock`);
    assert.equal(unlocked.status, 200, unlocked.body);
    assert.equal(unlocked.json.user.locked, false);
    await login(server, 'hay.quen', 'Tài-khoản-Mới-2026!');
  });
});

describe('least privilege (S2.4, S2.5)', () => {
  const adminRoutes = [
    ['GET', '/api/v1/admin/overview'], ['GET', '/api/v1/admin/media'], ['GET', '/api/v1/admin/audit'],
    ['GET', '/api/v1/admin/security-policy'], ['PUT', '/api/v1/admin/security-policy'],
    ['GET', '/api/v1/admin/users'], ['POST', '/api/v1/admin/users'], ['GET', '/api/v1/admin/users/x'],
    ['PATCH', '/api/v1/admin/users/x'], ['DELETE', '/api/v1/admin/users/x'],
    ['POST', '/api/v1/admin/users/x/reset-password'], ['POST', '/api/v1/admin/users/x/unlock'],
    ['POST', '/api/v1/admin/users/x/reset-two-factor'],
    ['GET', '/api/v1/admin/units'], ['POST', '/api/v1/admin/units'], ['PATCH', '/api/v1/admin/units/x'],
    ['DELETE', '/api/v1/admin/units/x'],
  ];

  test('S2_4_an_ordinary_user_is_refused_on_every_administration_route', async () => {
    for (const [method, path] of adminRoutes) {
      const res = await server.request(`${server.adminUrl}${path}`, {
        method, headers: { cookie: plain.state.cookie, 'x-csrf-token': plain.state.csrfToken }, body: method === 'GET' || method === 'DELETE' ? undefined : {},
      });
      assert.equal(res.status, 403, `${method} ${path}: ${res.body}`);
      assert.equal(res.json.error.code, 'forbidden');
    }
    const audit = await as(root).get('/api/v1/admin/audit?category=access&limit=200');
    const refusals = audit.json.events.filter((e) => e.action === 'admin.access' && e.actor === plain.user.id);
    assert.equal(refusals.length, adminRoutes.length, 'each refusal is audited');
  });

  test('S2_4_a_usage_administrator_manages_their_unit_and_nothing_of_the_system', async () => {
    const mine = await as(usage.state).get('/api/v1/admin/users');
    assert.deepEqual(mine.json.users.map((u) => u.username), ['hay.quen', 'quantri.vua']);
    assert.equal((await as(usage.state).get(`/api/v1/admin/users/${plain.user.id}`)).status, 404, 'outside the unit');
    assert.equal((await as(usage.state).patch(`/api/v1/admin/users/${plain.user.id}`, { disabled: true })).status, 404);
    assert.equal((await as(usage.state).get('/api/v1/admin/security-policy')).status, 403, 'settings are operations work');
    assert.equal((await as(usage.state).get('/api/v1/admin/audit')).status, 403);
    assert.equal((await as(usage.state).get('/api/v1/admin/overview')).status, 200, 'monitoring is usage work');
    const escalate = await as(usage.state).post('/api/v1/admin/users', { username: 'sieu.quantri', displayName: 'X', role: 'system_admin', unitId: deptA });
    assert.equal(escalate.status, 403);
    const outside = await as(usage.state).post('/api/v1/admin/users', { username: 'ngoai.vung', displayName: 'X', role: 'user', unitId: deptB });
    assert.equal(outside.status, 404);
    const self = await as(usage.state).patch(`/api/v1/admin/users/${usage.user.id}`, { role: 'system_admin' });
    assert.equal(self.status, 403);
    assert.equal(self.json.error.code, 'self_change_refused');
    const units = await as(usage.state).get('/api/v1/admin/units');
    assert.deepEqual(units.json.units.map((u) => u.id), [deptA]);
    assert.equal(units.json.rootUnitId, deptA);
  });

  test('S2_5_an_administrators_own_permissions_are_enforced', async () => {
    const narrowed = await as(root).patch(`/api/v1/admin/users/${usage.user.id}`, { permissions: ['users.view'] });
    assert.equal(narrowed.status, 200, narrowed.body);
    assert.deepEqual(narrowed.json.user.permissions, ['users.view']);
    const session = await as(usage.state).get('/api/v1/auth/session');
    assert.deepEqual(session.json.permissions, ['users.view'], 'the next request already sees the change');
    assert.equal((await as(usage.state).get('/api/v1/admin/users')).status, 200);
    assert.equal((await as(usage.state).get('/api/v1/admin/overview')).status, 403);
    const create = await as(usage.state).post('/api/v1/admin/users', { username: 'khong.duoc', displayName: 'X', role: 'user', unitId: deptA });
    assert.equal(create.status, 403);
    const tooMuch = await as(root).patch(`/api/v1/admin/users/${usage.user.id}`, { permissions: ['settings.manage'] });
    assert.equal(tooMuch.status, 400, 'not a permission of the usage group');
    const restored = await as(root).patch(`/api/v1/admin/users/${usage.user.id}`, { permissions: null });
    assert.equal(restored.json.user.ownPermissions, null);
    const audit = await as(root).get('/api/v1/admin/audit?category=account&limit=100');
    assert.ok(audit.json.events.some((e) => e.action === 'account.update' && /permissions group→\[users\.view\]/.test(e.detail)));
  });
});
