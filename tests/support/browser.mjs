// Real headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core. Collects page
// errors and CSP violations so a test can assert that none happened.
import { chromium } from 'playwright-core';

export const chromiumPath = process.env.DIENHONG_CHROMIUM ?? '/usr/bin/chromium';

// `media`: a fake 1280x720 camera and microphone that need no permission prompt, and 127.0.0.1
// ICE candidates (Chromium offers none without --allow-loopback-in-peer-connection).
// `executablePath`: e.g. a wrapper that runs Chromium inside a network namespace.
export async function launchBrowser({ media = false, executablePath = chromiumPath } = {}) {
  const mediaArgs = media
    ? ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--allow-loopback-in-peer-connection',
      '--autoplay-policy=no-user-gesture-required']
    : [];
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic', ...mediaArgs],
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
