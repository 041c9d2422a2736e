// Calls through our SFU under bad networks, in real headless Chromium: the receiver under test
// runs in a network namespace (tests/support/netns.mjs) whose veth we throttle (tbf), make lossy
// (nft numgen) or strip of UDP, while the sender runs on the host. What is asserted is what the
// receiving browser's getStats() reports: layer sizes, decoded frames, NACK/RTX, candidate pairs.
// Needs root (namespaces, tc, nft), as `make test` has; without it the file fails and says why.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { launchBrowser } from '../support/browser.mjs';
import { describeMeeting, joinMeeting, receiveStats, waitFor } from '../support/meeting.mjs';
import { createNetns, netnsUnavailableReason } from '../support/netns.mjs';
import { openRoom, startServer } from '../support/server.mjs';

let ns;
let server;
let hostBrowser;
let nsBrowser;
before(async () => {
  const unavailable = netnsUnavailableReason();
  if (unavailable) throw new Error(`cannot test network conditions: ${unavailable}`);
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
  try {
    await nsBrowser?.close().catch(() => {});
    await hostBrowser?.close().catch(() => {});
    await server?.stop();
  } finally {
    await ns?.destroy();
  }
});

const hostUrl = () => `https://localhost:${server.publicPort}`;
const nsUrl = () => `https://${ns.hostAddress}:${server.publicPort}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const size = (v) => (v ? `${v.frameWidth}x${v.frameHeight}` : 'none');

// Keeps the page's signalling WebSocket reachable, so serverStats() can ask the server what it
// believes (bandwidth estimate, layer per consumer) through the participant's own connection.
function tapSignaling() {
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      window.__dienhongTestSocket = this;
      this.addEventListener('message', (event) => {
        try {
          const message = JSON.parse(event.data);
          if (message.type === 'stats' && message.requestId >= 1e9) window.__dienhongTestStats = message;
        } catch { /* not ours */ }
      });
    }
  };
}

// The server's `stats` for the page's participant, condensed; null if no answer within 1 s.
async function serverStats(page) {
  return page.evaluate(async () => {
    const socket = window.__dienhongTestSocket;
    if (!socket || socket.readyState !== 1) return null;
    const requestId = 1e9 + Math.floor(Math.random() * 1e6);
    socket.send(JSON.stringify({ type: 'getStats', requestId }));
    for (let i = 0; i < 100; ++i) {
      const m = window.__dienhongTestStats;
      if (m?.requestId === requestId) {
        return {
          estimateKbps: Math.round(m.subscribe.estimatedBandwidth / 1000), sentKbps: Math.round(m.subscribe.bitrate / 1000),
          loss: m.subscribe.lossFraction, rttMs: m.subscribe.rttMs,
          consumers: m.consumers.map((c) => `${c.track}:${c.paused ? 'paused' : `L${c.layer}`}@${Math.round(c.bitrate / 1000)}k`),
          // What this participant publishes, lowest layer first as the server ranks them.
          layers: m.tracks.filter((t) => t.kind === 'video').flatMap((t) => t.layers.map((l, i) =>
            `L${i}=${l.rid}:${l.width}x${l.height}@${Math.round(l.bitrate / 1000)}k${l.active ? '' : '(inactive)'}`)),
        };
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    return null;
  });
}

// The one remote video a page receives (the section that carries the most bytes).
async function remoteVideo(page) {
  const s = await receiveStats(page);
  const video = s.video.reduce((best, v) => (!best || v.bytesReceived > best.bytesReceived ? v : best), null);
  return { video, pair: s.pair, at: Date.now() };
}

// The selected candidate pair of the page's publish connection, and the video bytes it sent.
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
        const remote = byId.get(s.remoteCandidateId);
        pair = { localProtocol: byId.get(s.localCandidateId)?.protocol, remoteProtocol: remote?.protocol,
          remoteAddress: remote?.address, remotePort: remote?.port };
      }
      if (s.type === 'outbound-rtp' && s.kind === 'video') bytesSent += s.bytesSent ?? 0;
    });
    return pair && { ...pair, bytesSent };
  });
}

// A timeline of what the receiver decodes and (every `serverEveryMs`) what the server believes,
// for the figures and for failure messages.
class Timeline {
  constructor(page, { serverEveryMs = 1000, publisherPage } = {}) {
    this.page = page;
    this.publisherPage = publisherPage;
    this.serverEveryMs = serverEveryMs;
    this.start = Date.now();
    this.rows = [];
    this.lastServer = 0;
  }

  async sample(phase) {
    const r = await remoteVideo(this.page);
    let server = null;
    if (this.serverEveryMs && r.at - this.lastServer >= this.serverEveryMs) {
      this.lastServer = r.at;
      server = await serverStats(this.page);
      if (server && this.publisherPage) server.publisherLayers = (await serverStats(this.publisherPage))?.layers;
    }
    const previous = this.rows.at(-1)?.video;
    const v = r.video;
    this.rows.push({ phase, t: r.at - this.start, video: v, server,
      line: `${phase} ${((r.at - this.start) / 1000).toFixed(1)}s ${size(v)} frames+${previous && v ? v.framesDecoded - previous.framesDecoded : '-'}` +
        ` freezes=${v?.freezeCount ?? '-'} lost=${v?.packetsLost ?? '-'} nacks=${v?.nackCount ?? '-'} rtx=${v?.retransmittedPacketsReceived ?? '-'}` +
        (server ? ` | server: estimate ${server.estimateKbps}k sent ${server.sentKbps}k loss ${server.loss} rtt ${server.rttMs} ` +
          `consumers ${server.consumers.join(' ')}` +
          (server.publisherLayers ? `; sender's layers ${server.publisherLayers.join(' ')}` : '') : '') });
    return r;
  }

  text(fromIndex = 0) { return this.rows.slice(fromIndex).map((row) => row.line).join('\n'); }
}

// Samples every `sampleMs` over `windowMs` into `timeline`; summarises per `sliceMs`.
async function observe(timeline, phase, windowMs, { sampleMs = 500, sliceMs = 2000 } = {}) {
  const from = timeline.rows.length;
  const first = await timeline.sample(phase);
  while (Date.now() - first.at < windowMs - 50) {
    await sleep(sampleMs);
    await timeline.sample(phase);
  }
  const rows = timeline.rows.slice(from);
  // Slice boundaries by time: the first sample at least `sliceMs` (less a tolerance) after the last.
  const marks = [rows[0]];
  for (const row of rows.slice(1)) if (row.t - marks.at(-1).t >= sliceMs - sampleMs / 2) marks.push(row);
  if (rows.at(-1).t - marks.at(-1).t >= sliceMs / 2) marks.push(rows.at(-1));  // a trailing half slice counts too
  return summarize(rows, marks);
}

function summarize(rows, marks) {
  const first = rows[0].video;
  const last = rows.at(-1).video;
  const seconds = (rows.at(-1).t - rows[0].t) / 1000;
  return {
    seconds,
    slices: marks.slice(1).map((m, i) => m.video.framesDecoded - marks[i].video.framesDecoded),
    fps: (last.framesDecoded - first.framesDecoded) / seconds,
    freezes: last.freezeCount - first.freezeCount,
    sizes: [...new Set(rows.map((r) => size(r.video)))],
    packetsLost: last.packetsLost - first.packetsLost,
    retransmitted: last.retransmittedPacketsReceived - first.retransmittedPacketsReceived,
    nacks: last.nackCount - first.nackCount,
    kbps: ((last.bytesReceived - first.bytesReceived) * 8) / seconds / 1000,
  };
}

// Server log lines since `mark` (an index into server.stderr), for failure messages.
const logSince = (mark) => server.stderr.slice(mark).split('\n').filter((l) => l && !l.includes('cat=access'))
  .slice(-40).join('\n') || '(none)';

async function closeAll(...participants) {
  await Promise.all(participants.filter(Boolean).map((p) => p.context.close().catch(() => {})));
}

describe('P3 P2 G1 meetings under bad networks', () => {
  test('P3_a_receiver_limited_to_300_kbits_gets_the_low_layer_keeps_decoding_and_climbs_back_to_720p_within_15_s', async () => {
    const mark = server.stderr.length;
    const room = await openRoom(server);
    let sender;
    let receiver;
    try {
      sender = await joinMeeting(hostBrowser, hostUrl(), room, 'Gửi', { initScript: tapSignaling });
      receiver = await joinMeeting(nsBrowser, nsUrl(), room, 'Nhận', { deviceScaleFactor: 2, initScript: tapSignaling });
      const timeline = new Timeline(receiver.page, { publisherPage: sender.page });
      const evidence = (from = 0) => `\ntimeline (receiver's getStats | server's stats for it):\n${timeline.text(from)}` +
        `\nserver log:\n${logSince(mark)}`;

      const hd = await waitFor(async () => {
        const r = await timeline.sample('ramp');
        return { ok: r.video?.frameWidth === 1280 && r.video?.frameHeight === 720, size: size(r.video), pair: r.pair };
      }, { timeoutMs: 45_000, intervalMs: 500, what: 'receiver decoding 1280x720 before the limit' });
      assert.equal(hd.value.pair?.remoteAddress, ns.hostAddress, 'the receiver reaches the server through the veth');

      // Download limited to 300 kbit/s: the SFU must notice and forward the low layer.
      const limitedRow = timeline.rows.length;
      const limited = Date.now();
      // A token bucket of one full packet, like a line that really carries 300 kbit/s. A larger
      // burst lets a bandwidth probe arrive faster than the line: see docs/media.md, Status.
      await ns.limitDownload(300, { burstKbit: 12 });
      const dropped = await waitFor(async () => {
        const r = await timeline.sample('limit');
        return { ok: r.video && r.video.frameHeight > 0 && r.video.frameHeight <= 270, size: size(r.video) };
      }, { timeoutMs: 20_000, intervalMs: 500, what: 'the low layer (<= 270 lines) under 300 kbit/s' })
        .catch((error) => { throw new Error(`${error.message}${evidence(limitedRow)}`); });
      const timeToDropMs = Date.now() - limited;

      // The switch itself: the 720p queue already in the shaper drains and the low layer's first
      // keyframe arrives. Reported, not asserted; the steady state after it is.
      const transition = await observe(timeline, 'limit', 4_000);
      const under = await observe(timeline, 'limit', 10_000);
      const stalled = under.slices.filter((d) => d <= 0).length;
      const lowOnly = under.sizes.every((s) => Number(s.split('x')[1]) <= 270);

      // Limit lifted: back to 1280x720 within 15 s (measured up to 20 s, to report the figure).
      const liftedRow = timeline.rows.length;
      const lifted = Date.now();
      await ns.unlimit();
      const backMs = await waitFor(async () => {
        const r = await timeline.sample('free');
        return { ok: r.video?.frameWidth === 1280 && r.video?.frameHeight === 720 };
      }, { timeoutMs: 20_000, intervalMs: 500, what: '1280x720 after the limit' }).then(() => Date.now() - lifted, () => null);

      console.log(`# P3 figures: 1280x720 reached ${hd.ms} ms after joining; under 300 kbit/s: low layer ` +
        `${dropped.value.size} ${timeToDropMs} ms after the limit; switching (4 s): frames per 2 s ` +
        `${transition.slices.join(',')}; then over 10 s: sizes ${under.sizes.join('/')}, ` +
        `${under.fps.toFixed(1)} fps (frames per 2 s: ${under.slices.join(',')}), ${under.kbps.toFixed(0)} kbit/s video, ` +
        `${under.freezes} freezes, ${under.packetsLost} lost, ${under.retransmitted} RTX; back to 1280x720 ` +
        `${backMs === null ? 'NOT within 20 s' : `${backMs} ms`} after lifting the limit`);
      assert.equal(stalled, 0, `frames advance in every 2 s slice under the limit: ${JSON.stringify(under)}` +
        evidence(limitedRow));
      assert.ok(lowOnly, `only the low layer under the limit: ${JSON.stringify(under)}${evidence(limitedRow)}`);
      assert.ok(backMs !== null && backMs <= 15_000,
        `1280x720 within 15 s after lifting the limit, took ${backMs ?? '> 20000'} ms${evidence(liftedRow)}`);
      assert.deepEqual(sender.problems, []);
      assert.deepEqual(receiver.problems, []);
    } finally {
      await ns.unlimit();
      await closeAll(sender, receiver);
    }
  });

  test('P2_with_5_percent_loss_toward_a_receiver_video_keeps_decoding_thanks_to_nack_and_rtx', async () => {
    const room = await openRoom(server);
    let sender;
    let receiver;
    try {
      sender = await joinMeeting(hostBrowser, hostUrl(), room, 'Gửi');
      // Only media is lost: UDP from the server's media ports toward the receiver.
      await ns.dropIncomingUdp(5, server.mediaPorts);
      receiver = await joinMeeting(nsBrowser, nsUrl(), room, 'Nhận', { deviceScaleFactor: 2, initScript: tapSignaling });
      const timeline = new Timeline(receiver.page, { serverEveryMs: 0 });
      await waitFor(async () => {
        const r = await timeline.sample('join');
        return { ok: r.video?.framesDecoded > 0, size: size(r.video) };
      }, { timeoutMs: 20_000, intervalMs: 250, what: 'first decoded frame with 5 % loss',
        explain: () => describeMeeting([sender, receiver], server) });

      const window = await observe(timeline, 'loss', 10_000);
      const total = (await remoteVideo(receiver.page)).video;
      const atServer = await serverStats(receiver.page);
      const droppedByNft = await ns.droppedPackets();
      console.log(`# P2 loss figures: 5 % of incoming media UDP dropped (${droppedByNft} datagrams so far); over 10 s: ` +
        `${window.fps.toFixed(1)} fps (frames per 2 s: ${window.slices.join(',')}), sizes ${window.sizes.join('/')}, ` +
        `${window.kbps.toFixed(0)} kbit/s video, packetsLost ${window.packetsLost} (total ${total.packetsLost}), ` +
        `retransmitted ${window.retransmitted} (total ${total.retransmittedPacketsReceived}), NACKs ${window.nacks} ` +
        `(total ${total.nackCount}), freezes ${window.freezes}; server: ${JSON.stringify(atServer)}`);
      assert.ok(window.slices.every((d) => d > 0), `frames advance in every 2 s slice: ${JSON.stringify(window)}\n` +
        timeline.text());
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
    const room = await openRoom(server);
    let sender;
    let receiver;
    try {
      sender = await joinMeeting(hostBrowser, hostUrl(), room, 'Gửi');
      await ns.blockUdp();
      receiver = await joinMeeting(nsBrowser, nsUrl(), room, 'Chỉ-TCP', { deviceScaleFactor: 2 });

      const decoding = await waitFor(async () => {
        const r = await remoteVideo(receiver.page);
        return { ok: r.video?.framesDecoded > 0 && r.pair, size: size(r.video), pair: r.pair };
      }, { timeoutMs: 30_000, intervalMs: 250, what: 'video decoded with UDP blocked',
        explain: () => describeMeeting([sender, receiver], server) })
        .catch((error) => { throw new Error(`${error.message}\nserver log:\n${logSince(mark)}`); });
      const pair = decoding.value.pair;
      assert.equal(pair.remoteProtocol, 'tcp', `subscribe pair: ${JSON.stringify(pair)}`);
      assert.equal(pair.remoteAddress, ns.hostAddress);
      assert.ok(server.mediaPorts.includes(pair.remotePort), `a media port: ${JSON.stringify(pair)} ${server.mediaPorts}`);
      const received = await observe(new Timeline(receiver.page, { serverEveryMs: 0 }), 'tcp', 4_000);
      assert.ok(received.slices.every((d) => d > 0), `frames advance over ICE-TCP: ${JSON.stringify(received)}`);

      // It publishes too: its publish connection is on TCP and the sender decodes its video.
      const published = await waitFor(async () => {
        const p = await publishPair(receiver.page);
        return { ok: p?.bytesSent > 0, pair: p };
      }, { timeoutMs: 15_000, intervalMs: 250, what: 'publish connection sending' });
      assert.equal(published.value.pair.remoteProtocol, 'tcp', `publish pair: ${JSON.stringify(published.value.pair)}`);
      await waitFor(async () => {
        const r = await remoteVideo(sender.page);
        return { ok: r.video?.framesDecoded > 0, size: size(r.video) };
      }, { timeoutMs: 15_000, intervalMs: 250, what: 'the host decodes the TCP participant' });
      const relayed = await observe(new Timeline(sender.page, { serverEveryMs: 0 }), 'tcp', 4_000);
      assert.ok(relayed.slices.every((d) => d > 0), `the TCP participant's video advances at the host: ${JSON.stringify(relayed)}`);

      const droppedByNft = await ns.droppedPackets();
      console.log(`# G1 ICE-TCP figures: UDP blocked (${droppedByNft} datagrams dropped); first remote frame ${decoding.ms} ms ` +
        `after joining; subscribe pair ${pair.localProtocol}->${pair.remoteProtocol} ${pair.remoteAddress}:${pair.remotePort} ` +
        `rtt ${pair.rttMs} ms, ${received.fps.toFixed(1)} fps ${received.sizes.join('/')} received; publish pair ` +
        `${published.value.pair.localProtocol}->${published.value.pair.remoteProtocol}, the host decodes it at ` +
        `${relayed.fps.toFixed(1)} fps ${relayed.sizes.join('/')}`);
      assert.deepEqual(sender.problems, []);
      assert.deepEqual(receiver.problems, []);
    } finally {
      await ns.clearFilters();
      await closeAll(sender, receiver);
    }
  });
});
