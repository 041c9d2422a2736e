// The administration console's accounts, units and audit log end to end, in real Chromium over
// HTTPS on the administration port: the first administrator signs in and changes the one-time
// password, creates a unit and a usage administrator in it (S1.1), and reads the account's
// one-time password from the dialog; that person signs in, changes it, and sees only their
// unit's accounts and no security or audit sections (S2.4, S2.5); the administrator then finds
// the account's creation in the audit log by its text and downloads it as CSV (S3.1). The tests
// run in this order and build on each other.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';

import { newPage } from '../support/browser.mjs';
import { serverAndBrowser } from '../support/browser-suite.mjs';
import { login, newAdminPassword } from '../support/server.mjs';

const suite = serverAndBrowser();

const consoleUrl = () => `https://localhost:${suite.server.adminPort}/admin`;

const unitName = 'Sở Nội vụ';
const managerName = 'quantri.sonoivu';
const managerPassword = 'Sở-Nội-vụ-Mật-khẩu-2026';
const outsiderName = 'canbo.bophankhac';
// Set by the first test: what the dialog showed, once.
let managerOneTimePassword;

// Signs in on the console's own form; with `oneTimePassword` the forced change follows in place.
async function signInToConsole(page, username, password, newPassword) {
  await page.goto(consoleUrl());
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  if (newPassword !== undefined) {
    await page.getByTestId('change-forced-notice').waitFor();
    await page.getByTestId('change-current').fill(password);
    await page.getByTestId('change-new').fill(newPassword);
    await page.getByTestId('change-confirm').fill(newPassword);
    await page.getByTestId('change-submit').click();
  }
  await page.getByTestId('console-root').waitFor();
}

async function usernamesListed(page) {
  return page.getByTestId('user-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-username')));
}

describe('administration console: accounts, units and the audit log', () => {
  test('S1_1_the_first_administrator_creates_a_unit_and_a_usage_administrator_in_it', async () => {
    const { context, page, problems } = await newPage(suite.browser);
    await signInToConsole(page, 'admin', suite.server.oneTimePassword, newAdminPassword);

    // Someone outside the unit, made through the API, so that the unit's scope shows.
    const admin = await login(suite.server, 'admin', newAdminPassword, suite.server.adminUrl);
    const outsider = await suite.server.request(`${suite.server.adminUrl}/api/v1/admin/users`, {
      method: 'POST',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken },
      body: { username: outsiderName, displayName: 'Cán bộ bộ phận khác', role: 'user' },
    });
    assert.equal(outsider.status, 201, outsider.body);

    await page.getByTestId('console-nav-users').click();
    await page.waitForURL(`${consoleUrl()}/users`);
    await page.getByTestId('users-table').waitFor();
    assert.deepEqual((await usernamesListed(page)).sort(), ['admin', outsiderName].sort());

    // A top-level unit.
    await page.getByTestId('unit-add-top').click();
    await page.getByTestId('unit-name').fill(unitName);
    await page.getByTestId('unit-save').click();
    const unitNode = page.getByTestId('unit-node').filter({ hasText: unitName });
    await unitNode.waitFor();
    await page.getByTestId('unit-dialog').waitFor({ state: 'detached' });

    // Choosing it lists its accounts (none yet) and makes it the new account's unit.
    await unitNode.getByTestId('unit-select').click();
    await page.getByTestId('users-total').filter({ hasText: 'Không có tài khoản nào phù hợp.' }).waitFor();
    await page.getByTestId('users-create').click();
    await page.getByTestId('account-dialog').waitFor();
    assert.equal(await page.getByTestId('account-unit').locator('option:checked').textContent(), unitName);
    await page.getByTestId('account-username').fill(managerName);
    await page.getByTestId('account-display-name').fill('Quản trị Sở Nội vụ');
    await page.getByTestId('account-email').fill('quantri@sonoivu.gov.vn');
    await page.getByTestId('account-role').selectOption('meeting_admin');
    await page.getByTestId('account-save').click();

    // The one-time password, shown once.
    const shown = page.getByTestId('one-time-password');
    await shown.waitFor();
    managerOneTimePassword = await shown.inputValue();
    assert.match(managerOneTimePassword, /^\S{12,}$/);
    assert.match(await page.getByTestId('one-time-password-warning').textContent(), /chỉ hiện một lần/);
    await page.screenshot({ path: path.join(suite.shots, 'console-one-time-password.png'), fullPage: true });
    await page.getByTestId('one-time-password-close').click();
    await page.getByTestId('one-time-password-dialog').waitFor({ state: 'detached' });
    assert.equal(await page.getByText(managerOneTimePassword).count(), 0);

    const row = page.locator(`[data-testid="user-row"][data-username="${managerName}"]`);
    await row.waitFor();
    assert.equal(await row.getByTestId('user-role').getAttribute('data-role'), 'meeting_admin');
    assert.equal(await row.getByTestId('user-unit').textContent(), unitName);
    assert.equal(await row.getByTestId('user-must-change').getAttribute('data-must-change'), 'true');
    assert.equal(await page.getByTestId('users-notice').textContent(), `Đã tạo tài khoản ${managerName}.`);
    await page.screenshot({ path: path.join(suite.shots, 'console-users.png'), fullPage: true });

    assert.deepEqual(problems, []);
    await context.close();
  });

  test('S2_4_a_usage_administrator_sees_only_their_units_accounts_and_no_security_or_audit', async () => {
    assert.ok(managerOneTimePassword, 'the first test read the one-time password');
    const { context, page, problems } = await newPage(suite.browser);
    await signInToConsole(page, managerName, managerOneTimePassword, managerPassword);

    // S2.5: the sections follow the group's permissions.
    await page.getByTestId('console-nav-users').waitFor();
    assert.equal(await page.getByTestId('console-nav-security').count(), 0);
    assert.equal(await page.getByTestId('console-nav-audit').count(), 0);

    await page.getByTestId('console-nav-users').click();
    await page.getByTestId('users-table').waitFor();
    assert.deepEqual(await usernamesListed(page), [managerName]);
    assert.equal(await page.getByTestId('users-total').textContent(), 'Hiển thị 1–1 trong 1 tài khoản.');
    // Their own unit is the root of the tree, not to be renamed or removed from here.
    const own = page.getByTestId('unit-node').filter({ hasText: unitName });
    await own.waitFor();
    assert.equal(await page.getByTestId('unit-node').count(), 1);
    assert.equal(await own.getByTestId('unit-rename').count(), 0);
    assert.equal(await own.getByTestId('unit-delete').count(), 0);
    assert.equal(await page.getByTestId('unit-add-top').count(), 0);
    // And no change of their own group, status or account.
    const self = page.locator(`[data-testid="user-row"][data-username="${managerName}"]`);
    assert.equal(await self.getByTestId('user-delete').count(), 0);
    assert.equal(await self.getByTestId('user-reset-password').count(), 0);
    await page.screenshot({ path: path.join(suite.shots, 'console-usage-administrator.png'), fullPage: true });

    // Typed addresses of the other sections say there is no permission and ask the server nothing.
    await page.goto(`${consoleUrl()}/security`);
    await page.getByTestId('console-section-denied').waitFor();
    await page.goto(`${consoleUrl()}/audit`);
    await page.getByTestId('console-section-denied').waitFor();

    // The server refuses them anyway.
    const manager = await login(suite.server, managerName, managerPassword, suite.server.adminUrl);
    for (const route of ['/api/v1/admin/audit', '/api/v1/admin/security-policy']) {
      const refused = await suite.server.request(`${suite.server.adminUrl}${route}`, { headers: { cookie: manager.cookie } });
      assert.equal(refused.status, 403, `${route}: ${refused.body}`);
    }

    assert.deepEqual(problems, []);
    await context.close();
  });

  test('S3_1_the_administrator_finds_the_account_creation_in_the_audit_log_and_exports_it', async () => {
    const { context, page, problems } = await newPage(suite.browser);
    await signInToConsole(page, 'admin', newAdminPassword);

    await page.getByTestId('console-nav-audit').click();
    await page.waitForURL(`${consoleUrl()}/audit`);
    await page.getByTestId('audit-table').waitFor();
    await page.getByTestId('audit-filter-q').fill(managerName);
    await page.getByTestId('audit-filter-category').selectOption('account');
    // The table keeps the previous page until the filtered one arrives.
    const filtered = page.waitForResponse((res) => {
      const url = new URL(res.url());
      return url.pathname === '/api/v1/admin/audit' && url.searchParams.get('q') === managerName;
    });
    await page.getByTestId('audit-apply').click();
    assert.equal((await filtered).status(), 200);
    await page.locator('[data-testid="audit-table"][aria-busy="false"]').waitFor();

    const created = page.locator('[data-testid="audit-row"][data-action="account.create"]');
    await created.waitFor();
    assert.equal(await created.count(), 1);
    assert.equal(await created.getByTestId('audit-target').textContent(), `user:${managerName}`);
    assert.equal(await created.getByTestId('audit-category').textContent(), 'Tài khoản');
    assert.equal(await created.getByTestId('audit-outcome').textContent(), 'Thành công');
    assert.match(await created.getByTestId('audit-detail').textContent(), /^role meeting_admin, unit /);
    assert.equal(await created.getByTestId('audit-address').textContent(), '127.0.0.1');
    // Every entry listed matches the filters.
    for (const action of await page.getByTestId('audit-row').evaluateAll((rows) => rows.map((r) => r.dataset.action))) {
      assert.match(action, /^(account|unit)\./);
    }
    await page.screenshot({ path: path.join(suite.shots, 'console-audit.png'), fullPage: true });

    // The export link carries the same filters; the download is the server's CSV.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export-csv').click()]);
    assert.equal(download.suggestedFilename(), 'dienhong-audit.csv');
    const url = new URL(download.url());
    assert.equal(url.searchParams.get('q'), managerName);
    assert.equal(url.searchParams.get('category'), 'account');
    const csv = await readFile(await download.path(), 'utf8');
    assert.match(csv, /^\uFEFFid,time_utc_ms,category,actor,source_address,action,target,outcome,detail\r\n/);
    assert.match(csv, new RegExp(`"account\\.create","user:${managerName.replace('.', '\\.')}","success"`));

    assert.deepEqual(problems, []);
    await context.close();
  });
});
