// The sign-in puzzle (S1.6) in real Chromium: after failed sign-ins from this machine the server
// asks for a proof of work; the sign-in form says it is checking the browser, a Web Worker solves
// the puzzle under the page's strict CSP, and the right password then signs in.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';

import { newPage } from '../support/browser.mjs';
import { serverAndBrowser } from '../support/browser-suite.mjs';
import { signInRequest } from '../support/proof-of-work.mjs';
import { adminWithChangedPassword, changeSecurityPolicy, login, newAdminPassword } from '../support/server.mjs';

const suite = serverAndBrowser({
  prepare: async (server) => {
    await adminWithChangedPassword(server);
    // A harder puzzle than the default, so that the browser is seen solving it.
    const admin = await login(server, 'admin', newAdminPassword, server.adminUrl);
    await changeSecurityPolicy(server, admin, (policy) => ({ ...policy, proofOfWork: { afterFailures: 3, bits: 20 } }));
  },
});

// Chromium logs every 4xx answer; 428 (proof required) is one the sign-in form expects here.
const unexpected = (problems) => problems.filter((p) => !/status of 428/.test(p));

describe('sign-in puzzle', () => {
  test('S1_6_after_failed_sign_ins_the_browser_solves_a_puzzle_and_signs_in', async () => {
    const { server } = suite;
    for (const name of ['ke.do.1', 'ke.do.2', 'ke.do.3']) {
      const guess = await signInRequest(server, { username: name, password: 'doan-bua' });
      assert.equal(guess.status, 401, guess.body);
    }
    const { context, page, problems } = await newPage(suite.browser);
    const sent = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/v1/auth/login')) sent.push({ url: new URL(request.url()).pathname, body: request.postDataJSON() });
    });
    await page.goto(`https://localhost:${server.publicPort}/login`);
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill(newAdminPassword);
    await page.getByTestId('login-submit').click();
    const verifying = page.getByTestId('login-verifying');
    await verifying.filter({ hasText: 'Đang xác minh trình duyệt của bạn…' }).waitFor();
    await page.screenshot({ path: path.join(suite.shots, 'checking-browser.png'), fullPage: true });
    await page.waitForURL(`https://localhost:${server.publicPort}/`);
    await page.getByTestId('nav-console').waitFor();

    assert.deepEqual(sent.map((r) => r.url), ['/api/v1/auth/login', '/api/v1/auth/login/proof', '/api/v1/auth/login']);
    const { proof } = sent[2].body;
    assert.match(proof.challenge, /^v1\.\d+\.20\.[0-9a-f]{32}\.[0-9a-f]{64}$/);
    assert.match(proof.solution, /^(0|[1-9]\d*)$/);
    assert.deepEqual(unexpected(problems), []);
    await context.close();
  });
});
