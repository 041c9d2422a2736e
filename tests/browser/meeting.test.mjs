// A meeting in real headless Chromium (fake 1280x720 camera and microphone) through our SFU:
// every participant decodes every other participant's video and audio, one remote video reaches
// 1280x720, and malformed packets thrown at the media ports change nothing for the call.
import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';

import { launchBrowser } from '../support/browser.mjs';
import { assertVideosAdvance, describeMeeting, joinMeeting, receiveStats, waitFor } from '../support/meeting.mjs';
import { adminWithChangedPassword, openRoom, startServer } from '../support/server.mjs';

let server;
let browser;
before(async () => {
  // info: the log says when each media connection of each participant connected or failed.
  server = await startServer({ args: ['--log-level', 'info'] });
  browser = await launchBrowser({ media: true });
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const baseUrl = () => `https://localhost:${server.publicPort}`;

// CPU time (user + system, ms) and resident memory (MiB) of the server process.
async function serverUsage() {
  const stat = (await readFile(`/proc/${server.child.pid}/stat`, 'utf8')).split(') ')[1].split(' ');
  const ticks = Number(stat[11]) + Number(stat[12]);  // utime, stime (fields 14, 15)
  const status = await readFile(`/proc/${server.child.pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)[1]);
  return { cpuMs: ticks * 10, rssMiB: rssKb / 1024 };
}

async function decodesEveryone(participant, others, everyone) {
  return waitFor(async () => {
    const s = await receiveStats(participant.page);
    const videos = s.video.filter((v) => v.framesDecoded > 0).length;
    const audios = s.audio.filter((a) => a.packetsReceived > 0).length;
    return { ok: videos >= others && audios >= others, videos, audios };
  }, { timeoutMs: 45_000, what: `${others} remote videos and audios decoded by ${participant.participantId}`,
    explain: () => describeMeeting(everyone, server) });
}

function malformedDatagrams() {
  const out = [];
  const stun = Buffer.alloc(28);
  stun.writeUInt16BE(0x0001, 0);  // Binding request with a bad length and no integrity
  stun.writeUInt16BE(0x0400, 2);
  stun.writeUInt32BE(0x2112a442, 4);
  out.push(stun);
  out.push(Buffer.from([0x16, 0xfe, 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 1, 2, 3]));  // DTLS, absurd length
  const rtp = Buffer.alloc(60, 0xab);
  rtp[0] = 0x90;  // RTP with an extension that overruns the packet
  rtp[1] = 96;
  out.push(rtp);
  const rtcp = Buffer.alloc(24, 0);
  rtcp[0] = 0x81;
  rtcp[1] = 201;  // RR claiming 255 words
  rtcp.writeUInt16BE(255, 2);
  out.push(rtcp);
  out.push(Buffer.alloc(0));
  out.push(Buffer.alloc(1400, 0xff));
  return out;
}

async function throwMalformedPackets() {
  const socket = dgram.createSocket('udp4');
  const garbage = malformedDatagrams();
  let sent = 0;
  for (const port of server.mediaPorts) {
    for (let i = 0; i < 200; ++i) {
      for (const packet of garbage) {
        await new Promise((resolve) => socket.send(packet, port, '127.0.0.1', resolve));
        ++sent;
      }
    }
  }
  socket.close();
  // ICE-TCP: a frame longer than any datagram, then garbage inside valid framing.
  for (const port of server.mediaPorts) {
    await new Promise((resolve) => {
      const tcp = net.connect(port, '127.0.0.1', () => {
        tcp.write(Buffer.from([0xff, 0xff, 1, 2, 3]));
        tcp.end();
      });
      tcp.on('error', resolve);
      tcp.on('close', resolve);
    });
  }
  return sent;
}

describe('G1 meeting in Chromium', () => {
  test('G1_P2_P3_three_participants_decode_every_other_video_and_audio_and_reach_1280x720', async () => {
    const room = await openRoom(server, { title: 'Phòng họp ba người' });
    // Twice the device pixels: a tile of ~600x340 CSS pixels asks for the 1280x720 layer.
    const a = await joinMeeting(browser, baseUrl(), room, 'An', { deviceScaleFactor: 2 });
    const b = await joinMeeting(browser, baseUrl(), room, 'Bình', { deviceScaleFactor: 2 });
    const c = await joinMeeting(browser, baseUrl(), room, 'Chi', { deviceScaleFactor: 2 });
    const participants = [a, b, c];

    const firstFrame = await waitFor(async () => {
      const s = await receiveStats(c.page);
      return { ok: s.video.some((v) => v.framesDecoded > 0) };
    }, { timeoutMs: 30_000, intervalMs: 50, what: 'first remote frame', explain: () => describeMeeting(participants, server) });
    const joinToFirstFrameMs = Date.now() - c.clicked;

    for (const p of participants) {
      await decodesEveryone(p, 2, participants);
      assert.equal(await p.page.getByTestId('remote-tile').count(), 2);
    }
    for (const p of participants) await assertVideosAdvance(p.page, 2);

    const hd = await waitFor(async () => {
      for (const p of participants) {
        const s = await receiveStats(p.page);
        const best = s.video.find((v) => v.frameWidth === 1280 && v.frameHeight === 720);
        if (best) return { ok: true, best };
      }
      const s = await receiveStats(a.page);
      return { ok: false, sizes: s.video.map((v) => `${v.frameWidth}x${v.frameHeight}`) };
    }, { timeoutMs: 60_000, intervalMs: 500, what: 'a remote video at 1280x720' });
    const joinTo720Ms = Date.now() - c.clicked;

    const start = await serverUsage();
    const windowMs = 10_000;
    await new Promise((r) => setTimeout(r, windowMs));
    const end = await serverUsage();
    const cpuPercent = ((end.cpuMs - start.cpuMs) / windowMs) * 100;

    const admin = server.owner ?? await adminWithChangedPassword(server);
    const media = async () => {
      const res = await server.request(`${server.adminUrl}/api/v1/admin/media`, { headers: { cookie: admin.cookie } });
      assert.equal(res.status, 200);
      const sum = (f) => res.json.workers.reduce((n, w) => n + f(w), 0);
      return { unroutable: sum((w) => w.unroutable), framingErrors: sum((w) => w.tcp?.closedFramingError ?? 0),
        forwarded: sum((w) => w.rooms.reduce((n, r) => n + r.router.rtpForwarded, 0)),
        participants: sum((w) => w.rooms.reduce((n, r) => n + r.participants, 0)) };
    };
    const countersBefore = await media();
    assert.equal(countersBefore.participants, 3);
    const sent = await throwMalformedPackets();
    for (const p of participants) await assertVideosAdvance(p.page, 2);
    const countersAfter = await media();
    // Every malformed datagram is dropped and counted (loopback loses none of them).
    assert.ok(countersAfter.unroutable - countersBefore.unroutable >= sent,
      `counted ${countersAfter.unroutable - countersBefore.unroutable} of ${sent} malformed datagrams`);
    assert.equal(countersAfter.framingErrors - countersBefore.framingErrors, server.mediaPorts.length);
    assert.ok(countersAfter.forwarded > countersBefore.forwarded, 'forwarding went on');

    console.log(`# G1 figures: join->first remote frame ${joinToFirstFrameMs} ms (first frame seen ${firstFrame.ms} ms ` +
      `after joining), a remote 1280x720 video ${joinTo720Ms} ms after the third join (${hd.value.best.framesDecoded} frames), server with 3 participants: CPU ${cpuPercent.toFixed(1)} % ` +
      `of one core, RSS ${end.rssMiB.toFixed(1)} MiB; ${sent} malformed datagrams ignored`);
    for (const p of participants) assert.deepEqual(p.problems, []);
    await Promise.all(participants.map((p) => p.context.close()));
  });
});
