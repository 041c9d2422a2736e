// The console's own access rules against the real server: the networks allowed to reach the
// administration listener (S2.3) and its port (S2.1), with the operator's way back in.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { waitFor } from '../support/meeting.mjs';
import { adminWithChangedPassword, freePort, login, newAdminPassword, runCli, startServer } from '../support/server.mjs';

const accessPath = '/api/v1/admin/admin-access';

function as(server, state) {
  return {
    get: (path) => server.request(`${server.adminUrl}${path}`, { headers: { cookie: state.cookie } }),
    put: (path, body) => server.request(`${server.adminUrl}${path}`, {
      method: 'PUT', headers: { cookie: state.cookie, 'x-csrf-token': state.csrfToken }, body,
    }),
  };
}


// Resolves 'refused' when the server closes the connection before answering.
async function reachFrom(server, url, localAddress) {
  try {
    const res = await server.request(url, { localAddress });
    return res.status;
  } catch (error) {
    assert.match(error.code ?? '', /ECONNRESET|EPIPE|ECONNREFUSED/, String(error));
    return 'refused';
  }
}

describe('administration access (S2.1, S2.3)', () => {
  test('S2_3_only_the_allowed_networks_reach_the_console_and_the_change_is_audited', async () => {
    const server = await startServer();
    try {
      await adminWithChangedPassword(server);
      const admin = await login(server, 'admin', newAdminPassword, server.adminUrl);
      const initial = await as(server, admin).get(accessPath);
      assert.equal(initial.status, 200, initial.body);
      assert.ok(initial.json.access.allowedNetworks.includes('127.0.0.0/8'));
      assert.equal(initial.json.access.port, null);
      assert.equal(initial.json.activePort, server.adminPort);
      assert.equal(initial.json.restartRequired, false);
      assert.equal(await reachFrom(server, `${server.adminUrl}/healthz`, '127.0.0.2'), 200, 'loopback is allowed by default');

      const lockOut = await as(server, admin).put(accessPath, { allowedNetworks: ['10.0.0.0/8'], port: null });
      assert.equal(lockOut.status, 400);
      assert.equal(lockOut.json.error.code, 'would_lock_out', 'the list must keep the address in use');
      const bad = await as(server, admin).put(accessPath, { allowedNetworks: ['127.0.0.1/33'], port: null });
      assert.equal(bad.status, 400);
      assert.equal(bad.json.error.code, 'invalid_setting');

      const narrowed = await as(server, admin).put(accessPath, { allowedNetworks: ['127.0.0.1/32'], port: null });
      assert.equal(narrowed.status, 200, narrowed.body);
      assert.deepEqual(narrowed.json.access.allowedNetworks, ['127.0.0.1/32']);
      assert.equal(await reachFrom(server, `${server.adminUrl}/healthz`, '127.0.0.2'), 'refused', 'refused before TLS');
      assert.equal(await reachFrom(server, `${server.adminUrl}/healthz`, '127.0.0.1'), 200);
      assert.equal(await reachFrom(server, `${server.publicUrl}/healthz`, '127.0.0.2'), 200, 'the user port is not affected');
      await waitFor(async () => ({ ok: /msg=admin_connection_refused client=127\.0\.0\.2/.test(server.stderr) }),
        { timeoutMs: 5000, what: 'the refusal logged' });

      const audit = await as(server, admin).get('/api/v1/admin/audit?limit=200');
      const events = audit.json.events;
      assert.ok(events.some((e) => e.action === 'admin.connect' && e.outcome === 'denied' && e.sourceAddress === '127.0.0.2'));
      const change = events.find((e) => e.action === 'settings.admin_access' && e.outcome === 'success');
      assert.match(change.detail, /allowedNetworks/);
      assert.ok(events.some((e) => e.action === 'settings.admin_access' && e.outcome === 'failure'));
    } finally {
      await server.stop();
    }
  });

  test('S2_1_a_new_console_port_applies_at_restart_and_the_cli_restores_access', async () => {
    const server = await startServer();
    const dataDir = server.dataDir;
    const port = await freePort();
    let restarted;
    try {
      await adminWithChangedPassword(server);
      const admin = await login(server, 'admin', newAdminPassword, server.adminUrl);
      const samePort = await as(server, admin).put(accessPath, { allowedNetworks: ['127.0.0.1/32'], port: server.publicPort });
      assert.equal(samePort.status, 400, 'not the user port');
      const saved = await as(server, admin).put(accessPath, { allowedNetworks: ['127.0.0.1/32'], port });
      assert.equal(saved.status, 200, saved.body);
      assert.equal(saved.json.restartRequired, true);
      assert.equal(saved.json.activePort, server.adminPort);
      server.ownsDataDir = false;
      await server.stop();

      restarted = await startServer({ dataDir });
      assert.equal(restarted.adminPort, port, 'the console setting wins over --admin-port 0');
      const again = await login(restarted, 'admin', newAdminPassword, restarted.adminUrl);
      const now = await as(restarted, again).get(accessPath);
      assert.equal(now.json.restartRequired, false);
      assert.equal(await reachFrom(restarted, `${restarted.adminUrl}/healthz`, '127.0.0.2'), 'refused');
      await restarted.stop();
      restarted = undefined;

      const reset = await runCli(['admin', 'reset-admin-access', '--data-dir', dataDir]);
      assert.equal(reset.code, 0, reset.stderr);
      assert.match(reset.stdout, /loopback and private networks/);
      restarted = await startServer({ dataDir });
      assert.notEqual(restarted.adminPort, port, 'back to the configured port');
      assert.equal(await reachFrom(restarted, `${restarted.adminUrl}/healthz`, '127.0.0.2'), 200);
    } finally {
      await restarted?.stop();
      await server.stop();
      const { rm } = await import('node:fs/promises');
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
