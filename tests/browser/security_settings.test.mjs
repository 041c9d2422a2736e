// The security policy end to end, in real Chromium over HTTPS: the first administrator signs in on
// the administration console, changes the one-time password, and saves a lockout policy that
// waits for an administrator (S1.4) and a one-minute idle timeout (S2.2); an idle page then shows
// that the server closed its session for inactivity; and the sign-in form warns of the attempts
// left, then says the account is locked. The tests run in this order and build on each other.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';

import { newPage } from '../support/browser.mjs';
import { serverAndBrowser } from '../support/browser-suite.mjs';
import { login, newAdminPassword } from '../support/server.mjs';

const suite = serverAndBrowser();

const consoleUrl = () => `https://localhost:${suite.server.adminPort}/admin`;
const publicLogin = () => `https://localhost:${suite.server.publicPort}/login`;

// Chromium logs every 4xx answer; 423 (account locked) is one the sign-in form expects here.
const unexpected = (problems) => problems.filter((p) => !/status of 423/.test(p));

describe('security settings', () => {
  test('S1_4_console_saves_a_lockout_until_an_administrator_unlocks', async () => {
    const { context, page, problems } = await newPage(suite.browser);
    await page.goto(consoleUrl());
    // The console signs in in place, then forces the change of the one-time password.
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill(suite.server.oneTimePassword);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('change-forced-notice').waitFor();
    await page.getByTestId('password-reason-required').waitFor();
    await page.getByTestId('change-current').fill(suite.server.oneTimePassword);
    await page.getByTestId('change-new').fill(newAdminPassword);
    await page.getByTestId('change-confirm').fill(newAdminPassword);
    await page.getByTestId('change-submit').click();
    await page.getByTestId('console-root').waitFor();

    await page.getByTestId('console-nav-security').click();
    await page.waitForURL(`${consoleUrl()}/security`);
    await page.getByTestId('security-form').waitFor();
    assert.equal(await page.getByTestId('policy-max-failures').inputValue(), '5');
    assert.equal(await page.getByTestId('policy-lock-minutes').isDisabled(), false);

    await page.getByTestId('policy-max-failures').fill('3');
    await page.getByTestId('policy-action-until-unlocked').check();
    assert.equal(await page.getByTestId('policy-lock-minutes').isDisabled(), true);
    await page.getByTestId('policy-idle').fill('1');
    await page.getByTestId('policy-save').click();
    const saved = page.getByTestId('policy-saved');
    await saved.waitFor();
    assert.match(await saved.textContent(), /^Đã lưu cài đặt lúc \d{2}:\d{2}:\d{2}\.$/);
    assert.equal(await page.getByTestId('policy-error').count(), 0);
    await page.screenshot({ path: path.join(suite.shots, 'security-settings.png'), fullPage: true });

    // The server has it.
    const admin = await login(suite.server, 'admin', newAdminPassword, suite.server.adminUrl);
    const policy = await suite.server.request(`${suite.server.adminUrl}/api/v1/admin/security-policy`, {
      headers: { cookie: admin.cookie },
    });
    assert.equal(policy.status, 200, policy.body);
    assert.deepEqual(policy.json.policy.lockout, { maxFailures: 3, windowMinutes: 15, action: 'until_unlocked', lockMinutes: 15 });
    assert.equal(policy.json.policy.session.idleMinutes, 1);
    assert.equal(typeof policy.json.updatedAt, 'number');

    assert.deepEqual(problems, []);
    await context.close();
  });

  test('S2_2_an_idle_page_shows_that_the_session_closed_for_inactivity', { timeout: 120_000 }, async () => {
    const { context, page, problems } = await newPage(suite.browser);
    await page.goto(publicLogin());
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill(newAdminPassword);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(`https://localhost:${suite.server.publicPort}/`);
    await page.getByTestId('nav-user').waitFor();

    // Nothing is done on the page: after the one-minute idle timeout (and a few seconds) the
    // page asks the server, which has closed the session, and shows the sign-in form.
    const notice = page.getByTestId('login-expired-notice');
    await notice.waitFor({ timeout: 90_000 });
    assert.equal(
      await notice.textContent(),
      'Phiên làm việc đã đóng vì không có hoạt động nào trong 1 phút. Vui lòng đăng nhập lại.',
    );
    assert.equal(page.url(), publicLogin());
    assert.equal(await page.getByTestId('nav-user').count(), 0);
    await page.getByTestId('nav-login').waitFor();
    await page.screenshot({ path: path.join(suite.shots, 'idle-signed-out.png'), fullPage: true });

    assert.deepEqual(problems, []);
    await context.close();
  });

  test('S1_4_wrong_passwords_warn_of_the_attempts_left_then_the_account_locks_without_end', async () => {
    const { context, page, problems } = await newPage(suite.browser);
    await page.goto(publicLogin());
    const attempt = async () => {
      await page.getByTestId('login-username').fill('admin');
      await page.getByTestId('login-password').fill('not-the-password');
      await page.getByTestId('login-submit').click();
    };
    const attemptsLeft = page.getByTestId('login-attempts-left');

    await attempt();
    await attemptsLeft.filter({ hasText: 'Còn 2 lần thử trước khi tài khoản bị khóa.' }).waitFor();
    assert.equal(await page.getByTestId('login-error').textContent(), 'Tên đăng nhập hoặc mật khẩu không đúng.');

    await attempt();
    await attemptsLeft.filter({ hasText: 'Còn 1 lần thử trước khi tài khoản bị khóa.' }).waitFor();

    await attempt();
    const locked = page.getByTestId('login-error').filter({ hasText: 'bị khóa' });
    await locked.waitFor();
    const text = await locked.textContent();
    assert.equal(text, 'Tài khoản đã bị khóa. Hãy liên hệ quản trị viên để được mở khóa.');
    assert.doesNotMatch(text, /\d{1,2}:\d{2}/, 'a lock until unlocked has no end time');
    assert.equal(await attemptsLeft.count(), 0);
    assert.match(await page.getByTestId('error-request-id').textContent(), /[0-9a-f]{16}/);
    await page.screenshot({ path: path.join(suite.shots, 'account-locked.png'), fullPage: true });

    // Even the right password is refused now.
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill(newAdminPassword);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').filter({ hasText: 'bị khóa' }).waitFor();
    assert.equal(await page.getByTestId('nav-user').count(), 0);

    assert.deepEqual(unexpected(problems), []);
    await context.close();
  });

});
