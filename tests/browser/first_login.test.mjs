// The first administrator's first visit, in real Chromium over HTTPS: home page, join by link,
// sign in with the printed one-time password, forced password change, then the console.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';

import { newPage } from '../support/browser.mjs';
import { serverAndBrowser } from '../support/browser-suite.mjs';
import { newAdminPassword } from '../support/server.mjs';

const suite = serverAndBrowser();

const home = () => `https://localhost:${suite.server.publicPort}/`;

describe('first visit', () => {
  test('A7_home_page_in_Vietnamese_joins_a_room_by_link', async () => {
    const { context, page, problems } = await newPage(suite.browser);
    await page.goto(home());
    assert.equal(await page.getAttribute('html', 'lang'), 'vi');
    await page.getByTestId('home-join-input').fill('không phải mã phòng!');
    await page.getByTestId('home-join-submit').click();
    await page.getByTestId('home-join-error').waitFor();

    // An invitation link pasted from a message: the room code and its token are kept.
    await page.getByTestId('home-join-input').fill(`https://meet.example.gov.vn/r/482915306?t=Tok_en-123`);
    await page.getByTestId('home-join-submit').click();
    await page.waitForURL(/\/r\/482915306\?t=Tok_en-123$/);
    assert.equal(await page.getByTestId('room-id').textContent(), '482 915 306');
    // A code read out on the phone, typed with spaces.
    await page.goto(home());
    await page.getByTestId('home-join-input').fill('482 915 306');
    await page.getByTestId('home-join-submit').click();
    await page.waitForURL(/\/r\/482915306$/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('S4_3_wrong_password_shows_a_translated_error_with_the_request_id', async () => {
    const { context, page, problems } = await newPage(suite.browser);
    await page.goto(`${home()}login`);
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    const error = page.getByTestId('login-error');
    await error.waitFor();
    assert.match(await error.textContent(), /mật khẩu/i);
    assert.doesNotMatch(await error.textContent(), /Wrong username/, 'server English text never shown');
    assert.match(await page.getByTestId('error-request-id').textContent(), /[0-9a-f]{16}/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('S1_3_1_first_login_forces_a_password_change_then_reaches_the_console', async () => {
    const { context, page, problems } = await newPage(suite.browser);
    await page.goto(home());
    await page.getByTestId('nav-login').click();
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill(suite.server.oneTimePassword);
    await page.getByTestId('login-submit').click();

    await page.waitForURL(/\/change-password/);
    await page.getByTestId('change-forced-notice').waitFor();
    await page.screenshot({ path: path.join(suite.shots, 'forced-change.png'), fullPage: true });

    // Nothing else is reachable until the password is changed.
    await page.goto(home());
    await page.waitForURL(/\/change-password/);

    await page.getByTestId('change-current').fill(suite.server.oneTimePassword);
    await page.getByTestId('change-new').fill(newAdminPassword);
    await page.getByTestId('change-confirm').fill(newAdminPassword);
    await page.getByTestId('change-submit').click();
    await page.waitForURL(home());

    const consoleLink = page.getByTestId('nav-console');
    await consoleLink.waitFor();
    assert.equal(await consoleLink.getAttribute('href'), `https://localhost:${suite.server.adminPort}/admin`);
    await consoleLink.click();
    await page.waitForURL(`https://localhost:${suite.server.adminPort}/admin`);
    await page.getByTestId('console-root').waitFor();
    await page.getByTestId('console-overview').waitFor();
    assert.match(await page.getByTestId('console-version').textContent(), /0\.1\.0/);
    await page.screenshot({ path: path.join(suite.shots, 'console.png'), fullPage: true });

    await page.getByTestId('lang-switch').selectOption('en');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the home page fits a 360 px phone screen without sideways scrolling', async () => {
    const { context, page, problems } = await newPage(suite.browser, { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    await page.goto(home());
    await page.getByTestId('home-join-input').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
    await page.screenshot({ path: path.join(suite.shots, 'home-360.png'), fullPage: true });
    assert.deepEqual(problems, []);
    await context.close();
  });
});
