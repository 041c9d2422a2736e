// Meetings against the real server (docs/signaling.md, "Meetings"; docs/meetings.md): rooms
// made over REST, entering by link, by code and password, through the waiting room; lock and
// limits; chair actions and, above all, that a non-chair's forged chair actions are refused and
// audited; chat kept with the meeting. Real WebSocket clients, no browser (tests/browser has those).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { waitFor } from '../support/meeting.mjs';
import { closeAll, connect, joinRoom } from '../support/signaling.mjs';
import { adminWithChangedPassword, createRoom, startServer } from '../support/server.mjs';

let server;
let owner;
before(async () => {
  server = await startServer();
  owner = await adminWithChangedPassword(server);
});
after(async () => { await server?.stop(); });

const ownerJoins = (room, name = 'Chủ trì') => joinRoom(server, room, name, { cookie: owner.cookie, invited: false });

async function audit(action) {
  const res = await server.request(`${server.adminUrl}/api/v1/admin/audit?category=meeting&limit=1000`,
    { headers: { cookie: owner.cookie } });
  assert.equal(res.status, 200);
  return res.json.events.filter((e) => e.action === action);
}

describe('F4 A1 rooms and invitations', () => {
  test('F4_a_signed_in_user_creates_a_private_room_with_a_readable_code_and_an_invitation_link', async () => {
    const unsigned = await server.request(`${server.publicUrl}/api/v1/rooms`, { method: 'POST', body: {} });
    assert.equal(unsigned.status, 401);
    const noCsrf = await server.request(`${server.publicUrl}/api/v1/rooms`,
      { method: 'POST', headers: { cookie: owner.cookie }, body: {} });
    assert.equal(noCsrf.status, 403);
    const scheduledAt = Date.now() + 86_400_000;
    const room = await createRoom(server, owner, { title: 'Giao ban tuần', scheduledAt });
    assert.match(room.id, /^[1-9]\d{8}$/);
    assert.equal(room.code, `${room.id.slice(0, 3)} ${room.id.slice(3, 6)} ${room.id.slice(6)}`);
    assert.match(room.inviteToken, /^[A-Za-z0-9_-]{32}$/);
    assert.equal(room.invitationPath, `/r/${room.id}?t=${room.inviteToken}`);
    assert.equal(room.room.scheduledAt, scheduledAt);
    assert.equal(room.room.allowGuests, false, 'private by default: no guests');
    assert.equal(room.room.passwordProtected, false);
    const mine = await server.request(`${server.publicUrl}/api/v1/rooms`, { headers: { cookie: owner.cookie } });
    assert.ok(mine.json.rooms.some((r) => r.id === room.id && r.title === 'Giao ban tuần'));
    const bad = await server.request(`${server.publicUrl}/api/v1/rooms`, {
      method: 'POST', headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrfToken },
      body: { maxParticipants: 0, isAdmin: true },
    });
    assert.equal(bad.status, 400);
    // A new link replaces the old one.
    const renewed = await server.request(`${server.publicUrl}/api/v1/rooms/${room.id}/invitation`, {
      method: 'POST', headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrfToken },
    });
    assert.equal(renewed.status, 200);
    const ws = await connect(server);
    const stale = await ws.request({ type: 'join', roomId: room.id, displayName: 'An', inviteToken: room.inviteToken }, 'error');
    assert.equal(stale.code, 'invalid_invitation');
    await closeAll(ws);
  });

  test('F4_guests_enter_by_link_only_where_the_room_allows_and_an_unknown_code_is_refused', async () => {
    const privateRoom = await createRoom(server, owner);
    const ws = await connect(server);
    assert.equal((await ws.request({ type: 'join', roomId: privateRoom.id, displayName: 'Khách',
      inviteToken: privateRoom.inviteToken }, 'error')).code, 'sign_in_required');
    assert.equal((await ws.request({ type: 'join', roomId: '999 999 999', displayName: 'Khách' }, 'error')).code,
      'room_not_found');
    await closeAll(ws);

    const open = await createRoom(server, owner, { allowGuests: true });
    const guest = await joinRoom(server, open, 'Khách mời');
    assert.equal(guest.joined.role, 'participant');
    assert.equal(guest.joined.settings.roomCode, open.code);
    const chair = await ownerJoins(open);
    assert.equal(chair.joined.role, 'chair', 'the owner chairs, entering by the code alone');
    await closeAll(guest.ws, chair.ws);
  });

  test('A1_by_code_alone_a_guest_knocks_and_a_chair_admits_or_rejects', async () => {
    const room = await createRoom(server, owner, { allowGuests: true });
    const chair = await ownerJoins(room);
    const knocking = await connect(server);
    const waiting = await knocking.request({ type: 'join', roomId: room.code, displayName: 'Gõ cửa', requestId: 5 }, 'lobbyWaiting');
    assert.equal(waiting.requestId, 5);
    const lobby = await chair.ws.next('lobby', (m) => m.waiting.length === 1);
    assert.equal(lobby.waiting[0].displayName, 'Gõ cửa');
    chair.ws.send(JSON.stringify({ type: 'moderate', action: 'admit', target: lobby.waiting[0].lobbyId }));
    const joined = await knocking.next('joined');
    assert.equal(joined.role, 'participant');
    assert.equal((await chair.ws.next('participantJoined')).participant.displayName, 'Gõ cửa');

    const second = await connect(server);
    await second.request({ type: 'join', roomId: room.id, displayName: 'Bị từ chối' }, 'lobbyWaiting');
    const next = await chair.ws.next('lobby', (m) => m.waiting.length === 1);
    chair.ws.send(JSON.stringify({ type: 'moderate', action: 'reject', target: next.waiting[0].lobbyId }));
    await second.next('lobbyRejected');
    await closeAll(chair.ws, knocking, second);
  });

  test('A1_a_room_password_admits_by_code_and_repeated_wrong_guesses_are_stopped', async () => {
    const room = await createRoom(server, owner, { allowGuests: true, password: 'hop-kin-2026' });
    assert.equal(room.room.passwordProtected, true);
    const ws = await connect(server);
    const join = (extra) => ws.call({ type: 'join', roomId: room.id, displayName: 'An', ...extra });
    assert.equal((await join({})).code, 'password_required');
    assert.equal((await join({ password: 'sai' })).code, 'wrong_password');
    const ok = await join({ password: 'hop-kin-2026' });
    assert.equal(ok.type, 'joined', JSON.stringify(ok));
    await closeAll(ws);

    const guesser = await connect(server);
    const codes = [];
    for (let i = 0; i < 6; ++i) {
      codes.push((await guesser.request({ type: 'join', roomId: room.id, displayName: 'Đoán', password: `sai-${i}` }, 'error')).code);
    }
    assert.deepEqual(codes, ['wrong_password', 'wrong_password', 'wrong_password', 'wrong_password', 'too_many_attempts',
      'too_many_attempts']);
    assert.ok((await audit('meeting.join')).some((e) => e.outcome === 'denied' && e.detail === 'too_many_attempts'));
    await closeAll(guesser);
  });

  test('P1_a_locked_or_full_room_refuses_newcomers_and_the_participants_in_it_notice_nothing', async () => {
    const room = await createRoom(server, owner, { allowGuests: true, maxParticipants: 2 });
    const chair = await ownerJoins(room);
    const guest = await joinRoom(server, room, 'An');
    await chair.ws.next('participantJoined');
    const third = await connect(server);
    assert.equal((await third.request({ type: 'join', roomId: room.id, displayName: 'Ba', inviteToken: room.inviteToken },
      'error')).code, 'room_full');
    await guest.ws.call({ type: 'leave' });
    await chair.ws.next('participantLeft');
    chair.ws.send(JSON.stringify({ type: 'moderate', action: 'updateSettings', settings: { locked: true }, requestId: 4 }));
    assert.equal((await chair.ws.next('roomSettings')).settings.locked, true);
    assert.equal((await third.request({ type: 'join', roomId: room.id, displayName: 'Ba', inviteToken: room.inviteToken },
      'error')).code, 'room_locked');
    assert.ok(!chair.ws.pending().includes('participantJoined'));
    await closeAll(chair.ws, third);
  });
});

describe('F5 A1 chair controls', () => {
  test('F5_forged_chair_actions_from_a_participant_are_refused_and_audited', async () => {
    const room = await createRoom(server, owner, { allowGuests: true });
    const chair = await ownerJoins(room);
    const guest = await joinRoom(server, room, 'Kẻ giả mạo');
    const chairId = chair.joined.participantId;
    const forged = [
      { action: 'mute', target: chairId }, { action: 'muteAll', lock: true }, { action: 'remove', target: chairId, ban: true },
      { action: 'setRole', target: guest.joined.participantId, role: 'chair' }, { action: 'end' },
      { action: 'updateSettings', settings: { locked: true } },
    ];
    for (const action of forged) {
      const refused = await guest.ws.request({ type: 'moderate', ...action, requestId: 11 }, 'error');
      assert.equal(refused.code, 'forbidden', JSON.stringify(action));
      assert.equal(refused.requestId, 11);
    }
    assert.ok(!chair.ws.pending().includes('moderated'), 'nothing reached the chair');
    const denied = (await audit('meeting.mute')).filter((e) => e.outcome === 'denied' && e.target.includes(chairId));
    assert.equal(denied.length, 1);
    assert.match(denied[0].actor, /^guest:p[0-9a-f]{16}$/);
    assert.equal((await audit('meeting.end')).filter((e) => e.outcome === 'denied').length >= 1, true);
    await closeAll(chair.ws, guest.ws);
  });

  test('F5_mute_one_mute_all_with_a_lock_ask_to_unmute_remove_and_ban', async () => {
    const room = await createRoom(server, owner, { allowGuests: true });
    const chair = await ownerJoins(room);
    const a = await joinRoom(server, room, 'An');
    const b = await joinRoom(server, room, 'Bình');
    const aId = a.joined.participantId;
    a.ws.send(JSON.stringify({ type: 'mediaState', source: 'microphone', on: true }));
    await chair.ws.next('participantUpdated', (m) => m.participant.participantId === aId && m.participant.microphone);

    chair.ws.send(JSON.stringify({ type: 'moderate', action: 'mute', target: aId }));
    assert.equal((await a.ws.next('moderated')).action, 'mute');
    await b.ws.next('participantUpdated', (m) => m.participant.participantId === aId && !m.participant.microphone);
    // A soft mute: the participant may speak again.
    assert.equal((await a.ws.call({ type: 'mediaState', source: 'microphone', on: true })).type, 'ok');

    chair.ws.send(JSON.stringify({ type: 'moderate', action: 'muteAll', lock: true }));
    assert.equal((await a.ws.next('moderated', (m) => m.action === 'muteAll')).locked, true);
    const locked = await a.ws.call({ type: 'mediaState', source: 'microphone', on: true });
    assert.equal(locked.code, 'unmute_not_allowed');
    chair.ws.send(JSON.stringify({ type: 'moderate', action: 'askUnmute', target: aId }));
    await a.ws.next('moderated', (m) => m.action === 'askUnmute');
    assert.equal((await a.ws.call({ type: 'mediaState', source: 'microphone', on: true })).type, 'ok');

    chair.ws.send(JSON.stringify({ type: 'moderate', action: 'remove', target: b.joined.participantId, ban: true }));
    assert.equal((await b.ws.next('removed')).reason, 'banned');
    assert.equal((await a.ws.next('participantLeft')).participantId, b.joined.participantId);
    const again = await connect(server);
    assert.equal((await again.request({ type: 'join', roomId: room.id, displayName: 'Bình', inviteToken: room.inviteToken },
      'error')).code, 'banned');
    assert.ok((await audit('meeting.remove')).some((e) => e.outcome === 'success' && e.target.includes(b.joined.participantId)));
    await closeAll(chair.ws, a.ws, b.ws, again);
  });

  test('S3_1_joining_and_leaving_are_audited_with_who_where_and_why', async () => {
    const room = await createRoom(server, owner, { allowGuests: true });
    const chair = await ownerJoins(room);
    const guest = await joinRoom(server, room, 'Khách');
    const guestId = guest.joined.participantId;
    assert.equal((await guest.ws.call({ type: 'leave' })).type, 'left');
    await chair.ws.next('participantLeft', (m) => m.participantId === guestId);
    const target = (id) => `room:${room.id} participant:${id}`;
    let joins;
    let leaves;
    await waitFor(async () => {
      joins = await audit('meeting.join');
      leaves = await audit('meeting.leave');
      return { ok: leaves.some((e) => e.target === target(guestId)) };
    }, { timeoutMs: 5000, what: 'the leave in the audit log' });
    const chairJoin = joins.find((e) => e.target === target(chair.joined.participantId));
    assert.equal(chairJoin?.actor, `user:${owner.session.user.id}`);
    assert.equal(chairJoin.detail, 'chair');
    assert.equal(chairJoin.sourceAddress, '127.0.0.1');
    const guestJoin = joins.find((e) => e.target === target(guestId));
    assert.equal(guestJoin?.actor, `guest:${guestId}`);
    const left = leaves.find((e) => e.target === target(guestId));
    assert.equal(left.outcome, 'success');
    assert.equal(left.actor, `guest:${guestId}`);
    assert.equal(left.detail, 'left');
    await closeAll(chair.ws, guest.ws);
  });

  test('F6_A3_rename_priority_order_and_chair_grants_reach_everyone', async () => {
    const room = await createRoom(server, owner, { allowGuests: true });
    const chair = await ownerJoins(room);
    const a = await joinRoom(server, room, 'An');
    const b = await joinRoom(server, room, 'Bình');
    a.ws.send(JSON.stringify({ type: 'rename', displayName: 'Nguyễn Văn An' }));
    await b.ws.next('participantUpdated', (m) => m.participant.displayName === 'Nguyễn Văn An');
    chair.ws.send(JSON.stringify({ type: 'moderate', action: 'rename', target: b.joined.participantId,
      displayName: 'Phòng họp Sở Y tế' }));
    await a.ws.next('participantUpdated', (m) => m.participant.displayName === 'Phòng họp Sở Y tế');

    const order = [b.joined.participantId, a.joined.participantId];
    chair.ws.send(JSON.stringify({ type: 'moderate', action: 'setPriority', order: [...order, 'p-nobody'] }));
    assert.deepEqual((await a.ws.next('priority')).order, order);
    assert.deepEqual((await b.ws.next('priority')).order, order);

    chair.ws.send(JSON.stringify({ type: 'moderate', action: 'setPermissions', target: a.joined.participantId,
      permissions: { shareContent: true } }));
    assert.equal((await a.ws.next('permissionsChanged')).permissions.shareContent, true);
    chair.ws.send(JSON.stringify({ type: 'moderate', action: 'setRole', target: b.joined.participantId, role: 'chair' }));
    assert.equal((await b.ws.next('roleChanged')).role, 'chair');
    b.ws.send(JSON.stringify({ type: 'moderate', action: 'mute', target: a.joined.participantId }));
    await a.ws.next('moderated', (m) => m.by === 'Phòng họp Sở Y tế');
    await closeAll(chair.ws, a.ws, b.ws);
  });

  test('F5_the_chair_ends_the_meeting_for_everyone', async () => {
    const room = await createRoom(server, owner, { allowGuests: true });
    const chair = await ownerJoins(room);
    const a = await joinRoom(server, room, 'An');
    chair.ws.send(JSON.stringify({ type: 'moderate', action: 'end' }));
    assert.equal((await a.ws.next('removed')).reason, 'ended');
    assert.equal((await chair.ws.next('removed')).reason, 'ended');
    await closeAll(chair.ws, a.ws);
  });
});

describe('A6 chat', () => {
  test('A6_chat_reaches_everyone_as_the_text_sent_and_is_kept_with_the_meeting', async () => {
    const room = await createRoom(server, owner, { allowGuests: true });
    const a = await joinRoom(server, room, 'An');
    const b = await joinRoom(server, room, 'Bình');
    const payload = '<img src=x onerror=alert(1)><script>alert("xss")</script> & "quotes"\nline two';
    a.ws.send(JSON.stringify({ type: 'chat', text: payload }));
    const received = (await b.ws.next('chat')).message;
    assert.equal(received.text, payload, 'stored and sent as text; the client renders it as text');
    assert.equal(received.displayName, 'An');
    assert.equal((await a.ws.next('chat')).message.id, received.id);
    assert.equal((await a.ws.request({ type: 'chat', text: '   ' }, 'error')).code, 'invalid_chat');
    assert.equal((await a.ws.request({ type: 'chat', text: 'x'.repeat(2001) }, 'error')).code, 'invalid_chat');
    const late = await joinRoom(server, room, 'Chi');
    assert.deepEqual(late.joined.chat.map((m) => m.text), [payload]);
    await closeAll(a.ws, b.ws, late.ws);
  });
});
