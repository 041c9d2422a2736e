// Two-factor sign-in (TOTP) end to end, in real Chromium over HTTPS: the first administrator
// changes the one-time password, turns on two-factor sign-in on /account/security (the QR
// code and the secret grouped for typing; a wrong code is refused in Vietnamese), then signs in
// again with the password and the app's code; a group the security policy requires it for is
// sent to the enrolment before anything else and cannot turn it off; the console signs in with
// the code in place. The codes are computed here as an authenticator app would (RFC 6238). The
// tests run in this order and build on each other.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { describe, test } from 'node:test';

import { newPage } from '../support/browser.mjs';
import { serverAndBrowser } from '../support/browser-suite.mjs';
import { login, newAdminPassword } from '../support/server.mjs';

const suite = serverAndBrowser();

const publicBase = () => `https://localhost:${suite.server.publicPort}`;
const consoleUrl = () => `https://localhost:${suite.server.adminPort}/admin`;

const STEP_MS = 30_000;

// RFC 6238 with HMAC-SHA-1, 6 digits, 30 s: what an authenticator app shows at `ms`.
function totp(base32, ms = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of base32.replace(/=+$/, '')) {
    const value = alphabet.indexOf(c);
    assert.ok(value >= 0, `not base32: ${c}`);
    bits += value.toString(2).padStart(5, '0');
  }
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(ms / STEP_MS)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[19] & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

// A six-digit code the server takes for none of the steps it would accept now (±1 step).
function wrongCode(secret) {
  const valid = new Set([-1, 0, 1].map((k) => totp(secret, Date.now() + k * STEP_MS)));
  for (let n = 0; ; n++) {
    const code = String((123_456 + n * 111_111) % 1_000_000).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
}

// The secret as the page shows it ("ABCD EFGH …"), ready for the code computation.
async function secretOnPage(page) {
  const shown = page.getByTestId('totp-secret');
  await shown.waitFor();
  const text = await shown.textContent();
  assert.match(text, /^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/, 'grouped in fours for typing');
  return text.replaceAll(' ', '');
}

async function signInWithPassword(page, username, password) {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

const post = (url, state, body) =>
  suite.server.request(url, { method: 'POST', headers: { cookie: state.cookie, 'x-csrf-token': state.csrfToken }, body });

// State shared by the tests, in order.
let adminSecret;
let admin; // { cookie, csrfToken } of the administrator signed in with password and code

describe('two-factor sign-in', () => {
  test('S1_1_the_first_administrator_turns_on_two_step_verification', async () => {
    const { context, page, problems } = await newPage(suite.browser);
    await page.goto(`${publicBase()}/login`);
    await signInWithPassword(page, 'admin', suite.server.oneTimePassword);
    await page.waitForURL(/\/change-password/);
    await page.getByTestId('change-current').fill(suite.server.oneTimePassword);
    await page.getByTestId('change-new').fill(newAdminPassword);
    await page.getByTestId('change-confirm').fill(newAdminPassword);
    await page.getByTestId('change-submit').click();
    await page.waitForURL(`${publicBase()}/`);

    // From the header, for any signed-in user.
    await page.getByTestId('nav-two-factor').click();
    await page.waitForURL(`${publicBase()}/account/security`);
    const status = page.getByTestId('totp-status');
    assert.equal(await status.textContent(), 'Xác thực hai lớp đang tắt.');
    assert.equal(await status.getAttribute('data-state'), 'off');
    await page.getByTestId('totp-start').click();
    adminSecret = await secretOnPage(page);
    // The QR code is an SVG React drew from the symbol's modules (CSP: no data: URL, no style).
    const qr = page.getByTestId('totp-qr');
    assert.equal(await qr.evaluate((el) => el.tagName.toLowerCase()), 'svg');
    assert.equal(await qr.getAttribute('aria-label'), 'Mã QR để thêm tài khoản Diên Hồng vào ứng dụng xác thực');
    assert.match(await qr.locator('path').getAttribute('d'), /^(M\d+ \d+h\d+v1h-\d+z)+$/);
    assert.equal(await page.locator('[style]').count(), 0);
    await page.screenshot({ path: path.join(suite.shots, 'two-factor-enrolment.png'), fullPage: true });

    // S4.3: a wrong code is refused with the translated text and the request ID.
    await page.getByTestId('totp-code').fill(wrongCode(adminSecret));
    await page.getByTestId('totp-confirm').click();
    const error = page.getByTestId('totp-error');
    await error.waitFor();
    assert.equal(
      await error.textContent(),
      'Mã không khớp với khóa vừa tạo. Hãy kiểm tra giờ trên điện thoại và nhập mã đang hiển thị.',
    );
    assert.match(await page.getByTestId('error-request-id').textContent(), /[0-9a-f]{16}/);

    // The code of this step switches it on.
    await page.getByTestId('totp-code').fill(totp(adminSecret));
    await page.getByTestId('totp-confirm').click();
    await page.getByTestId('totp-enabled').waitFor();
    assert.equal(await status.getAttribute('data-state'), 'on');
    assert.equal(await status.textContent(), 'Xác thực hai lớp đang bật.');
    await page.getByTestId('totp-disable-password').waitFor();
    await page.screenshot({ path: path.join(suite.shots, 'two-factor-on.png'), fullPage: true });

    assert.deepEqual(problems, []);
    await context.close();
  });

  test('S1_1_signing_in_needs_the_password_then_the_code_of_the_app', async () => {
    const { context, page, problems } = await newPage(suite.browser);
    await page.goto(`${publicBase()}/login?next=%2Faccount%2Fsecurity`);
    await signInWithPassword(page, 'admin', newAdminPassword);

    const code = page.getByTestId('login-code');
    await code.waitFor();
    assert.equal(await code.getAttribute('inputmode'), 'numeric');
    assert.equal(await code.getAttribute('autocomplete'), 'one-time-code');
    assert.equal(await page.getByTestId('nav-user').count(), 0, 'no session before the code');
    await page.screenshot({ path: path.join(suite.shots, 'two-factor-sign-in.png'), fullPage: true });

    // S1.4 / S4.3: a wrong code, translated, with the tries left.
    await code.fill(wrongCode(adminSecret));
    await page.getByTestId('login-code-submit').click();
    const error = page.getByTestId('login-error');
    await error.waitFor();
    assert.equal(
      await error.textContent(),
      'Mã xác thực không đúng hoặc đã được dùng. Hãy nhập mã mới đang hiển thị trong ứng dụng.',
    );
    assert.match(await page.getByTestId('login-code-attempts-left').textContent(), /^Còn \d lần nhập mã\.$/);

    // The enrolment used this step's code, which is never accepted twice; the app's next code is
    // (one step of clock drift).
    await code.fill(totp(adminSecret, Date.now() + STEP_MS));
    await page.getByTestId('login-code-submit').click();
    await page.waitForURL(`${publicBase()}/account/security`);
    await page.getByTestId('nav-user').waitFor();
    assert.equal(await page.getByTestId('totp-status').getAttribute('data-state'), 'on');

    // This session administers the next tests through the API.
    const cookie = (await context.cookies()).find((c) => c.name.endsWith('dh_session'));
    assert.ok(cookie, 'session cookie set after the code');
    const session = await suite.server.request(`${suite.server.publicUrl}/api/v1/auth/session`, {
      headers: { cookie: `${cookie.name}=${cookie.value}` },
    });
    assert.equal(session.status, 200, session.body);
    admin = { cookie: `${cookie.name}=${cookie.value}`, csrfToken: session.json.csrfToken };

    assert.deepEqual(problems, []);
    await context.close();
  });

  test('S2_4_a_group_that_requires_it_enrols_before_anything_else_and_cannot_turn_it_off', async () => {
    const policyUrl = `${suite.server.adminUrl}/api/v1/admin/security-policy`;
    const current = await suite.server.request(policyUrl, { headers: { cookie: admin.cookie } });
    assert.equal(current.status, 200, current.body);
    const { policy } = current.json;
    const saved = await suite.server.request(policyUrl, {
      method: 'PUT',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken },
      body: { ...policy, twoFactor: { ...policy.twoFactor, requiredForUsers: true } },
    });
    assert.equal(saved.status, 200, saved.body);
    const created = await post(`${suite.server.adminUrl}/api/v1/admin/users`, admin, {
      username: 'nhan.vien',
      displayName: 'Nhân Viên',
      role: 'user',
    });
    assert.equal(created.status, 201, created.body);
    const newPassword = 'Nhân-viên-Mới-2026!';

    const { context, page, problems } = await newPage(suite.browser);
    await page.goto(`${publicBase()}/login`);
    await signInWithPassword(page, 'nhan.vien', created.json.oneTimePassword);
    // The password first…
    await page.waitForURL(/\/change-password/);
    await page.getByTestId('change-current').fill(created.json.oneTimePassword);
    await page.getByTestId('change-new').fill(newPassword);
    await page.getByTestId('change-confirm').fill(newPassword);
    await page.getByTestId('change-submit').click();
    // …then the second factor, asked for at once.
    await page.waitForURL(`${publicBase()}/account/security`);
    const notice = page.getByTestId('totp-forced-notice');
    await notice.waitFor();
    assert.match(await notice.textContent(), /^Chính sách bảo mật của cơ quan yêu cầu tài khoản của bạn dùng xác thực hai lớp\./);
    const secret = await secretOnPage(page);
    assert.equal(await page.getByTestId('nav-two-factor').count(), 0, 'only signing out is offered meanwhile');
    await page.screenshot({ path: path.join(suite.shots, 'two-factor-required.png'), fullPage: true });

    // Nothing else is reachable until it is on.
    await page.goto(`${publicBase()}/`);
    await page.waitForURL(`${publicBase()}/account/security`);
    const again = await secretOnPage(page); // a new visit asks for a new seed
    await page.getByTestId('totp-code').fill(totp(again));
    await page.getByTestId('totp-confirm').click();
    await page.getByTestId('totp-enabled').waitFor();
    assert.notEqual(again, secret);

    await page.getByTestId('totp-continue').click();
    await page.waitForURL(`${publicBase()}/`);
    await page.getByTestId('create-room-card').waitFor();

    // The group must keep it: turning it off is refused, translated.
    await page.getByTestId('nav-two-factor').click();
    await page.getByTestId('totp-disable-password').fill(newPassword);
    await page.getByTestId('totp-disable-submit').click();
    const refused = page.getByTestId('totp-disable-error');
    await refused.waitFor();
    assert.equal(
      await refused.textContent(),
      'Chính sách bảo mật yêu cầu nhóm tài khoản của bạn dùng xác thực hai lớp, nên không thể tắt.',
    );
    assert.equal(await page.getByTestId('totp-status').getAttribute('data-state'), 'on');

    assert.deepEqual(problems, []);
    await context.close();
  });

  test('S1_1_the_console_asks_for_the_code_in_place', async () => {
    // A meeting administrator (no requirement for that group) who enrolled through the API.
    const created = await post(`${suite.server.adminUrl}/api/v1/admin/users`, admin, {
      username: 'dieu.hanh',
      displayName: 'Điều Hành',
      role: 'meeting_admin',
    });
    assert.equal(created.status, 201, created.body);
    const password = 'Điều-hành-Mới-2026!';
    const first = await login(suite.server, 'dieu.hanh', created.json.oneTimePassword);
    const changed = await post(`${suite.server.publicUrl}/api/v1/auth/password`, first, {
      currentPassword: created.json.oneTimePassword,
      newPassword: password,
    });
    assert.equal(changed.status, 200, changed.body);
    const begun = await post(`${suite.server.publicUrl}/api/v1/auth/totp/enrolment`, first);
    assert.equal(begun.status, 200, begun.body);
    const enabled = await post(`${suite.server.publicUrl}/api/v1/auth/totp/enrolment/confirm`, first, {
      code: totp(begun.json.secret),
    });
    assert.equal(enabled.status, 200, enabled.body);

    const { context, page, problems } = await newPage(suite.browser);
    await page.goto(consoleUrl());
    await signInWithPassword(page, 'dieu.hanh', password);
    const code = page.getByTestId('login-code');
    await code.waitFor();
    assert.equal(page.url(), consoleUrl(), 'the console signs in in place');
    await code.fill(totp(begun.json.secret, Date.now() + STEP_MS));
    await page.getByTestId('login-code-submit').click();
    await page.getByTestId('console-root').waitFor();
    assert.equal(page.url(), consoleUrl());

    assert.deepEqual(problems, []);
    await context.close();
  });
});
