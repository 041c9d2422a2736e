// Test harness: starts the real `dienhong serve` binary on free ports with a temporary data
// directory, reads the one-time password it prints, and talks HTTPS to it trusting only the
// certificate the server generated. Every started server is stopped and its directory removed.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { signInRequest } from './proof-of-work.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const binary = process.env.DIENHONG_BINARY ?? path.join(root, 'build/asan/src/app/dienhong');
const startTimeoutMs = 20_000;

// A TCP port free on 127.0.0.1 at the time of asking, for a server that must be told its port.
export async function freePort() {
  const probe = net.createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export async function makeDataDir() {
  return mkdtemp(path.join(tmpdir(), 'dienhong-test-'));
}

// Runs the binary to completion (for CLI subcommands); resolves { code, stdout, stderr }.
export async function runCli(args, { env = {}, timeoutMs = 20_000 } = {}) {
  const child = spawn(binary, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => { stdout += d; });
  child.stderr.on('data', (d) => { stderr += d; });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const [code] = await once(child, 'exit');
  clearTimeout(timer);
  return { code, stdout, stderr };
}

export class TestServer {
  constructor(child, dataDir, ownsDataDir, host = '127.0.0.1') {
    this.child = child;
    this.host = host;
    this.dataDir = dataDir;
    this.ownsDataDir = ownsDataDir;
    this.stdout = '';
    this.stderr = '';
    this.exited = once(child, 'exit');
  }

  get publicUrl() { return `https://${this.host}:${this.publicPort}`; }
  get adminUrl() { return `https://${this.host}:${this.adminPort}`; }

  async ca() {
    this.caPem ??= await readFile(path.join(this.dataDir, 'tls', 'server.crt'));
    return this.caPem;
  }

  // HTTPS request trusting the server's own certificate; resolves { status, headers, body, json }.
  // localAddress: the source address (another loopback address such as 127.0.0.2, for tests of
  // address-based rules).
  async request(url, { method = 'GET', headers = {}, body, agent, localAddress } = {}) {
    const ca = await this.ca();
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const allHeaders = { ...headers };
    if (payload !== undefined && body !== undefined && typeof body !== 'string' && !('content-type' in lower(allHeaders))) {
      allHeaders['content-type'] = 'application/json';
    }
    return new Promise((resolve, reject) => {
      const req = https.request(url, { method, headers: allHeaders, ca, agent: agent ?? false, localAddress }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json;
          try { json = JSON.parse(text); } catch { json = undefined; }
          resolve({ status: res.statusCode, headers: res.headers, body: text, json });
        });
      });
      req.on('error', reject);
      req.setTimeout(15_000, () => req.destroy(new Error(`timeout: ${method} ${url}`)));
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  // SIGTERM, then wait for exit; resolves { code, signal, ms }.
  async stop({ signal = 'SIGTERM' } = {}) {
    const started = Date.now();
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    const killer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    const [code, sig] = await this.exited;
    clearTimeout(killer);
    if (this.ownsDataDir) await rm(this.dataDir, { recursive: true, force: true });
    return { code, signal: sig, ms: Date.now() - started };
  }
}

function lower(headers) {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

// Starts `dienhong serve` on 127.0.0.1 with ports chosen by the system.
// `executable`: another build of the server (the load test runs the optimised one).
// `host` and `launcher`: the benchmarks run it on a veth address inside their own network
// namespace (launcher ['ip', 'netns', 'exec', NS, 'taskset', '-c', '0']); its generated
// certificate then names that address.
export async function startServer({ args = [], env = {}, dataDir, executable = binary, host = '127.0.0.1',
  launcher = [] } = {}) {
  const ownsDataDir = dataDir === undefined;
  const dir = dataDir ?? await makeDataDir();
  const serveArgs = ['serve', '--data-dir', dir, '--bind', host, '--http-port', '0', '--admin-port', '0',
    '--log-level', 'warn', '--set', 'media.port=0', '--set', 'media.workers=2', ...args];
  if (host !== '127.0.0.1') serveArgs.push('--set', `tls.hostnames=${host}`);
  const [file, ...prefix] = [...launcher, executable];
  const child = spawn(file, [...prefix, ...serveArgs], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const server = new TestServer(child, dir, ownsDataDir, host);
  child.stderr.on('data', (d) => { server.stderr += d; });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${server.stderr}`)), startTimeoutMs);
    child.stdout.on('data', (d) => {
      server.stdout += d;
      const listening = /listening public=(\d+) admin=(\d+).*\n/.exec(server.stdout);
      if (listening) {
        server.publicPort = Number(listening[1]);
        server.adminPort = Number(listening[2]);
        server.mediaPorts = (/media=([\d,]+)/.exec(server.stdout)?.[1] ?? '').split(',').filter(Boolean).map(Number);
        server.redirectPort = Number(/redirect=(\d+)/.exec(server.stdout)?.[1] ?? 0) || undefined;
        const otp = /One-time password: (\S+)/.exec(server.stdout);
        server.oneTimePassword = otp?.[1];
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${server.stderr}`));
    });
  });
  return server;
}

// Signs in (solving the puzzle when asked, S1.6) and returns { cookie, csrfToken, session } for
// follow-up requests.
export async function login(server, username, password, baseUrl = server.publicUrl) {
  const res = await signInRequest(server, { username, password }, { baseUrl });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.body}`);
  const cookie = res.headers['set-cookie'][0].split(';')[0];
  return { cookie, csrfToken: res.json.csrfToken, session: res.json, setCookie: res.headers['set-cookie'][0] };
}

export const newAdminPassword = 'Mật-khẩu-Mới-2026!';

// Reads the security policy, lets `change(policy)` return the new one, and saves it as `admin`
// (a signed-in state on the administration port); resolves the policy saved.
export async function changeSecurityPolicy(server, admin, change) {
  const policyPath = `${server.adminUrl}/api/v1/admin/security-policy`;
  const current = await server.request(policyPath, { headers: { cookie: admin.cookie } });
  if (current.status !== 200) throw new Error(`policy not readable: ${current.status} ${current.body}`);
  const saved = await server.request(policyPath, {
    method: 'PUT', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken }, body: change(current.json.policy),
  });
  if (saved.status !== 200) throw new Error(`policy not saved: ${saved.status} ${saved.body}`);
  return saved.json.policy;
}

// First sign-in of `admin` and the forced change; returns the signed-in state.
export async function adminWithChangedPassword(server) {
  const first = await login(server, 'admin', server.oneTimePassword);
  const res = await server.request(`${server.publicUrl}/api/v1/auth/password`, {
    method: 'POST',
    headers: { cookie: first.cookie, 'x-csrf-token': first.csrfToken },
    body: { currentPassword: server.oneTimePassword, newPassword: newAdminPassword },
  });
  if (res.status !== 200) throw new Error(`password change failed: ${res.status} ${res.body}`);
  return first;
}

// Creates a room owned by `owner` (a signed-in state from login()); `settings` are the REST
// fields (title, password, allowGuests, lobbyEnabled, maxParticipants, ...). Resolves
// { id, code, inviteToken, invitationPath, room }.
export async function createRoom(server, owner, settings = {}) {
  const res = await server.request(`${server.publicUrl}/api/v1/rooms`, {
    method: 'POST', headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrfToken }, body: settings,
  });
  if (res.status !== 201) throw new Error(`room creation failed: ${res.status} ${res.body}`);
  return { id: res.json.room.id, code: res.json.room.code, inviteToken: res.json.inviteToken,
    invitationPath: res.json.invitationPath, room: res.json.room };
}

// A room that guests with the invitation link enter directly — what a test call needs. The
// server's admin (password changed once per server) owns it.
export async function openRoom(server, settings = {}) {
  server.owner ??= await adminWithChangedPassword(server);
  return createRoom(server, server.owner, { allowGuests: true, ...settings });
}
