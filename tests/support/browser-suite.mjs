// What a browser test file starts with: one server and one headless Chromium for all its tests
// (started before them, closed after them), and the folder its screenshots go to
// ($DIENHONG_SCREENSHOTS, else a new temporary one, printed).
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';

import { launchBrowser } from './browser.mjs';
import { startServer } from './server.mjs';

// `server`, `browser`: the options of startServer and launchBrowser. `prepare(server)` runs once
// both are up (e.g. the administrator's first password change). The members of the object
// returned are set once the file's `before` hook has run.
export function serverAndBrowser({ server: serverOptions = {}, browser: browserOptions = {}, prepare } = {}) {
  const suite = { server: undefined, browser: undefined, shots: undefined };
  before(async () => {
    suite.server = await startServer(serverOptions);
    suite.browser = await launchBrowser(browserOptions);
    suite.shots = process.env.DIENHONG_SCREENSHOTS ?? await mkdtemp(path.join(tmpdir(), 'dienhong-shots-'));
    console.log(`# screenshots: ${suite.shots}`);
    await prepare?.(suite.server);
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
  });
  return suite;
}
