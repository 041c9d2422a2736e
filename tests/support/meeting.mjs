// Drives the meeting page (web/src/features/meeting) in real Chromium and reads what the
// browser's WebRTC stack reports through getStats() — decoded frames, resolution, RTX — so tests
// assert on what a user would see, not on what the server believes it sent.
import { newPage } from './browser.mjs';

// Opens the room — `room` from createRoom()/openRoom() (its invitation link), or a path — joins
// as `name` and waits until the page's status is `status` (null: does not wait).
// `initScript`: a function run in the page before its own scripts (playwright addInitScript).
// `cookie`: "name=value" of a signed-in session (login()), e.g. the room owner's, who enters as chair.
// `beforeJoin(page)`: runs on the pre-join screen, before the join click (e.g. a screenshot).
export async function joinMeeting(browser, baseUrl, room, name,
  { deviceScaleFactor = 1, viewport, initScript, cookie, status = 'connected', beforeJoin } = {}) {
  const { context, page, problems } = await newPage(browser, { deviceScaleFactor, viewport });
  if (initScript) await context.addInitScript(initScript);
  if (cookie) {
    const [cookieName, ...value] = cookie.split('=');
    await context.addCookies([{ name: cookieName, value: value.join('='), url: baseUrl, secure: true, httpOnly: true }]);
  }
  await page.goto(`${baseUrl}${typeof room === 'string' ? room : room.invitationPath}`);
  await page.getByTestId('meeting-name-input').fill(name);
  if (beforeJoin) await beforeJoin(page);
  const clicked = Date.now();
  await page.getByTestId('meeting-join').click();
  if (status !== null) {
    await page.locator(`[data-testid="meeting-status"][data-status="${status}"]`).waitFor({ timeout: 15_000 });
  }
  const participantId = await page.evaluate(() => window.__dienhong?.participantId);
  return { context, page, problems, participantId, clicked };
}

// Inbound RTP of the subscribe connection, per remote track, plus the selected candidate pair.
export async function receiveStats(page) {
  return page.evaluate(async () => {
    const pc = window.__dienhong?.subscribePc;
    if (!pc) return { video: [], audio: [], pair: null };
    const report = await pc.getStats();
    const video = [];
    const audio = [];
    let pair = null;
    const byId = new Map();
    report.forEach((s) => byId.set(s.id, s));
    report.forEach((s) => {
      if (s.type === 'inbound-rtp' && s.kind === 'video') {
        video.push({
          mid: s.mid, framesDecoded: s.framesDecoded ?? 0, frameWidth: s.frameWidth ?? 0,
          frameHeight: s.frameHeight ?? 0, packetsLost: s.packetsLost ?? 0, packetsReceived: s.packetsReceived ?? 0,
          retransmittedPacketsReceived: s.retransmittedPacketsReceived ?? 0, freezeCount: s.freezeCount ?? 0,
          nackCount: s.nackCount ?? 0, bytesReceived: s.bytesReceived ?? 0,
        });
      } else if (s.type === 'inbound-rtp' && s.kind === 'audio') {
        audio.push({ mid: s.mid, packetsReceived: s.packetsReceived ?? 0, totalSamplesReceived: s.totalSamplesReceived ?? 0,
          concealedSamples: s.concealedSamples ?? 0 });
      } else if (s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded') {
        const local = byId.get(s.localCandidateId);
        const remote = byId.get(s.remoteCandidateId);
        pair = { localProtocol: local?.protocol, remoteProtocol: remote?.protocol, remoteAddress: remote?.address,
          remotePort: remote?.port, rttMs: (s.currentRoundTripTime ?? 0) * 1000 };
      }
    });
    return { video, audio, pair };
  });
}

// Polls `probe` (async, returns a value or a falsy one) every `intervalMs` until it returns a
// truthy value or `timeoutMs` passes; returns { value, ms } or throws with the last observation
// and, when given, what `explain()` (async, returns text) says about the state of things.
export async function waitFor(probe, { timeoutMs = 30_000, intervalMs = 250, what = 'condition', explain } = {}) {
  const started = Date.now();
  let last;
  while (Date.now() - started < timeoutMs) {
    last = await probe();
    if (last && last.ok) return { value: last, ms: Date.now() - started };
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  let detail = '';
  if (explain) detail = `\n${await explain().catch((e) => `(no explanation: ${e.message})`)}`;
  throw new Error(`${what} not reached in ${timeoutMs} ms; last: ${JSON.stringify(last)}${detail}`);
}

// One participant's page as the user and the browser's WebRTC stack see it: status, error text,
// tiles, both peer connections' states and what each RTP stream sent or received. For failure
// messages: a flaky call must say which connection of whom stopped.
export async function describeParticipant(participant) {
  const text = await participant.page.evaluate(async () => {
    const q = (id) => document.querySelector(`[data-testid="${id}"]`);
    const pcState = async (pc) => {
      if (!pc) return null;
      const streams = [];
      (await pc.getStats()).forEach((s) => {
        if (s.type === 'outbound-rtp') {
          streams.push(`out ${s.kind} ${s.rid ?? s.mid} ${s.bytesSent}B ${s.frameWidth ?? ''}x${s.frameHeight ?? ''} ` +
            `${s.qualityLimitationReason ?? ''}`);
        } else if (s.type === 'inbound-rtp') {
          streams.push(`in ${s.kind} mid=${s.mid} ${s.packetsReceived}p lost=${s.packetsLost} frames=${s.framesDecoded ?? ''}`);
        }
      });
      const transceivers = pc.getTransceivers().map((t) => `${t.mid}:${t.currentDirection ?? t.direction}`).join(' ');
      return `${pc.connectionState}/${pc.iceConnectionState}/${pc.signalingState} [${transceivers}] ${streams.join('; ')}`;
    };
    const d = window.__dienhong ?? {};
    return JSON.stringify({
      participant: d.participantId, status: q('meeting-status')?.getAttribute('data-status'),
      error: q('meeting-error')?.textContent ?? null, tiles: document.querySelectorAll('[data-testid="remote-tile"]').length,
      publish: await pcState(d.publishPc), subscribe: await pcState(d.subscribePc),
    });
  }).catch((e) => `(page unreadable: ${e.message})`);
  const problems = participant.problems.length ? ` problems: ${participant.problems.join(' | ')}` : '';
  return `${text}${problems}`;
}

// Every participant, then the server's last log lines about participants and media.
export async function describeMeeting(participants, server, logLines = 40) {
  const pages = await Promise.all(participants.filter(Boolean).map(describeParticipant));
  const log = server.stderr.split('\n').filter((l) => /participant|media_|refused|failed|error/i.test(l)).slice(-logLines);
  return `participants:\n${pages.join('\n')}\nserver log (last ${log.length} media lines):\n${log.join('\n')}`;
}

// Every remote video of `page` decodes new frames over `windowMs`; resolves the two samples.
export async function assertVideosAdvance(page, expectedRemoteVideos, windowMs = 2000) {
  const before = await receiveStats(page);
  await new Promise((r) => setTimeout(r, windowMs));
  const after = await receiveStats(page);
  const advancing = after.video.filter((v) => {
    const earlier = before.video.find((b) => b.mid === v.mid);
    return earlier && v.framesDecoded > earlier.framesDecoded;
  });
  if (advancing.length < expectedRemoteVideos) {
    throw new Error(`only ${advancing.length} of ${expectedRemoteVideos} remote videos advanced: ` +
      `${JSON.stringify(before.video)} -> ${JSON.stringify(after.video)}`);
  }
  return { before, after };
}
