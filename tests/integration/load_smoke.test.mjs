// The smoke version of benchmark scenario 1 (bench/README.md): ten simulated endpoints in one
// room, each publishing three simulcast layers and Opus-sized audio and receiving everyone else,
// for 30 seconds against the optimised server that `make run` starts. Nothing may be lost after
// retransmission and no stream may freeze (P1, P2, P3); the figures are printed for the log.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';

import { openRoom, startServer } from '../support/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const serverBinary = process.env.DIENHONG_RELEASE_BINARY ?? path.join(root, 'build/release/src/app/dienhong');
const loadgen = process.env.DIENHONG_LOADGEN ?? path.join(root, 'build/release/bench/loadgen/dienhong-loadgen');

let server;
let work;
before(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'dienhong-load-'));
  server = await startServer({ executable: serverBinary });
});
after(async () => {
  await server?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

function run(command, args, timeoutMs) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('exit', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
  });
}

test('P1_P2_P3_ten_endpoints_for_30_s_lose_nothing_and_never_freeze', { timeout: 120_000 }, async () => {
  const room = await openRoom(server, { maxParticipants: 20 });
  const output = path.join(work, 'result.json');
  const { code, stdout, stderr } = await run(loadgen, [
    '--scenario', path.join(root, 'bench/scenarios/smoke-10.json'), '--target', 'dienhong',
    '--server', server.publicUrl, '--room', `${room.code}:${room.inviteToken}`,
    '--ca', path.join(server.dataDir, 'tls', 'server.crt'), '--server-pid', String(server.child.pid),
    '--output', output,
  ], 100_000);
  console.log(stdout);
  assert.equal(code, 0, `the load generator failed:\n${stdout}\n${stderr}`);
  const report = JSON.parse(await readFile(output, 'utf8'));
  assert.equal(report.ready, 10);
  assert.equal(report.windowSeconds >= 30, true);
  assert.equal(report.audio.streams, 90, 'each endpoint hears the other nine');
  assert.equal(report.video.streams, 90, 'and sees them');
  assert.equal(report.audio.lost, 0, `audio lost: ${JSON.stringify(report.audio)}`);
  assert.equal(report.video.lost, 0, `video lost after retransmission: ${JSON.stringify(report.video)}`);
  assert.equal(report.video.freezes, 0, `video froze: ${JSON.stringify(report.video)}`);
  assert.equal(report.audio.freezes, 0, `audio stopped: ${JSON.stringify(report.audio)}`);
  // Nine publishers' audio at 50 packets/s to nine subscribers is 4050 packets/s; video adds more.
  assert.ok(report.forwarded.packetsPerSecond > 4050 + 2000, `forwarded ${report.forwarded.packetsPerSecond}/s`);
  assert.deepEqual(Object.keys(report.srtpProfiles), ['AEAD_AES_128_GCM'], 'the server prefers AES-GCM');
});
