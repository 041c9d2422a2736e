// The audit log against the real server: filters and export (S3.1), retention and forwarding to
// a real rsyslog over TLS (S3.2), started by this test with a certificate authority of its own,
// including entries made while rsyslog was down.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { makeCertificates } from '../support/certificates.mjs';
import { waitFor } from '../support/meeting.mjs';

// waitFor for a yes/no probe.
const until = (probe, options) => waitFor(async () => ({ ok: Boolean(await probe()) }), options);
import { signInRequest } from '../support/proof-of-work.mjs';
import { adminWithChangedPassword, freePort, login, newAdminPassword, startServer } from '../support/server.mjs';

let server;
let admin;
let dir;

function as(state) {
  return {
    get: (p) => server.request(`${server.adminUrl}${p}`, { headers: { cookie: state.cookie } }),
    put: (p, body) => server.request(`${server.adminUrl}${p}`, {
      method: 'PUT', headers: { cookie: state.cookie, 'x-csrf-token': state.csrfToken }, body,
    }),
  };
}


class Rsyslog {
  constructor(root, port) {
    this.root = root;
    this.port = port;
    this.received = path.join(root, 'received.log');
  }

  async start() {
    await mkdir(path.join(this.root, 'work'), { recursive: true });
    const conf = path.join(this.root, 'rsyslog.conf');
    await writeFile(conf, `
global(workDirectory="${this.root}/work" DefaultNetstreamDriver="ossl"
       DefaultNetstreamDriverCAFile="${this.root}/good-ca.pem"
       DefaultNetstreamDriverCertFile="${this.root}/good-server.pem"
       DefaultNetstreamDriverKeyFile="${this.root}/good-server.key")
module(load="imtcp" StreamDriver.Name="ossl" StreamDriver.Mode="1" StreamDriver.AuthMode="anon")
input(type="imtcp" port="${this.port}" address="127.0.0.1")
template(name="raw" type="string" string="%rawmsg%\\n")
action(type="omfile" file="${this.received}" template="raw")
`);
    this.child = spawn('rsyslogd', ['-n', '-f', conf, '-i', path.join(this.root, 'rsyslog.pid')], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.output = '';
    this.child.stdout.on('data', (d) => { this.output += d; });
    this.child.stderr.on('data', (d) => { this.output += d; });
    this.exited = once(this.child, 'exit');
    await until(() => new Promise((resolve) => {
      const socket = net.connect(this.port, '127.0.0.1', () => { socket.destroy(); resolve(true); });
      socket.on('error', () => resolve(false));
    }), { timeoutMs: 10_000, what: 'rsyslog listening', explain: async () => this.output });
  }

  async stop() {
    if (!this.child || this.child.exitCode !== null) return;
    this.child.kill('SIGTERM');
    await this.exited;
    this.child = undefined;
  }

  async lines() {
    try {
      return (await readFile(this.received, 'utf8')).split('\n').filter(Boolean);
    } catch {
      return [];
    }
  }
}

let rsyslog;

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dienhong-syslog-'));
  makeCertificates(dir, 'good');
  makeCertificates(dir, 'other');
  rsyslog = new Rsyslog(dir, await freePort());
  await rsyslog.start();
  server = await startServer();
  await adminWithChangedPassword(server);
  admin = await login(server, 'admin', newAdminPassword, server.adminUrl);
});

after(async () => {
  await server?.stop();
  await rsyslog?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const failedSignIn = (username) => signInRequest(server, { username, password: 'sai-mat-khau' });

describe('audit log in the console (S3.1)', () => {
  test('S3_1_entries_are_filtered_by_category_outcome_actor_text_and_time', async () => {
    const start = Date.now();
    await failedSignIn('ke.la.mat');
    const denied = await as(admin).get(`/api/v1/admin/audit?category=access&outcome=denied&q=${encodeURIComponent('KE.LA')}&from=${start}`);
    assert.equal(denied.status, 200, denied.body);
    assert.equal(denied.json.total, 1);
    assert.equal(denied.json.events[0].target, 'user:ke.la.mat');
    const mine = await as(admin).get(`/api/v1/admin/audit?actor=${admin.session.user.id}&limit=1`);
    assert.equal(mine.json.events.length, 1);
    assert.ok(mine.json.total >= 2);
    for (const bad of ['?category=bogus', '?outcome=maybe', '?from=yesterday', '?limit=1001']) {
      assert.equal((await as(admin).get(`/api/v1/admin/audit${bad}`)).status, 400, bad);
    }
  });

  test('S3_1_export_as_csv_guards_against_formulas_and_is_itself_audited', async () => {
    await failedSignIn('=cmd|calc');
    const csv = await as(admin).get('/api/v1/admin/audit/export?format=csv&q=calc');
    assert.equal(csv.status, 200, csv.body);
    assert.match(csv.headers['content-type'], /^text\/csv/);
    assert.match(csv.headers['content-disposition'], /attachment; filename="dienhong-audit\.csv"/);
    const rows = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.equal(rows[0], 'id,time_utc_ms,category,actor,source_address,action,target,outcome,detail');
    assert.equal(rows.length, 2, csv.body);
    assert.match(rows[1], /,"user:=cmd\|calc",/, 'inside a field the = is harmless; a leading one would be quoted with \'');
    const json = await as(admin).get('/api/v1/admin/audit/export?format=json&category=access&limit=5');
    assert.equal(json.status, 200);
    assert.ok(json.json.events.length <= 5);
    const exports = await as(admin).get('/api/v1/admin/audit?q=audit.export');
    assert.ok(exports.json.total >= 2, 'each export is audited');
  });
});

describe('central log server (S3.2)', () => {
  const policyPath = '/api/v1/admin/audit-policy';

  test('S3_2_entries_reach_rsyslog_over_tls_as_rfc5424_and_none_is_lost_while_it_is_down', async () => {
    const initial = await as(admin).get(policyPath);
    assert.equal(initial.status, 200, initial.body);
    assert.equal(initial.json.policy.retentionDays, 365);
    assert.equal(initial.json.forwarding.state, 'off');

    const caCertificate = await readFile(path.join(dir, 'good-ca.pem'), 'utf8');
    const policy = { retentionDays: 30, syslog: { enabled: true, host: '127.0.0.1', port: rsyslog.port, serverName: 'localhost', caCertificate } };
    const saved = await as(admin).put(policyPath, policy);
    assert.equal(saved.status, 200, saved.body);

    // Everything already in the log goes first: the backlog is the queue.
    await until(async () => (await rsyslog.lines()).some((l) => l.includes('action="settings.audit_policy"')),
      { timeoutMs: 20_000, what: 'the policy change at rsyslog', explain: async () => `${rsyslog.output}\n${server.stderr}` });
    const lines = await rsyslog.lines();
    assert.ok(lines.some((l) => l.includes('action="account.create"')), 'the first administrator, made before forwarding began');
    const sample = lines.find((l) => l.includes('action="settings.audit_policy"'));
    assert.match(sample, /^<110>1 \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \S+ dienhong \d+ settings\.audit_policy \[dienhong@32473 id="[0-9a-f]+" category="configuration" actor="[^"]+" source="127\.0\.0\.1" action="settings\.audit_policy" target="audit_policy" outcome="success"\] \uFEFFretentionDays 365→30/);
    await until(async () => (await as(admin).get(policyPath)).json.forwarding.pending === 0,
      { timeoutMs: 10_000, what: 'nothing pending' });
    const status = (await as(admin).get(policyPath)).json.forwarding;
    assert.equal(status.state, 'connected');
    assert.ok(status.lastDeliveredAt > 0);

    // The log server goes away; sign-ins fail meanwhile; it comes back and receives them.
    await rsyslog.stop();
    await until(async () => (await as(admin).get(policyPath)).json.forwarding.state === 'retrying',
      { timeoutMs: 10_000, what: 'the forwarder noticing' });
    for (const name of ['vang.mat.1', 'vang.mat.2', 'vang.mat.3']) await failedSignIn(name);
    assert.ok((await as(admin).get(policyPath)).json.forwarding.pending >= 3, 'queued');
    await rsyslog.start();
    await until(async () => {
      const now = await rsyslog.lines();
      return ['vang.mat.1', 'vang.mat.2', 'vang.mat.3'].every((n) => now.some((l) => l.includes(`target="user:${n}"`)));
    }, { timeoutMs: 60_000, what: 'the entries made while rsyslog was down', explain: async () => server.stderr });
    const ids = (await rsyslog.lines()).map((l) => /id="([0-9a-f]+)"/.exec(l)?.[1]).filter(Boolean);
    const audit = await as(admin).get('/api/v1/admin/audit?limit=1000');
    for (const event of audit.json.events.filter((e) => e.action !== 'audit.export')) {
      assert.ok(ids.includes(event.id) || Date.now() - event.at < 2000, `entry ${event.action} ${event.id} lost`);
    }
  });

  test('S3_2_a_log_server_with_an_untrusted_certificate_receives_nothing', async () => {
    const other = await readFile(path.join(dir, 'other-ca.pem'), 'utf8');
    const before = (await rsyslog.lines()).length;
    const saved = await as(admin).put(policyPath, { retentionDays: 30, syslog: { enabled: true, host: '127.0.0.1', port: rsyslog.port, serverName: 'localhost', caCertificate: other } });
    assert.equal(saved.status, 200);
    await until(async () => /certificate is not trusted/.test((await as(admin).get(policyPath)).json.forwarding.lastError),
      { timeoutMs: 10_000, what: 'the certificate refused' });
    await failedSignIn('khong.tin');
    const settled = await as(admin).get(policyPath);
    assert.equal(settled.json.forwarding.state, 'retrying');
    assert.equal((await rsyslog.lines()).length, before);
    const bad = await as(admin).put(policyPath, { retentionDays: 0, syslog: settled.json.policy.syslog });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.code, 'invalid_setting');
    const off = await as(admin).put(policyPath, { retentionDays: 30, syslog: { ...settled.json.policy.syslog, enabled: false } });
    assert.equal(off.json.forwarding.state === 'off' || off.json.forwarding.state === 'retrying', true);
  });
});
