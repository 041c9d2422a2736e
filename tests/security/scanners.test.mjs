// Real scanners against the real server (S4.2, S2.1, S1.5): sslscan on both listeners, sqlmap on
// the sign-in and the administration API, wapiti with its injection, file, command, XSS, CSRF,
// XXE, CRLF and redirect modules, signed in as an administrator. Each must report nothing. The
// address throttle and lockout are raised first, as a penetration tester would ask, so that the
// scanners' thousands of requests are answered rather than refused.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';

import { adminWithChangedPassword, changeSecurityPolicy, login, newAdminPassword, startServer } from '../support/server.mjs';

const run = promisify(execFile);
let server;
let admin;
let dir;

// Runs a scanner to completion within `timeoutMs`; resolves its combined output.
async function scanner(command, args, timeoutMs) {
  try {
    const { stdout, stderr } = await run(command, args, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, cwd: dir });
    return `${stdout}\n${stderr}`;
  } catch (error) {
    throw new Error(`${command} failed: ${error.message}\n${error.stdout ?? ''}\n${error.stderr ?? ''}`);
  }
}

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dienhong-scan-'));
  server = await startServer({ args: ['--set', 'limits.requests_per_second=2000', '--set', 'limits.request_burst=4000'] });
  await adminWithChangedPassword(server);
  admin = await login(server, 'admin', newAdminPassword, server.adminUrl);
  // The scanners must reach the password check: no throttle, lock or puzzle stops them first.
  await changeSecurityPolicy(server, admin, (policy) => ({
    ...policy, addressFailuresPerMinute: 1000, lockout: { ...policy.lockout, maxFailures: 100, windowMinutes: 1 },
    proofOfWork: { ...policy.proofOfWork, afterFailures: 100 },
  }));
});

after(async () => {
  await server?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('security scanners', () => {
  test('S1_5_S2_1_sslscan_finds_only_tls_1_2_and_1_3_with_strong_ciphers_on_both_listeners', async () => {
    for (const port of [server.publicPort, server.adminPort]) {
      const out = await scanner('sslscan', ['--no-colour', `127.0.0.1:${port}`], 60_000);
      for (const old of ['SSLv2', 'SSLv3', 'TLSv1.0', 'TLSv1.1']) assert.match(out, new RegExp(`${old.replace('.', '\\.')}\\s+disabled`), `${old} on ${port}`);
      assert.match(out, /TLSv1\.2\s+enabled/);
      assert.match(out, /TLSv1\.3\s+enabled/);
      assert.doesNotMatch(out.replace(/not vulnerable to heartbleed/gi, ''), /vulnerable to heartbleed/i);
      const accepted = out.split('\n').filter((l) => /^(Preferred|Accepted)\s/.test(l));
      assert.ok(accepted.length > 0, out);
      for (const line of accepted) {
        const bits = Number(/\s(\d+) bits\s/.exec(line)?.[1]);
        assert.ok(bits >= 128, line);
        assert.doesNotMatch(line, /RC4|DES|NULL|EXP|MD5|CBC|anon/i, line);
      }
      assert.doesNotMatch(out, /Insecure session renegotiation supported/);
      console.log(`sslscan ${port}: ${accepted.length} cipher suites, all AEAD ≥ 128 bits; SSLv2/3, TLS 1.0/1.1 disabled`);
    }
  });

  test('S4_2_sqlmap_finds_no_injection_in_the_sign_in_or_the_administration_api', async () => {
    const common = ['--batch', '--level=2', '--risk=1', '--disable-coloring', `--output-dir=${dir}/sqlmap`, '--flush-session'];
    const targets = [
      // A wrong sign-in is the normal answer here (401), not a reason to stop.
      ['-u', `${server.publicUrl}/api/v1/auth/login`, '--method=POST', '--data={"username":"nobody*","password":"x"}',
        '--headers=Content-Type: application/json', '--ignore-code=401'],
      ['-u', `${server.adminUrl}/api/v1/admin/users?q=a&role=user&status=active&offset=0&limit=10`,
        `--headers=Cookie: ${admin.cookie}`],
      ['-u', `${server.adminUrl}/api/v1/admin/audit?q=a&category=access&outcome=denied&actor=x&from=0&limit=10`,
        `--headers=Cookie: ${admin.cookie}`],
    ];
    for (const target of targets) {
      const out = await scanner('sqlmap', [...target, ...common], 240_000);
      assert.match(out, /do not appear to be injectable|does not seem to be injectable/, out.slice(-3000));
      assert.doesNotMatch(out, /is vulnerable|appears to be '.*' injectable|sqlmap identified the following injection/i, out.slice(-3000));
      console.log(`sqlmap ${target[1].replace(/\?.*/, '')}: ${/all tested parameters do not appear to be injectable|does not seem to be injectable/.exec(out)[0]}`);
    }
  });

  test('S4_2_wapiti_reports_no_vulnerability_on_either_listener', async () => {
    const seeds = {
      [server.adminPort]: ['/api/v1/admin/users?q=a&role=user&status=active&unit=x&offset=0&limit=10',
        '/api/v1/admin/audit?q=a&category=access&outcome=denied&actor=x&from=0&to=1&limit=10',
        '/api/v1/admin/audit/export?format=csv&q=a', '/admin/users', '/admin/audit'],
      [server.publicPort]: ['/api/v1/rooms', '/api/v1/auth/session', '/r/123456789?t=abc', '/login?next=/admin'],
    };
    const refusedBefore = (server.stderr.match(/msg=request_refused/g) ?? []).length;
    for (const [port, paths] of Object.entries(seeds)) {
      const base = `https://127.0.0.1:${port}`;
      const report = path.join(dir, `wapiti-${port}.json`);
      await scanner('wapiti', ['-u', `${base}/`, '--scope', 'domain', ...paths.flatMap((p) => ['-s', `${base}${p}`]),
        '-m', 'sql,exec,file,xss,permanentxss,csrf,redirect,crlf,xxe', '-H', `Cookie: ${admin.cookie}`,
        // No request may leave the machine: the modules' out-of-band endpoint is a closed local port.
        '--endpoint', 'http://127.0.0.1:9/', '--no-bugreport', '--flush-session', '--max-scan-time', '150',
        '--max-attack-time', '60', '--verify-ssl', '0', '-f', 'json', '-o', report], 240_000);
      const result = JSON.parse(await readFile(report, 'utf8'));
      const found = Object.entries(result.vulnerabilities).filter(([, list]) => list.length > 0);
      assert.deepEqual(found, [], JSON.stringify(found, null, 1));
      const anomalies = Object.entries(result.anomalies).filter(([, list]) => list.length > 0);
      assert.deepEqual(anomalies, [], 'no internal error either');
      console.log(`wapiti ${port}: ${Object.keys(result.vulnerabilities).length} vulnerability classes checked, 0 found, 0 anomalies`);
    }
    const refused = (server.stderr.match(/msg=request_refused/g) ?? []).length - refusedBefore;
    assert.ok(refused > 50, `the scanners' payloads reached the API and were refused as invalid (${refused})`);
    assert.doesNotMatch(server.stderr, /msg=request_failed/, 'no payload caused an internal error');
  });
});
