// The load benchmarks of `make bench` (bench/README.md): each scenario of bench/scenarios against
// Diên Hồng and against Janus, one at a time on this machine, through dienhong-loadgen. Both
// servers run inside the bench's own network namespace on the first core; the load generator
// runs outside it on the second. Every run's report is kept under bench/results/runs/ and summed
// up in bench/results/history.jsonl, so a regression shows against earlier runs; the table of
// this session, with the Janus/Diên Hồng ratios, is printed at the end.
//
//   node bench/run.mjs [--scenario NAME]... [--target dienhong|janus]... [--srtp preferred|aes-cm|both]
//                      [--duration SECONDS] [--soak-duration SECONDS]
import { spawn } from 'node:child_process';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { openRoom, startServer } from '../tests/support/server.mjs';
import { startJanus } from './support/janus.mjs';
import { createBenchNamespace, deleteBenchNamespace } from './support/namespace.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const build = process.env.BENCH_BUILD_DIR ?? path.join(root, 'build/release');
const serverBinary = path.join(build, 'src/app/dienhong');
const loadgen = path.join(build, 'bench/loadgen/dienhong-loadgen');
const resultsDir = path.join(root, 'bench/results');

const args = process.argv.slice(2);
const option = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const repeated = (name) => args.flatMap((a, i) => (args[i - 1] === name ? [a] : []));
const scenarios = repeated('--scenario').length ? repeated('--scenario')
  : ['one-room-40', 'grid-100', 'five-rooms-10', 'soak-40'];
const targets = repeated('--target').length ? repeated('--target') : ['dienhong', 'janus'];
const duration = option('--duration');
const soakDuration = option('--soak-duration') ?? '180';
// Each server on the profile it prefers; the CPU-per-packet targets (scenarios 1 and 3) also with
// both on AES-CM, so the cipher does not decide the comparison.
const srtpMode = option('--srtp') ?? 'both';
const aesCmScenarios = new Set(['one-room-40', 'five-rooms-10']);
function srtpRuns(name) {
  if (srtpMode === 'preferred' || srtpMode === 'aes-cm') return [srtpMode];
  return aesCmScenarios.has(name) ? ['preferred', 'aes-cm'] : ['preferred'];
}

// The servers on the first core, the load generator on the second: neither waits for the
// other's time slice, so latency is the server's own (on 2 cores, unpinned, p99 doubled).
const pinned = cpus().length >= 2;
const namespace = createBenchNamespace();
const serverLauncher = ['ip', 'netns', 'exec', namespace.name, ...(pinned ? ['taskset', '-c', '0'] : [])];

function runLoadgen(loadgenArgs) {
  return new Promise((resolve, reject) => {
    const [file, argv] = pinned ? ['taskset', ['-c', '1', loadgen, ...loadgenArgs]] : [loadgen, loadgenArgs];
    const child = spawn(file, argv, { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (d) => { process.stdout.write(d); });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code));
  });
}

function commonArgs(name, output, srtp) {
  const runArgs = ['--scenario', path.join(root, 'bench/scenarios', `${name}.json`), '--output', output,
    '--local-address', namespace.hostAddress, '--srtp', srtp];
  const seconds = name.startsWith('soak') ? soakDuration : duration;
  if (seconds) runArgs.push('--duration', seconds);
  return runArgs;
}

async function runOnDienHong(name, scenario, output, srtp) {
  const server = await startServer({ executable: serverBinary, host: namespace.serverAddress, launcher: serverLauncher });
  try {
    const rooms = [];
    for (let i = 0; i < (scenario.rooms ?? 1); i += 1) rooms.push(await openRoom(server, { maxParticipants: 1000 }));
    const code = await runLoadgen([...commonArgs(name, output, srtp), '--target', 'dienhong',
      '--server', server.publicUrl, '--ca', path.join(server.dataDir, 'tls', 'server.crt'),
      '--server-pid', String(server.child.pid), ...rooms.flatMap((r) => ['--room', `${r.code}:${r.inviteToken}`])]);
    return { code, log: () => server.stderr };
  } finally {
    await server.stop();
  }
}

async function runOnJanus(name, scenario, output, srtp) {
  const janus = await startJanus({ address: namespace.serverAddress, interfaceName: namespace.serverInterface,
    launcher: serverLauncher });
  try {
    const rooms = [];
    for (let i = 0; i < (scenario.rooms ?? 1); i += 1) {
      const room = 1001 + i;
      await janus.createRoom(room, scenario.endpointsPerRoom);
      rooms.push(room);
    }
    const code = await runLoadgen([...commonArgs(name, output, srtp), '--target', 'janus',
      '--server', janus.webSocketUrl, '--server-pid', String(janus.pid), ...rooms.flatMap((r) => ['--room', String(r)])]);
    return { code, log: () => janus.log };
  } finally {
    await janus.stop();
  }
}

const fixed = (value, digits = 1) => (typeof value === 'number' ? value.toFixed(digits) : '-');
const freezesOf = (report) => (report.video?.freezes ?? 0) + (report.audio?.freezes ?? 0);
const shortProfile = (name) => name.replace('AEAD_AES_', 'GCM-').replace('AES_CM_128_HMAC_SHA1_', 'CM-').replace('_GCM', '');

function row(report, srtp) {
  const s = report.server ?? {};
  const rss = s.rssKiB ?? {};
  const growth = rss.start ? (100 * (rss.end - rss.start)) / rss.start : undefined;
  return [report.scenario, report.target, srtp, `${report.ready}/${report.endpoints}`,
    Object.keys(report.srtpProfiles ?? {}).map(shortProfile).join('+') || '-', fixed(report.forwarded?.packetsPerSecond, 0),
    fixed(s.cpuPercent), fixed(s.cpuMicrosPerForwardedPacket, 2), rss.end ? `${Math.round(rss.end / 1024)}` : '-',
    fixed(growth), fixed(report.all?.lossPercent, 3), String(freezesOf(report)),
    fixed(report.all?.latencyMs?.p50, 2), fixed(report.all?.latencyMs?.p99, 2)];
}

// Janus's figure over ours: above 1 means Janus spends more (CPU, memory, latency).
function ratioRow(ours, theirs, srtp) {
  const ratio = (a, b) => (typeof a === 'number' && typeof b === 'number' && a > 0 ? `${(b / a).toFixed(2)}x` : '-');
  return [ours.scenario, 'Janus ÷ Diên Hồng', srtp, '', '', ratio(ours.forwarded?.packetsPerSecond, theirs.forwarded?.packetsPerSecond),
    ratio(ours.server?.cpuPercent, theirs.server?.cpuPercent),
    ratio(ours.server?.cpuMicrosPerForwardedPacket, theirs.server?.cpuMicrosPerForwardedPacket),
    ratio(ours.server?.rssKiB?.end, theirs.server?.rssKiB?.end), '', '', '',
    ratio(ours.all?.latencyMs?.p50, theirs.all?.latencyMs?.p50), ratio(ours.all?.latencyMs?.p99, theirs.all?.latencyMs?.p99)];
}

function table(rows) {
  const header = ['scenario', 'server', 'SRTP offered', 'ready', 'SRTP used', 'fwd pkt/s', 'CPU %', 'µs/pkt', 'RSS MiB',
    'RSS Δ %', 'loss %', 'freezes', 'p50 ms', 'p99 ms'];
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
const rows = [];
let failed = false;
try {
  await mkdir(path.join(resultsDir, 'runs'), { recursive: true });
  for (const name of scenarios) {
    const scenario = JSON.parse(await readFile(path.join(root, 'bench/scenarios', `${name}.json`), 'utf8'));
    for (const srtp of srtpRuns(name)) {
      const reports = {};
      for (const target of targets) {
        console.log(`\n== ${name} against ${target === 'janus' ? 'Janus' : 'Diên Hồng'} (SRTP offered: ${srtp})`);
        const output = path.join(resultsDir, 'runs', `${stamp}-${name}-${srtp}-${target}.json`);
        const { code, log } = await (target === 'janus' ? runOnJanus : runOnDienHong)(name, scenario, output, srtp);
        const report = JSON.parse(await readFile(output, 'utf8'));
        // A failed run keeps the end of the server's log beside its report (a saturated Janus
        // writes hundreds of megabytes of "Discarding too old outgoing packet").
        if (code !== 0) {
          failed = true;
          await writeFile(output.replace(/\.json$/, '-server.log'), `${log().split('\n').slice(-400).join('\n')}\n`);
        }
        reports[target] = report;
        rows.push(row(report, srtp));
        await appendFile(path.join(resultsDir, 'history.jsonl'), `${JSON.stringify({
          startedAt: report.startedAt, scenario: report.scenario, target: report.target, srtpOffered: srtp,
          ready: report.ready, endpoints: report.endpoints, srtpProfiles: report.srtpProfiles, forwarded: report.forwarded,
          server: report.server, lossPercent: report.all?.lossPercent, freezes: freezesOf(report),
          latencyMs: report.all?.latencyMs,
        })}\n`);
      }
      if (reports.dienhong && reports.janus) rows.push(ratioRow(reports.dienhong, reports.janus, srtp));
    }
  }
} finally {
  deleteBenchNamespace();
}
console.log(`\n${table(rows)}`);
process.exit(failed ? 1 : 0);
