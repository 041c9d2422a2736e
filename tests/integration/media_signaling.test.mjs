// Meeting signalling against the real server (docs/signaling.md): join, publish offer/answer,
// the server's subscribe offers, leave, resume within the grace period, limits and bad input.
// The media itself is proved by the Chromium tests (tests/browser/meeting.test.mjs).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';

import { closeAll, connect as connectTo, joinRoom } from '../support/signaling.mjs';
import { openRoom, startServer } from '../support/server.mjs';

const chromeOffer = await readFile(new URL('./fixtures/chrome_publish_offer.sdp', import.meta.url), 'utf8');

let server;
before(async () => { server = await startServer({ args: ['--set', 'media.resume_grace_seconds=2'] }); });
after(async () => { await server?.stop(); });

const connect = (target = server) => connectTo(target);
const join = (room, displayName, target = server) => joinRoom(target, room, displayName);

// The answer a browser would give to the server's subscribe offer: every sending section
// received, the browser as DTLS client with its own ICE credentials and certificate.
function answerFor(offer) {
  const lines = offer.split('\r\n').filter((l) => l !== '');
  const out = [];
  for (const line of lines) {
    if (line.startsWith('a=ice-lite') || line.startsWith('a=candidate') || line.startsWith('a=ssrc') ||
        line.startsWith('a=msid') || line.startsWith('a=end-of-candidates')) continue;
    if (line.startsWith('a=ice-ufrag:')) out.push('a=ice-ufrag:brws');
    else if (line.startsWith('a=ice-pwd:')) out.push('a=ice-pwd:browserpasswordbrowserpass');
    else if (line.startsWith('a=fingerprint:')) {
      out.push('a=fingerprint:sha-256 19:E2:1C:3B:4B:9F:81:E6:B8:5C:F4:A5:A8:D8:73:04:BB:05:2F:70:9F:04:A9:0E:05:E9:26:33:E8:70:88:A2');
    } else if (line === 'a=setup:actpass') out.push('a=setup:active');
    else if (line === 'a=sendonly') out.push('a=recvonly');
    else out.push(line);
  }
  return `${out.join('\r\n')}\r\n`;
}

describe('G1 media signalling', () => {
  test('S4_1_join_checks_room_id_and_display_name_and_requires_a_join_first', async () => {
    const room = await openRoom(server);
    const ws = await connect();
    const inviteToken = room.inviteToken;
    assert.equal((await ws.request({ type: 'publish', sdp: chromeOffer }, 'error')).code, 'not_joined');
    assert.equal((await ws.request({ type: 'join', roomId: 'a b<script>', displayName: 'An' }, 'error')).code, 'invalid_room');
    assert.equal((await ws.request({ type: 'join', roomId: 'room-1', displayName: 'An' }, 'error')).code, 'invalid_room');
    assert.equal((await ws.request({ type: 'join', roomId: room.id, displayName: '  ', inviteToken }, 'error')).code, 'invalid_name');
    assert.equal((await ws.request({ type: 'join', roomId: room.id, displayName: 'x'.repeat(65), inviteToken }, 'error')).code,
      'invalid_name');
    assert.equal((await ws.request({ type: 'join', roomId: room.id, displayName: 'A\u0007', inviteToken }, 'error')).code,
      'invalid_name');
    assert.equal((await ws.request({ type: 'layout', tiles: 'all' }, 'error')).code, 'not_joined');
    const joined = await ws.request({ type: 'join', roomId: room.code, displayName: '  Nguyễn Văn An ', inviteToken }, 'joined');
    assert.match(joined.participantId, /^p[0-9a-f]{16}$/);
    assert.equal(joined.roomId, room.id, 'the code as people type it ("482 915 306") finds the room');
    assert.deepEqual(joined.participants, []);
    assert.equal((await ws.request({ type: 'join', roomId: room.id, displayName: 'Again', inviteToken }, 'error')).code,
      'already_joined');
    await closeAll(ws);
  });

  test('G1_publish_is_answered_as_ice_lite_and_others_get_a_subscribe_offer_they_can_answer', async () => {
    const room = await openRoom(server);
    const a = await join(room, 'An');
    const b = await join(room, 'Bình');
    assert.deepEqual(b.joined.participants.map((p) => [p.participantId, p.displayName, p.guest]),
      [[a.joined.participantId, 'An', true]]);
    const announced = (await a.ws.next('participantJoined')).participant;
    assert.equal(announced.participantId, b.joined.participantId);
    assert.equal(announced.displayName, 'Bình');

    const answer = await a.ws.request({ type: 'publish', sdp: chromeOffer, requestId: 7 }, 'publishAnswer');
    assert.equal(answer.requestId, 7);
    assert.match(answer.sdp, /a=ice-lite/);
    assert.match(answer.sdp, /a=setup:passive/);
    assert.match(answer.sdp, /a=group:BUNDLE 0 1/);
    const ports = [...answer.sdp.matchAll(/a=candidate:\S+ 1 udp \d+ \S+ (\d+) typ host/g)].map((m) => Number(m[1]));
    assert.ok(ports.length > 0 && ports.every((p) => server.mediaPorts.includes(p)), `candidates on ${ports}`);
    assert.doesNotMatch(answer.sdp, /^m=\w+ 0 /m, 'both sections accepted');

    const offer = await b.ws.next('subscribeOffer');
    assert.equal(offer.version, 1);
    assert.deepEqual(offer.tracks.map((t) => [t.participantId, t.kind, t.source]).sort(),
      [[a.joined.participantId, 'audio', 'microphone'], [a.joined.participantId, 'video', 'camera']]);
    assert.match(offer.sdp, /a=sendonly/);
    assert.match(offer.sdp, /a=setup:actpass/);

    b.ws.send(JSON.stringify({ type: 'subscribeAnswer', sdp: answerFor(offer.sdp), version: offer.version }));
    assert.equal((await b.ws.request({ type: 'ping', id: 1 }, 'pong')).id, 1);
    assert.ok(!b.ws.pending().includes('error'), 'the answer was accepted');
    const stale = await b.ws.request({ type: 'subscribeAnswer', sdp: answerFor(offer.sdp), version: offer.version }, 'error');
    assert.equal(stale.code, 'stale_answer');

    const stats = await b.ws.request({ type: 'getStats', requestId: 3 }, 'stats');
    assert.equal(stats.requestId, 3);
    assert.equal(stats.consumers.length, 2, 'both of An\'s tracks are forwarded to Bình');
    assert.equal(stats.subscribe.state, 'new', 'no browser connected to the media port');

    const left = await a.ws.request({ type: 'leave', requestId: 9 }, 'left');
    assert.equal(left.requestId, 9);
    assert.equal((await b.ws.next('participantLeft')).participantId, a.joined.participantId);
    const emptied = await b.ws.next('subscribeOffer');
    assert.deepEqual(emptied.tracks, [], 'the sections of a participant who left become inactive');
    assert.match(emptied.sdp, /a=inactive/);
    await closeAll(a.ws, b.ws);
  });

  test('S4_1_bad_sdp_is_refused_with_a_code_and_the_participant_stays', async () => {
    const a = await join(await openRoom(server), 'An');
    assert.equal((await a.ws.request({ type: 'publish', sdp: 'v=0\r\nthis is not sdp' }, 'error')).code, 'invalid_sdp');
    const noBundle = chromeOffer.replace(/a=group:BUNDLE[^\r]*\r\n/, '');
    const refused = await a.ws.request({ type: 'publish', sdp: noBundle }, 'error');
    assert.equal(refused.code, 'sdp_unsupported');
    assert.equal((await a.ws.request({ type: 'publish', sdp: 42 }, 'error')).code, 'invalid_sdp');
    assert.equal((await a.ws.request({ type: 'subscribeAnswer', sdp: 'v=0', version: -1 }, 'error')).code, 'invalid_message');
    assert.equal((await a.ws.request({ type: 'layout', tiles: [{ mid: '0', width: 'big', height: 1 }] }, 'error')).code,
      'invalid_message');
    assert.equal((await a.ws.request({ type: 'restartIce', connection: 'publish' }, 'error')).code, 'invalid_message');
    assert.ok((await a.ws.request({ type: 'publish', sdp: chromeOffer }, 'publishAnswer')).sdp.startsWith('v=0'));
    await closeAll(a.ws);
  });

  test('G1_a_dropped_participant_resumes_within_the_grace_period_without_a_new_join', async () => {
    const room = await openRoom(server);
    const a = await join(room, 'An');
    const b = await join(room, 'Bình');
    await a.ws.next('participantJoined');
    b.ws.terminate();
    const again = await connect();
    assert.equal((await again.request({ type: 'resume', resumeToken: 'not-a-token' }, 'error')).code, 'resume_failed');
    const resumed = await again.request({ type: 'resume', resumeToken: b.joined.resumeToken, requestId: 2 }, 'resumed');
    assert.equal(resumed.participantId, b.joined.participantId);
    assert.equal(resumed.roomId, room.id);
    assert.deepEqual(resumed.participants.map((p) => p.participantId), [a.joined.participantId], 'the roster comes back');
    // Past the 2 s grace period of this server: a resumed participant is still there.
    await new Promise((r) => setTimeout(r, 2500));
    assert.ok(!a.ws.pending().includes('participantLeft'), 'the others noticed nothing');
    const stats = await again.request({ type: 'getStats' }, 'stats');
    assert.ok(stats.publish, 'the resumed connection acts for the participant');
    await closeAll(a.ws, again);
  });

  test('G1_a_participant_who_does_not_come_back_leaves_after_the_grace_period', async () => {
    const room = await openRoom(server);
    const a = await join(room, 'An');
    const b = await join(room, 'Bình');
    await a.ws.next('participantJoined');
    const dropped = Date.now();
    b.ws.terminate();
    assert.equal((await a.ws.next('participantLeft')).participantId, b.joined.participantId);
    const waited = Date.now() - dropped;
    assert.ok(waited >= 1500 && waited < 5000, `left after ${waited} ms with a 2 s grace period`);
    await closeAll(a.ws);
  });

  test('P1_a_join_over_the_room_limit_is_refused_and_the_room_stays_as_it_was', async () => {
    const small = await startServer({ args: ['--set', 'media.max_participants_per_room=2'] });
    try {
      const room = await openRoom(small);
      const a = await join(room, 'An', small);
      const b = await join(room, 'Bình', small);
      const c = await connect(small);
      const refused = await c.request({ type: 'join', roomId: room.id, displayName: 'Chi', inviteToken: room.inviteToken }, 'error');
      assert.equal(refused.code, 'room_full');
      const stats = await a.ws.request({ type: 'getStats' }, 'stats');
      assert.ok(stats.publish);
      assert.ok(!a.ws.pending().includes('participantLeft'));
      const otherRoom = await openRoom(small);
      const other = await c.request({ type: 'join', roomId: otherRoom.id, displayName: 'Chi', inviteToken: otherRoom.inviteToken },
        'joined');
      assert.deepEqual(other.participants, []);
      await closeAll(a.ws, b.ws, c);
    } finally {
      await small.stop();
    }
  });
});
