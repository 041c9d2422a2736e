// Real headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core. Collects page
// errors and CSP violations so a test can assert that none happened.
import { chromium } from 'playwright-core';

export const chromiumPath = process.env.DIENHONG_CHROMIUM ?? '/usr/bin/chromium';

export async function launchBrowser() {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
}

// A fresh context (own cookies) and page; `problems` lists console errors and CSP violations.
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, ...options });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    const text = message.text();
    // 4xx answers the app expects (wrong password, signed out) are logged by Chromium too.
    if (message.type() === 'error' && !/status of 40[13]/.test(text)) problems.push(`console: ${text}`);
  });
  return { context, page, problems };
}
