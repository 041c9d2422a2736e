// The load benchmarks of `make bench` (bench/README.md): each scenario of bench/scenarios against
// each server, one at a time on this machine, through dienhong-loadgen. Every run's report is
// kept under bench/results/runs/ and summed up in bench/results/history.jsonl, so a regression
// shows against earlier runs; the table of this session is printed at the end.
//
//   node bench/run.mjs [--scenario NAME]... [--duration SECONDS] [--soak-duration SECONDS]
import { execFileSync, spawn } from 'node:child_process';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { openRoom, startServer } from '../tests/support/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const build = process.env.BENCH_BUILD_DIR ?? path.join(root, 'build/release');
const serverBinary = path.join(build, 'src/app/dienhong');
const loadgen = path.join(build, 'bench/loadgen/dienhong-loadgen');
const resultsDir = path.join(root, 'bench/results');

const args = process.argv.slice(2);
const option = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const chosen = args.flatMap((a, i) => (args[i - 1] === '--scenario' ? [a] : []));
const scenarios = chosen.length ? chosen : ['one-room-40', 'grid-100', 'five-rooms-10', 'soak-40'];
const duration = option('--duration');
const soakDuration = option('--soak-duration') ?? '180';

// The server on the first core, the load generator on the second: neither waits for the other's
// time slice, so latency is the server's own (on 2 cores, unpinned, p99 doubled).
const pinned = cpus().length >= 2;
function pinServer(pid) {
  if (pinned) execFileSync('taskset', ['-a', '-p', '-c', '0', String(pid)], { stdio: 'ignore' });
}

function run(command, commandArgs) {
  return new Promise((resolve, reject) => {
    const [file, argv] = pinned ? ['taskset', ['-c', '1', command, ...commandArgs]] : [command, commandArgs];
    const child = spawn(file, argv, { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (d) => { stdout += d; process.stdout.write(d); });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout }));
  });
}

async function runOnDienHong(name, stamp) {
  const scenario = JSON.parse(await readFile(path.join(root, 'bench/scenarios', `${name}.json`), 'utf8'));
  const server = await startServer({ executable: serverBinary, args: ['--set', 'media.workers=2'] });
  try {
    pinServer(server.child.pid);
    const rooms = [];
    for (let i = 0; i < (scenario.rooms ?? 1); i += 1) {
      rooms.push(await openRoom(server, { maxParticipants: 1000 }));
    }
    const output = path.join(resultsDir, 'runs', `${stamp}-${name}-dienhong.json`);
    const runArgs = ['--scenario', path.join(root, 'bench/scenarios', `${name}.json`), '--target', 'dienhong',
      '--server', server.publicUrl, '--ca', path.join(server.dataDir, 'tls', 'server.crt'),
      '--server-pid', String(server.child.pid), '--output', output,
      ...rooms.flatMap((r) => ['--room', `${r.code}:${r.inviteToken}`])];
    const seconds = name.startsWith('soak') ? soakDuration : duration;
    if (seconds) runArgs.push('--duration', seconds);
    const { code } = await run(loadgen, runArgs);
    const report = JSON.parse(await readFile(output, 'utf8'));
    // A failed run keeps the server's warnings beside its report.
    if (code !== 0) await writeFile(output.replace(/\.json$/, '-server.log'), server.stderr);
    return { report, code };
  } finally {
    await server.stop();
  }
}

const fixed = (value, digits = 1) => (typeof value === 'number' ? value.toFixed(digits) : '-');

function row(report) {
  const s = report.server ?? {};
  const rss = s.rssKiB ?? {};
  const growth = rss.start ? (100 * (rss.end - rss.start)) / rss.start : undefined;
  return [report.scenario, report.target, `${report.ready}/${report.endpoints}`,
    Object.keys(report.srtpProfiles ?? {}).join('+') || '-', fixed(report.forwarded?.packetsPerSecond, 0),
    fixed(s.cpuPercent), fixed(s.cpuMicrosPerForwardedPacket, 2), rss.end ? `${Math.round(rss.end / 1024)}` : '-',
    fixed(growth), fixed(report.all?.lossPercent, 3), String((report.video?.freezes ?? 0) + (report.audio?.freezes ?? 0)),
    fixed(report.all?.latencyMs?.p50, 2), fixed(report.all?.latencyMs?.p99, 2)];
}

function table(rows) {
  const header = ['scenario', 'server', 'ready', 'SRTP', 'fwd pkt/s', 'CPU %', 'µs/pkt', 'RSS MiB', 'RSS Δ %',
    'loss %', 'freezes', 'p50 ms', 'p99 ms'];
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

await mkdir(path.join(resultsDir, 'runs'), { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
const rows = [];
let failed = false;
for (const name of scenarios) {
  console.log(`\n== ${name} against Diên Hồng`);
  const { report, code } = await runOnDienHong(name, stamp);
  if (code !== 0) failed = true;
  rows.push(row(report));
  await appendFile(path.join(resultsDir, 'history.jsonl'), `${JSON.stringify({
    startedAt: report.startedAt, scenario: report.scenario, target: report.target, ready: report.ready,
    endpoints: report.endpoints, srtpProfiles: report.srtpProfiles, forwarded: report.forwarded, server: report.server,
    lossPercent: report.all?.lossPercent, freezes: (report.video?.freezes ?? 0) + (report.audio?.freezes ?? 0),
    latencyMs: report.all?.latencyMs,
  })}\n`);
  console.log('== Janus: the Janus driver is not built yet; nothing measured');
}
console.log(`\n${table(rows)}`);
process.exit(failed ? 1 : 0);
