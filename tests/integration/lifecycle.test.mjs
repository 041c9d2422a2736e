// The binary as an operator meets it: subcommands, configuration errors, restarts, a damaged
// database, password reset from the command line, draining on SIGTERM, rate limits.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { readFile, rm, writeFile } from 'node:fs/promises';
import https from 'node:https';
import path from 'node:path';
import { describe, test } from 'node:test';

import WebSocket from 'ws';

import { adminWithChangedPassword, login, makeDataDir, newAdminPassword, runCli, startServer } from '../support/server.mjs';

describe('command line', () => {
  test('version prints the version', async () => {
    const { code, stdout } = await runCli(['version']);
    assert.equal(code, 0);
    assert.match(stdout, /^dienhong \d+\.\d+\.\d+\n$/);
  });

  test('unknown command and option exit 2 with a message', async () => {
    const cmd = await runCli(['frobnicate']);
    assert.equal(cmd.code, 2);
    assert.match(cmd.stderr, /unknown command 'frobnicate'/);
    const opt = await runCli(['serve', '--no-such-flag', 'x']);
    assert.equal(opt.code, 2);
    assert.match(opt.stderr, /unknown option --no-such-flag/);
  });

  test('invalid configuration names the key, the value, its source and what is allowed; exit 2', async () => {
    const flag = await runCli(['serve', '--http-port', '99999']);
    assert.equal(flag.code, 2);
    assert.match(flag.stderr, /server\.http_port = "99999" \(from command line\): expected an integer from 0 to 65535/);

    const env = await runCli(['serve'], { env: { DIENHONG_LOG_LEVEL: 'chatty' } });
    assert.equal(env.code, 2);
    assert.match(env.stderr, /log\.level = "chatty" \(from DIENHONG_LOG_LEVEL\): expected one of trace/);

    const dir = await makeDataDir();
    try {
      const file = path.join(dir, 'dienhong.toml');
      await writeFile(file, '[server]\nhttp_port = 8443\nadmin_port = 8443\n');
      const same = await runCli(['config', 'check', file]);
      assert.equal(same.code, 2);
      assert.match(same.stderr, /admin_port = 8443 equals server\.http_port/);

      await writeFile(file, '[server]\nhttp_prot = 8443\n');
      const typo = await runCli(['config', 'check', file]);
      assert.equal(typo.code, 2);
      assert.match(typo.stderr, /line 2: unknown key 'server\.http_prot'/);

      await writeFile(file, '[server\nhttp_port = 1\n');
      const syntax = await runCli(['config', 'check', file]);
      assert.equal(syntax.code, 2);
      assert.match(syntax.stderr, /dienhong\.toml line 1/);

      await writeFile(file, '[server]\nhttp_port = "8443"\n');
      const type = await runCli(['config', 'check', file]);
      assert.equal(type.code, 2);
      assert.match(type.stderr, /server\.http_port must be an integer/);

      await writeFile(file, '[server]\nhttp_port = 9443\n[log]\nlevel = "debug"\n');
      const good = await runCli(['config', 'check', file]);
      assert.equal(good.code, 0);
      assert.match(good.stdout, /OK/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('help config lists every key with its environment variable', async () => {
    const { code, stdout } = await runCli(['help', 'config']);
    assert.equal(code, 0);
    assert.match(stdout, /server\.admin_port\s+DIENHONG_SERVER_ADMIN_PORT/);
    assert.match(stdout, /limits\.websocket_ping_seconds\s+DIENHONG_LIMITS_WEBSOCKET_PING_SECONDS/);
    assert.doesNotMatch(stdout, /session\./, 'session rules live in the security policy now');
  });
});

describe('data directory and database', () => {
  test('a corrupt database stops start-up with a clear message and is left untouched', async () => {
    const dir = await makeDataDir();
    try {
      const db = path.join(dir, 'dienhong.db');
      const garbage = Buffer.from('this is not a database, it is a shopping list\n'.repeat(100));
      await writeFile(db, garbage);
      const { code, stderr } = await runCli(['serve', '--data-dir', dir, '--http-port', '0', '--admin-port', '0']);
      assert.equal(code, 1);
      assert.match(stderr, /cannot open the database/);
      assert.match(stderr, /dienhong\.db/);
      assert.deepEqual(await readFile(db), garbage, 'the file is byte-for-byte unchanged');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a busy port stops start-up with a message naming it', async () => {
    const first = await startServer();
    try {
      const { code, stderr } = await runCli(['serve', '--data-dir', first.dataDir, '--bind', '127.0.0.1',
        '--http-port', String(first.publicPort), '--admin-port', '0']);
      assert.equal(code, 1);
      assert.match(stderr, new RegExp(`cannot listen on 127\\.0\\.0\\.1:${first.publicPort}`));
    } finally {
      await first.stop();
    }
  });

  test('restart keeps accounts and prints no new one-time password', async () => {
    const dir = await makeDataDir();
    try {
      const first = await startServer({ dataDir: dir });
      await adminWithChangedPassword(first);
      await first.stop();
      const second = await startServer({ dataDir: dir });
      try {
        assert.equal(second.oneTimePassword, undefined);
        const state = await login(second, 'admin', newAdminPassword);
        assert.equal(state.session.user.mustChangePassword, false);
      } finally {
        await second.stop();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('admin reset-password issues a new one-time password and ends every session', async () => {
    const server = await startServer();
    try {
      const state = await adminWithChangedPassword(server);
      const { code, stdout } = await runCli(['admin', 'reset-password', 'admin', '--data-dir', server.dataDir]);
      assert.equal(code, 0);
      const otp = /: (\S{20})\n/.exec(stdout)?.[1];
      assert.ok(otp, stdout);
      const old = await server.request(`${server.publicUrl}/api/v1/auth/session`, { headers: { cookie: state.cookie } });
      assert.equal(old.status, 401);
      const fresh = await login(server, 'admin', otp);
      assert.equal(fresh.session.user.mustChangePassword, true);

      const unknown = await runCli(['admin', 'reset-password', 'ghost', '--data-dir', server.dataDir]);
      assert.equal(unknown.code, 1);
      assert.match(unknown.stderr, /no user named 'ghost'/);
    } finally {
      await server.stop();
    }
  });
});

describe('shutdown', () => {
  test('SIGTERM with open keep-alive and WebSocket connections exits cleanly within 5 s', async () => {
    const server = await startServer();
    const agent = new https.Agent({ keepAlive: true, ca: await server.ca() });
    const res = await server.request(`${server.publicUrl}/healthz`, { agent });
    assert.equal(res.status, 200);
    const ws = new WebSocket(`wss://127.0.0.1:${server.publicPort}/api/v1/ws`, { ca: await server.ca() });
    await once(ws, 'open');
    const closed = once(ws, 'close');
    const { code, ms } = await server.stop();
    assert.equal(code, 0);
    assert.ok(ms < 5_000, `exit took ${ms} ms`);
    const [closeCode] = await closed;
    assert.equal(closeCode, 1001, 'WebSocket told the server is going away');
    agent.destroy();
  });
});

describe('rate limits', () => {
  test('a client over its request budget gets 429 with Retry-After, others are unaffected', async () => {
    const server = await startServer({ args: ['--set', 'limits.requests_per_second=5', '--set', 'limits.request_burst=5'] });
    try {
      const agent = new https.Agent({ keepAlive: true, ca: await server.ca() });
      const statuses = [];
      for (let i = 0; i < 12; i += 1) statuses.push((await server.request(`${server.publicUrl}/healthz`, { agent })).status);
      assert.ok(statuses.slice(0, 5).every((s) => s === 200), statuses.join(','));
      const limited = await server.request(`${server.publicUrl}/healthz`, { agent });
      assert.equal(limited.status, 429);
      assert.equal(limited.json.error.code, 'rate_limited');
      assert.equal(limited.headers['retry-after'], '1');
      agent.destroy();
    } finally {
      await server.stop();
    }
  });
});
