// Calls through our SFU under bad networks, in real headless Chromium: the receiver under test
// runs in a network namespace (tests/support/netns.mjs) whose veth we throttle (tbf), make lossy
// (nft numgen) or strip of UDP, while the sender runs on the host. What is asserted is what the
// receiving browser's getStats() reports: layer sizes, decoded frames, NACK/RTX, candidate pairs.
// Needs root (namespaces, tc, nft); skipped otherwise.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { launchBrowser } from '../support/browser.mjs';
import { joinMeeting, receiveStats, waitFor } from '../support/meeting.mjs';
import { createNetns, netnsUnavailableReason } from '../support/netns.mjs';
import { startServer } from '../support/server.mjs';

const skip = netnsUnavailableReason() ?? false;

let ns;
let server;
let hostBrowser;
let nsBrowser;
before(async () => {
  if (skip) return;
  // The namespace first, so the server starts with its veth address among the host's addresses.
  ns = await createNetns();
  server = await startServer({
    args: [
      '--bind', '0.0.0.0',  // later flags win (command_line.cpp: one override map): 127.0.0.1 and the veth
      '--set', 'server.admin_bind=127.0.0.1',
      '--set', `media.announced_addresses=127.0.0.1,${ns.hostAddress}`,
      '--log-level', 'info',
    ],
  });
  [hostBrowser, nsBrowser] = await Promise.all([
    launchBrowser({ media: true }),
    ns.chromiumWrapper().then((executablePath) => launchBrowser({ media: true, executablePath })),
  ]);
});
after(async () => {
  await nsBrowser?.close().catch(() => {});
  await hostBrowser?.close().catch(() => {});
  await server?.stop();
  await ns?.destroy();
});

const hostUrl = () => `https://localhost:${server.publicPort}`;
const nsUrl = () => `https://${ns.hostAddress}:${server.publicPort}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const size = (v) => (v ? `${v.frameWidth}x${v.frameHeight}` : 'none');

// The one remote video a page receives (the section that carries the most bytes).
async function remoteVideo(page) {
  const s = await receiveStats(page);
  const video = s.video.reduce((best, v) => (!best || v.bytesReceived > best.bytesReceived ? v : best), null);
  return { video, pair: s.pair, at: Date.now() };
}

// The selected candidate pair of the page's publish connection.
async function publishPair(page) {
  return page.evaluate(async () => {
    const pc = window.__dienhong?.publishPc;
    if (!pc) return null;
    const report = await pc.getStats();
    const byId = new Map();
    report.forEach((s) => byId.set(s.id, s));
    let pair = null;
    let bytesSent = 0;
    report.forEach((s) => {
      if (s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded') {
        pair = { localProtocol: byId.get(s.localCandidateId)?.protocol, remoteProtocol: byId.get(s.remoteCandidateId)?.protocol,
          remoteAddress: byId.get(s.remoteCandidateId)?.address, remotePort: byId.get(s.remoteCandidateId)?.port };
      }
      if (s.type === 'outbound-rtp' && s.kind === 'video') bytesSent += s.bytesSent ?? 0;
    });
    return pair && { ...pair, bytesSent };
  });
}

// Samples the remote video every `sliceMs` over `windowMs`; returns the samples.
async function observe(page, windowMs, sliceMs = 2000) {
  const samples = [await remoteVideo(page)];
  while (samples.at(-1).at - samples[0].at < windowMs - 50) {
    await sleep(sliceMs);
    samples.push(await remoteVideo(page));
  }
  return samples;
}

function summarize(samples) {
  const first = samples[0].video;
  const last = samples.at(-1).video;
  const seconds = (samples.at(-1).at - samples[0].at) / 1000;
  const slices = samples.slice(1).map((s, i) => s.video.framesDecoded - samples[i].video.framesDecoded);
  return {
    seconds,
    slices,
    fps: (last.framesDecoded - first.framesDecoded) / seconds,
    freezes: last.freezeCount - first.freezeCount,
    sizes: [...new Set(samples.map((s) => size(s.video)))],
    packetsLost: last.packetsLost - first.packetsLost,
    retransmitted: last.retransmittedPacketsReceived - first.retransmittedPacketsReceived,
    nacks: last.nackCount - first.nackCount,
    kbps: ((last.bytesReceived - first.bytesReceived) * 8) / seconds / 1000,
  };
}

// Server log lines since `mark` (an index into server.stderr), for failure messages.
const logSince = (mark) => server.stderr.slice(mark).split('\n').filter(Boolean).slice(-40).join('\n');

async function closeAll(...participants) {
  await Promise.all(participants.filter(Boolean).map((p) => p.context.close().catch(() => {})));
}

describe('P3 P2 G1 meetings under bad networks', { skip }, () => {
  test('P3_a_receiver_limited_to_300_kbits_gets_the_low_layer_keeps_decoding_and_climbs_back_to_720p_within_15_s', async () => {
    const mark = server.stderr.length;
    const room = 'mang-cham-300k';
    let sender;
    let receiver;
    try {
      sender = await joinMeeting(hostBrowser, hostUrl(), room, 'Gửi');
      receiver = await joinMeeting(nsBrowser, nsUrl(), room, 'Nhận', { deviceScaleFactor: 2 });

      const hd = await waitFor(async () => {
        const r = await remoteVideo(receiver.page);
        return { ok: r.video?.frameWidth === 1280 && r.video?.frameHeight === 720, size: size(r.video), pair: r.pair };
      }, { timeoutMs: 45_000, intervalMs: 500, what: 'receiver decoding 1280x720 before the limit' });
      assert.equal(hd.value.pair?.remoteAddress, ns.hostAddress, 'the receiver reaches the server through the veth');

      // Download limited to 300 kbit/s: the SFU must notice and forward the low layer.
      const limited = Date.now();
      await ns.limitDownload(300);
      const trace = [];
      const dropped = await waitFor(async () => {
        const r = await remoteVideo(receiver.page);
        trace.push(`${Date.now() - limited}ms ${size(r.video)} frames=${r.video?.framesDecoded}`);
        return { ok: r.video && r.video.frameHeight > 0 && r.video.frameHeight <= 270, size: size(r.video) };
      }, { timeoutMs: 20_000, intervalMs: 250, what: 'low layer (<= 270 lines) under 300 kbit/s' })
        .catch((error) => {
          const sampled = trace.filter((_, i) => i % 4 === 0 || i === trace.length - 1);
          throw new Error(`${error.message}\ntrace: ${sampled.join(', ')}\nserver log:\n${logSince(mark)}`);
        });
      const timeToDropMs = Date.now() - limited;

      const underLimit = summarize(await observe(receiver.page, 10_000));
      const stalled = underLimit.slices.filter((d) => d <= 0).length;
      assert.equal(stalled, 0, `frames advance in every 2 s slice under the limit: ${JSON.stringify(underLimit)}`);
      assert.ok(underLimit.sizes.every((s) => Number(s.split('x')[1]) <= 270),
        `only the low layer under the limit: ${JSON.stringify(underLimit)}`);

      // Limit lifted: back to 1280x720 within 15 s.
      const lifted = Date.now();
      await ns.unlimit();
      const climbTrace = [];
      let backMs = null;
      try {
        await waitFor(async () => {
          const r = await remoteVideo(receiver.page);
          climbTrace.push(`${Date.now() - lifted}ms ${size(r.video)}`);
          return { ok: r.video?.frameWidth === 1280 && r.video?.frameHeight === 720 };
        }, { timeoutMs: 25_000, intervalMs: 250, what: '1280x720 again after the limit' });
        backMs = Date.now() - lifted;
      } catch {
        backMs = null;
      }

      console.log(`# P3 figures: 1280x720 reached ${hd.ms} ms after joining; under 300 kbit/s: low layer ` +
        `${dropped.value.size} after ${timeToDropMs} ms, over 10 s sizes ${underLimit.sizes.join('/')} at ` +
        `${underLimit.fps.toFixed(1)} fps (frames per 2 s: ${underLimit.slices.join(',')}), ${underLimit.kbps.toFixed(0)} ` +
        `kbit/s video, ${underLimit.freezes} freezes, ${underLimit.packetsLost} lost, ${underLimit.retransmitted} RTX; ` +
        `back to 1280x720 ${backMs === null ? 'NOT within 25 s' : `${backMs} ms`} after lifting the limit`);
      const sampled = climbTrace.filter((_, i) => i % 4 === 0 || i === climbTrace.length - 1);
      assert.ok(backMs !== null && backMs <= 15_000,
        `1280x720 within 15 s after lifting the limit, took ${backMs ?? '> 25000'} ms; sizes: ${sampled.join(', ')}\n` +
        `server log:\n${logSince(mark)}`);
      assert.deepEqual(sender.problems, []);
      assert.deepEqual(receiver.problems, []);
    } finally {
      await ns.unlimit();
      await closeAll(sender, receiver);
    }
  });

  test('P2_with_5_percent_loss_toward_a_receiver_video_keeps_decoding_thanks_to_nack_and_rtx', async () => {
    const room = 'mang-mat-goi';
    let sender;
    let receiver;
    try {
      sender = await joinMeeting(hostBrowser, hostUrl(), room, 'Gửi');
      // Only media is lost: UDP from the server's media ports toward the receiver.
      await ns.dropIncomingUdp(5, server.mediaPorts);
      receiver = await joinMeeting(nsBrowser, nsUrl(), room, 'Nhận', { deviceScaleFactor: 2 });
      await waitFor(async () => {
        const r = await remoteVideo(receiver.page);
        return { ok: r.video?.framesDecoded > 0, size: size(r.video) };
      }, { timeoutMs: 20_000, intervalMs: 250, what: 'first decoded frame with 5 % loss' });

      const window = summarize(await observe(receiver.page, 10_000));
      const total = (await remoteVideo(receiver.page)).video;
      const droppedByNft = await ns.droppedPackets();
      console.log(`# P2 loss figures: 5 % of incoming media UDP dropped (${droppedByNft} datagrams so far); over 10 s: ` +
        `${window.fps.toFixed(1)} fps (frames per 2 s: ${window.slices.join(',')}), sizes ${window.sizes.join('/')}, ` +
        `${window.kbps.toFixed(0)} kbit/s video, packetsLost ${window.packetsLost} (total ${total.packetsLost}), ` +
        `retransmitted ${window.retransmitted} (total ${total.retransmittedPacketsReceived}), NACKs ${window.nacks} ` +
        `(total ${total.nackCount}), freezes ${window.freezes}`);
      assert.ok(window.slices.every((d) => d > 0), `frames advance in every 2 s slice: ${JSON.stringify(window)}`);
      assert.ok(droppedByNft > 0, 'the namespace dropped datagrams');
      assert.ok(total.nackCount > 0, `the receiver sent NACKs: ${JSON.stringify(total)}`);
      assert.ok(total.retransmittedPacketsReceived > 0, `RTX arrived: ${JSON.stringify(total)}`);
      assert.deepEqual(sender.problems, []);
      assert.deepEqual(receiver.problems, []);
    } finally {
      await ns.clearFilters();
      await closeAll(sender, receiver);
    }
  });

  test('G1_a_participant_whose_network_blocks_udp_connects_over_ice_tcp', async () => {
    const mark = server.stderr.length;
    const room = 'mang-chi-tcp';
    let sender;
    let receiver;
    try {
      sender = await joinMeeting(hostBrowser, hostUrl(), room, 'Gửi');
      await ns.blockUdp();
      receiver = await joinMeeting(nsBrowser, nsUrl(), room, 'Chỉ-TCP', { deviceScaleFactor: 2 });

      const decoding = await waitFor(async () => {
        const r = await remoteVideo(receiver.page);
        return { ok: r.video?.framesDecoded > 0 && r.pair, size: size(r.video), pair: r.pair };
      }, { timeoutMs: 30_000, intervalMs: 250, what: 'video decoded with UDP blocked' })
        .catch((error) => { throw new Error(`${error.message}\nserver log:\n${logSince(mark)}`); });
      assert.equal(decoding.value.pair.remoteProtocol, 'tcp', `subscribe pair: ${JSON.stringify(decoding.value.pair)}`);
      assert.equal(decoding.value.pair.remoteAddress, ns.hostAddress);
      const window = summarize(await observe(receiver.page, 4_000));
      assert.ok(window.slices.every((d) => d > 0), `frames advance over ICE-TCP: ${JSON.stringify(window)}`);

      // It publishes too: its publish connection is on TCP and the sender decodes its video.
      const published = await waitFor(async () => {
        const pair = await publishPair(receiver.page);
        return { ok: pair?.bytesSent > 0, pair };
      }, { timeoutMs: 15_000, intervalMs: 250, what: 'publish connection sending' });
      assert.equal(published.value.pair.remoteProtocol, 'tcp', `publish pair: ${JSON.stringify(published.value.pair)}`);
      const senderView = await waitFor(async () => {
        const r = await remoteVideo(sender.page);
        return { ok: r.video?.framesDecoded > 0, size: size(r.video) };
      }, { timeoutMs: 15_000, intervalMs: 250, what: 'the host decodes the TCP participant' });
      const senderWindow = summarize(await observe(sender.page, 4_000));
      assert.ok(senderWindow.slices.every((d) => d > 0), `the TCP participant's video advances: ${JSON.stringify(senderWindow)}`);

      const droppedByNft = await ns.droppedPackets();
      console.log(`# G1 ICE-TCP figures: UDP blocked (${droppedByNft} datagrams dropped); first frame ${decoding.ms} ms after ` +
        `joining, subscribe pair ${decoding.value.pair.localProtocol}->${decoding.value.pair.remoteProtocol} ` +
        `${decoding.value.pair.remoteAddress}:${decoding.value.pair.remotePort} rtt ${decoding.value.pair.rttMs} ms, ` +
        `${window.fps.toFixed(1)} fps ${window.sizes.join('/')} received; publish pair ${published.value.pair.localProtocol}->` +
        `${published.value.pair.remoteProtocol}, the host decodes it at ${senderWindow.fps.toFixed(1)} fps ${senderWindow.sizes.join('/')}`);
      assert.deepEqual(sender.problems, []);
      assert.deepEqual(receiver.problems, []);
    } finally {
      await ns.clearFilters();
      await closeAll(sender, receiver);
    }
  });
});
