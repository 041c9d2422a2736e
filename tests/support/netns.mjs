// Network namespaces for browser tests under bad network conditions (root only, Linux).
//
// createNetns() makes a uniquely named namespace `dh-<pid>-<n>` joined to the host by a veth pair:
// host side 10.77.<n>.1/24 (a local address of the host, so a server bound to 0.0.0.0 and media
// bound to :: are reachable on it), namespace side 10.77.<n>.2/24, and `lo` up inside. A Chromium
// started through chromiumWrapper() lives in the namespace and reaches the server only through the
// veth, so what is done to the veth is what that browser's network does:
//
//   limitDownload(kbit)          tbf on the host side's egress: the namespace's download rate
//   unlimit()                    removes it
//   dropIncomingUdp(pct, ports?) nft inside the namespace drops that share of incoming UDP (from
//                                the given source ports only, e.g. the server's media ports)
//   blockUdp()                   nft inside the namespace drops every UDP datagram, in and out
//   clearFilters()               removes the nft rules (the tbf stays until unlimit())
//   droppedPackets()             packets the nft rules have dropped so far
//   chromiumWrapper()            path of a script that runs /usr/lib/chromium/chromium in the
//                                namespace (for playwright's executablePath)
//   destroy()                    always cleans up: namespace (and with it the veth pair), temp files
//
// No netem on the test machines (no delay/loss qdisc): loss is nft's `numgen random`. Only
// addresses 10.77.<n>.0/24 of namespaces made here carry traffic. Namespaces, links and temp
// directories of earlier runs whose process is gone (crash, SIGKILL) are deleted by
// cleanStaleNamespaces(), which createNetns() calls.
// Needs `ip` and `tc` (iproute2) and `nft` (nftables).
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const chromiumBinary = process.env.DIENHONG_CHROMIUM_BINARY ?? '/usr/lib/chromium/chromium';
const table = 'dh';  // nft table inside the namespace (inet: IPv4 and IPv6)
let created = 0;

// Runs a tool; resolves stdout or rejects with the command and its stderr.
export function run(cmd, args, { input } = {}) {
  return new Promise((resolve, reject) => {
    const child = execFile(cmd, args, { timeout: 15_000 }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const hint = error.code === 'ENOENT' ? ` (${cmd} not installed: iproute2 gives ip and tc, nftables gives nft)` : '';
      reject(new Error(`${cmd} ${args.join(' ')} failed${hint}: ${stderr || error.message}`));
    });
    if (input !== undefined) child.stdin.end(input);
  });
}

// Why namespaces cannot be made here (a reason to skip), or null.
export function netnsUnavailableReason() {
  if (process.platform !== 'linux') return 'network namespaces need Linux';
  if (process.getuid?.() !== 0) return 'network namespaces need root';
  return null;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

// Deletes dh-<pid>-<n> namespaces and dh<pid>x<n>{h,n} links whose process no longer runs.
export async function cleanStaleNamespaces() {
  const namespaces = (await run('ip', ['netns', 'list'])).split('\n').map((l) => l.split(' ')[0]).filter(Boolean);
  for (const name of namespaces) {
    const m = /^dh-(\d+)-\d+$/.exec(name);
    if (m && !alive(Number(m[1]))) await run('ip', ['netns', 'delete', name]).catch(() => {});
  }
  const links = (await run('ip', ['-o', 'link', 'show'])).split('\n');
  for (const line of links) {
    const m = /^\d+: (dh(\d+)x\d+[hn])[@:]/.exec(line);
    if (m && !alive(Number(m[2]))) await run('ip', ['link', 'delete', m[1]]).catch(() => {});
  }
  for (const entry of await readdir(tmpdir()).catch(() => [])) {
    const m = /^dh-(\d+)-\d+-\w{6}$/.exec(entry);
    if (m && !alive(Number(m[1]))) await rm(path.join(tmpdir(), entry), { recursive: true, force: true }).catch(() => {});
  }
}

async function freeSubnet() {
  const used = new Set();
  for (const m of (await run('ip', ['-o', '-4', 'addr', 'show'])).matchAll(/inet 10\.77\.(\d+)\./g)) used.add(Number(m[1]));
  for (let n = 1 + (process.pid % 200); n < 1 + (process.pid % 200) + 254; ++n) {
    const candidate = ((n - 1) % 254) + 1;
    if (!used.has(candidate)) return candidate;
  }
  throw new Error('no free 10.77.x.0/24 subnet');
}

export class NetNamespace {
  constructor({ name, hostVeth, nsVeth, subnet }) {
    this.name = name;
    this.hostVeth = hostVeth;
    this.nsVeth = nsVeth;
    this.hostAddress = `10.77.${subnet}.1`;
    this.nsAddress = `10.77.${subnet}.2`;
    this.tempDir = null;
  }

  // Both ends report carrier (a veth is up only once its peer is), so nothing changes later.
  async waitUntilUp(timeoutMs = 5000) {
    const started = Date.now();
    for (;;) {
      const host = await run('ip', ['-o', 'link', 'show', 'dev', this.hostVeth]);
      const inner = await run('ip', ['-n', this.name, '-o', 'link', 'show', 'dev', this.nsVeth]);
      if (/state UP/.test(host) && /state UP/.test(inner)) return;
      if (Date.now() - started > timeoutMs) throw new Error(`veth not up: ${host} ${inner}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  exec(cmd, args, options) { return run('ip', ['netns', 'exec', this.name, cmd, ...args], options); }

  // Download of the namespace limited to `kbit` (token bucket on the host side's egress).
  async limitDownload(kbit, { burstKbit = 32, latencyMs = 300 } = {}) {
    await run('tc', ['qdisc', 'replace', 'dev', this.hostVeth, 'root', 'tbf', 'rate', `${kbit}kbit`,
      'burst', `${burstKbit}kbit`, 'latency', `${latencyMs}ms`]);
  }

  async unlimit() {
    await run('tc', ['qdisc', 'delete', 'dev', this.hostVeth, 'root']).catch((error) => {
      if (!/No such file|Cannot delete qdisc with handle of zero|Invalid handle/.test(error.message)) throw error;
    });
  }

  // Replaces the namespace's rules with `chains` (nft chain bodies keyed by hook).
  async setRules(chains) {
    const body = Object.entries(chains).map(([hook, rules]) =>
      `  chain ${hook} {\n    type filter hook ${hook} priority 0; policy accept;\n${rules.map((r) => `    ${r}\n`).join('')}  }\n`).join('');
    // `table` then `delete table` makes the replacement work whether the table exists or not.
    await this.exec('nft', ['-f', '-'], { input: `table inet ${table}\ndelete table inet ${table}\ntable inet ${table} {\n${body}}\n` });
  }

  // Drops `percent` % of incoming UDP at random (only from `fromPort`, a port or a list, if given).
  async dropIncomingUdp(percent, fromPort) {
    const ports = fromPort === undefined ? [] : [fromPort].flat();
    const match = ports.length ? `udp sport { ${ports.join(', ')} }` : 'meta l4proto udp';
    await this.setRules({ input: [`${match} numgen random mod 100 < ${Number(percent)} counter drop`] });
  }

  // No UDP at all, either way (as on networks that allow only TCP).
  async blockUdp() {
    await this.setRules({ input: ['meta l4proto udp counter drop'], output: ['meta l4proto udp counter drop'] });
  }

  async clearFilters() {
    await this.exec('nft', ['-f', '-'], { input: `table inet ${table}\ndelete table inet ${table}\n` });
  }

  async droppedPackets() {
    const text = await this.exec('nft', ['list', 'table', 'inet', table]).catch(() => '');
    let packets = 0;
    for (const m of text.matchAll(/counter packets (\d+)/g)) packets += Number(m[1]);
    return packets;
  }

  // A script that runs Chromium inside the namespace; pass it as playwright's executablePath.
  async chromiumWrapper() {
    this.tempDir ??= await mkdtemp(path.join(tmpdir(), `${this.name}-`));
    const script = path.join(this.tempDir, 'chromium-in-netns');
    await writeFile(script, `#!/bin/sh\nexec ip netns exec ${this.name} ${chromiumBinary} "$@"\n`);
    await chmod(script, 0o755);
    return script;
  }

  // Idempotent; never throws (it runs from `after` hooks).
  async destroy() {
    await run('ip', ['netns', 'delete', this.name]).catch(() => {});
    await run('ip', ['link', 'delete', this.hostVeth]).catch(() => {});  // gone with the namespace normally
    if (this.tempDir) await rm(this.tempDir, { recursive: true, force: true }).catch(() => {});
    this.tempDir = null;
  }
}

// Creates a namespace with its veth pair and addresses; on failure, removes what was made.
export async function createNetns() {
  await cleanStaleNamespaces();
  const n = ++created;
  const subnet = await freeSubnet();
  const ns = new NetNamespace({
    name: `dh-${process.pid}-${n}`, hostVeth: `dh${process.pid}x${n}h`, nsVeth: `dh${process.pid}x${n}n`, subnet,
  });
  try {
    await run('ip', ['netns', 'add', ns.name]);
    await run('ip', ['link', 'add', ns.hostVeth, 'type', 'veth', 'peer', 'name', ns.nsVeth]);
    await run('ip', ['link', 'set', ns.nsVeth, 'netns', ns.name]);
    // No IPv6 link-local addresses: their late arrival (after DAD) makes Chromium abort page loads
    // with ERR_NETWORK_CHANGED.
    await run('ip', ['link', 'set', 'dev', ns.hostVeth, 'addrgenmode', 'none']);
    await run('ip', ['-n', ns.name, 'link', 'set', 'dev', ns.nsVeth, 'addrgenmode', 'none']);
    await run('ip', ['addr', 'add', `${ns.hostAddress}/24`, 'dev', ns.hostVeth]);
    await run('ip', ['-n', ns.name, 'addr', 'add', `${ns.nsAddress}/24`, 'dev', ns.nsVeth]);
    await run('ip', ['-n', ns.name, 'link', 'set', 'lo', 'up']);
    await run('ip', ['-n', ns.name, 'link', 'set', ns.nsVeth, 'up']);
    await run('ip', ['link', 'set', ns.hostVeth, 'up']);
    await ns.waitUntilUp();
  } catch (error) {
    await ns.destroy();
    throw error;
  }
  return ns;
}
