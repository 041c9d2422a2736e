import { describe, expect, it, vi } from 'vitest';
import { SIMULCAST_ENCODINGS } from '../../lib/webrtc/publisher';
import { FakeMediaStream, FakePeerConnection, subscribeSdp } from '../../test/fake-webrtc';
import { joinedMessage, participant, SETTINGS } from '../../test/meeting-messages';
import { flush, joined, joining, meetingSession, publishPc, subscribePc, useMeetingFakes } from '../../test/meeting-session-harness';

useMeetingFakes();

describe('MeetingSession', () => {
  it('joins, then publishes camera (simulcast q/h/f, sendonly) and microphone', async () => {
    const t = meetingSession();
    const socket = await joined(t, [participant('p2', 'Trần Thị B')]);
    expect(socket.last('join')).toEqual({ type: 'join', roomId: '482915306', displayName: 'Nguyễn Văn A', requestId: expect.any(Number) });

    const snapshot = t.session.getSnapshot();
    expect(snapshot.connection).toBe('connected');
    expect(snapshot.participantId).toBe('p1');
    expect(snapshot.tiles).toEqual([{ key: 'p:p2', participantId: 'p2', displayName: 'Trần Thị B', videoMid: null, source: null, audioMid: null }]);
    expect(snapshot.localStream).toBe(t.stream);

    const pc = publishPc();
    expect(pc.config.iceServers).toEqual([]);
    const [video, audio] = pc.transceivers;
    expect(video?.kind).toBe('video');
    expect(video?.direction).toBe('sendonly');
    expect(video?.sendEncodings).toEqual(SIMULCAST_ENCODINGS);
    expect(audio?.kind).toBe('audio');
    expect(audio?.direction).toBe('sendonly');

    // The offer goes out right after setLocalDescription (no candidate gathering, no trickle).
    expect(socket.last('publish')?.['sdp']).toBe('offer-1');
    // What each mid carries: the camera's video section first, then the microphone's.
    expect(socket.last('publish')?.['sources']).toEqual({ '0': 'camera', '1': 'microphone' });
    socket.reply('publish', { type: 'publishAnswer', sdp: 'server-answer' });
    await flush();
    expect(pc.remoteDescription).toEqual({ type: 'answer', sdp: 'server-answer' });
    expect(socket.sent.some((m) => m.type === 'candidate' || m.type === 'trickle')).toBe(false);

    // Then tells the others that microphone and camera are on.
    expect(socket.sent.filter((m) => m.type === 'mediaState').map((m) => [m['source'], m['on']])).toEqual([
      ['microphone', true],
      ['camera', true],
    ]);
  });

  it('answers subscribe offers and maps their mids to tiles and audio', async () => {
    const t = meetingSession();
    const socket = await joined(t, [
      participant('p2', 'Trần Thị B'),
      participant('p3', 'Lê Văn C'),
    ]);
    socket.receive({
      type: 'subscribeOffer',
      sdp: subscribeSdp([
        ['0', 'audio'],
        ['1', 'video'],
        ['2', 'audio'],
      ]),
      version: 1,
      tracks: [
        { mid: '0', participantId: 'p2', kind: 'audio' },
        { mid: '1', participantId: 'p2', kind: 'video' },
        { mid: '2', participantId: 'p3', kind: 'audio' },
      ],
    });
    await flush();
    expect(socket.last('subscribeAnswer')).toMatchObject({ sdp: expect.stringMatching(/^answer-/), version: 1 });
    let snapshot = t.session.getSnapshot();
    expect(snapshot.tiles.map((tile) => [tile.participantId, tile.videoMid])).toEqual([
      ['p2', '1'],
      ['p3', null],
    ]);
    expect(snapshot.audioMids).toEqual(['0', '2']);
    const stream = t.session.streamFor('1');
    expect(stream?.getTracks()[0]).toBe(subscribePc().transceivers.find((x) => x.mid === '1')?.receiver.track);
    expect(t.session.streamFor('1')).toBe(stream);

    // p2 stops their camera: mid 1 is no longer listed, so it is inactive.
    socket.receive({
      type: 'subscribeOffer',
      sdp: subscribeSdp([
        ['0', 'audio'],
        ['1', 'video'],
        ['2', 'audio'],
      ]),
      version: 2,
      tracks: [
        { mid: '0', participantId: 'p2', kind: 'audio' },
        { mid: '2', participantId: 'p3', kind: 'audio' },
      ],
    });
    await flush();
    expect(socket.last('subscribeAnswer')?.['version']).toBe(2);
    snapshot = t.session.getSnapshot();
    expect(snapshot.tiles.map((tile) => tile.videoMid)).toEqual([null, null]);
  });

  it('reports the layout of measured tiles after each offer', async () => {
    const t = meetingSession();
    const socket = await joined(t, [participant('p2', 'B')]);
    socket.receive({
      type: 'subscribeOffer',
      sdp: subscribeSdp([['1', 'video']]),
      version: 1,
      tracks: [{ mid: '1', participantId: 'p2', kind: 'video' }],
    });
    await flush();
    const element = document.createElement('li');
    element.getBoundingClientRect = () => ({ width: 320, height: 180 }) as DOMRect;
    const stop = t.session.observeTile(element, '1');
    await vi.advanceTimersByTimeAsync(300);
    expect(socket.last('layout')?.['tiles']).toEqual([{ mid: '1', width: 320 * window.devicePixelRatio, height: 180 * window.devicePixelRatio }]);

    const before = socket.sent.filter((m) => m.type === 'layout').length;
    socket.receive({
      type: 'subscribeOffer',
      sdp: subscribeSdp([['1', 'video']]),
      version: 2,
      tracks: [{ mid: '1', participantId: 'p2', kind: 'video' }],
    });
    await vi.advanceTimersByTimeAsync(300);
    expect(socket.sent.filter((m) => m.type === 'layout')).toHaveLength(before + 1);

    stop();
    await vi.advanceTimersByTimeAsync(300);
    expect(socket.last('layout')?.['tiles']).toEqual([]);
  });

  it('follows the roster and the dominant speaker', async () => {
    const t = meetingSession();
    const socket = await joined(t, [participant('p2', 'B')]);
    socket.receive({ type: 'participantJoined', participant: participant('p3', 'C') });
    socket.receive({ type: 'dominantSpeaker', participantId: 'p3' });
    expect(t.session.getSnapshot().tiles.map((tile) => tile.displayName)).toEqual(['B', 'C']);
    expect(t.session.getSnapshot().dominantSpeakerId).toBe('p3');

    // participantUpdated: renamed, hand raised, microphone on, in place.
    socket.receive({ type: 'participantUpdated', participant: participant('p2', 'Bình', { handRaised: true, microphone: true }) });
    const roster = t.session.getSnapshot().roster;
    expect(roster.map((p) => [p.participantId, p.displayName, p.handRaised, p.microphone])).toEqual([
      ['p2', 'Bình', true, true],
      ['p3', 'C', false, false],
    ]);
    expect(t.session.getSnapshot().tiles.map((tile) => tile.displayName)).toEqual(['Bình', 'C']);

    // About ourselves: not a tile, but our state (a chair locked our microphone).
    socket.receive({ type: 'participantUpdated', participant: participant('p1', 'Nguyễn Văn A', { microphoneLocked: true }) });
    expect(t.session.getSnapshot().roster).toBe(roster);
    expect(t.session.getSnapshot().microphoneLocked).toBe(true);
    expect(t.session.getSnapshot().self?.participantId).toBe('p1');

    socket.receive({ type: 'participantLeft', participantId: 'p3' });
    expect(t.session.getSnapshot().tiles.map((tile) => tile.displayName)).toEqual(['Bình']);
    expect(t.session.getSnapshot().dominantSpeakerId).toBeNull();
  });

  it('keeps what `joined` says of the meeting, and what changes after', async () => {
    const t = meetingSession();
    const history = [{ id: 'm1', participantId: 'p2', displayName: 'B', text: 'Chào', sentAt: 1 }];
    const socket = await joining(t);
    socket.reply('join', joinedMessage([participant('p2', 'B')], { role: 'chair', priority: ['p2'], chat: history, lobby: [] }));
    await flush();
    let snapshot = t.session.getSnapshot();
    expect(snapshot.roomCode).toBe('482 915 306');
    expect(snapshot.title).toBe('Giao ban tuần');
    expect(snapshot.role).toBe('chair');
    expect(snapshot.settings).toEqual(SETTINGS);
    expect(snapshot.priority).toEqual(['p2']);
    expect(snapshot.chat).toEqual(history);
    expect(snapshot.account).toBeNull();

    const line = { id: 'm2', participantId: 'p1', displayName: 'Nguyễn Văn A', text: 'Chào anh', sentAt: 2 };
    socket.receive({ type: 'chat', message: line });
    socket.receive({ type: 'roomSettings', settings: { ...SETTINGS, locked: true, title: 'Họp khẩn' } });
    socket.receive({ type: 'priority', order: ['p2', 'p1'], by: 'A' });
    socket.receive({ type: 'lobby', waiting: [{ lobbyId: 'l1', displayName: 'Khách', guest: true, since: 3 }] });
    socket.receive({ type: 'moderated', action: 'muteAll', by: 'A', locked: true });
    socket.receive({ type: 'roleChanged', role: 'participant', permissions: { shareContent: false, recordAudio: false, recordVideo: false }, lobby: [], by: 'B' });
    socket.receive({ type: 'permissionsChanged', permissions: { shareContent: true, recordAudio: false, recordVideo: false } });
    snapshot = t.session.getSnapshot();
    expect(snapshot.chat).toEqual([...history, line]);
    expect(snapshot.settings?.locked).toBe(true);
    expect(snapshot.title).toBe('Họp khẩn');
    expect(snapshot.priority).toEqual(['p2', 'p1']);
    expect(snapshot.moderation).toEqual({ type: 'moderated', action: 'muteAll', by: 'A', locked: true });
    expect(snapshot.role).toBe('participant');
    expect(snapshot.lobby).toEqual([]);
    expect(snapshot.permissions).toEqual({ shareContent: true, recordAudio: false, recordVideo: false });
  });

  it('sends self-service requests and shows a refusal by its code', async () => {
    const t = meetingSession();
    const socket = await joined(t);
    const raised = t.session.raiseHand(true);
    socket.reply('raiseHand', { type: 'ok' });
    expect(await raised).toBe(true);
    const sent = t.session.sendChat('Xin chào');
    expect(socket.last('chat')).toMatchObject({ type: 'chat', text: 'Xin chào' });
    socket.reply('chat', { type: 'error', code: 'chat_rate_limited', message: 'slow down' });
    expect(await sent).toBe(false);
    expect(t.session.getSnapshot().problem).toBe('chat_rate_limited');
    void t.session.rename('Bình');
    void t.session.moderate({ action: 'remove', target: 'p2', ban: true });
    expect(socket.last('rename')).toMatchObject({ displayName: 'Bình' });
    expect(socket.last('moderate')).toMatchObject({ action: 'remove', target: 'p2', ban: true });
  });

  it('joins with the invitation token or the password', async () => {
    const invited = meetingSession({ inviteToken: 'inv-1' });
    const socket = await joining(invited);
    expect(socket.last('join')).toEqual({
      type: 'join',
      roomId: '482915306',
      displayName: 'Nguyễn Văn A',
      inviteToken: 'inv-1',
      requestId: expect.any(Number),
    });
    invited.session.end();

    const withPassword = meetingSession({ inviteToken: null, password: 'bí mật' });
    expect((await joining(withPassword)).last('join')).toMatchObject({ password: 'bí mật' });
    expect(withPassword.sockets.latest().last('join')).not.toHaveProperty('inviteToken');
    withPassword.session.end();
  });

  it('fails with password_required: the page asks for the password', async () => {
    const t = meetingSession();
    const socket = await joining(t);
    socket.reply('join', { type: 'error', code: 'password_required', message: 'needs a password' });
    await flush();
    expect(t.session.getSnapshot().fatal).toBe('password_required');
    expect(t.session.getSnapshot().connection).toBe('failed');
  });

  it('waits in the lobby until a chair lets it in, then is in the room as after a direct join', async () => {
    const t = meetingSession();
    const socket = await joining(t);
    socket.reply('join', { type: 'lobbyWaiting', roomId: '482915306', title: 'Giao ban tuần' });
    await flush();
    let snapshot = t.session.getSnapshot();
    expect(snapshot.connection).toBe('waiting');
    expect(snapshot.joined).toBe(false);
    expect(snapshot.title).toBe('Giao ban tuần');
    expect(socket.last('publish')).toBeUndefined();
    // No request timeout while waiting (the server answers the pings).
    for (let i = 0; i < 3; i += 1) {
      await vi.advanceTimersByTimeAsync(20_000);
      socket.receive({ type: 'pong' });
    }
    expect(t.session.getSnapshot().connection).toBe('waiting');

    socket.receive(joinedMessage([participant('p2', 'B')], { participantId: 'p5', resumeToken: 'tok-5' }));
    await flush();
    snapshot = t.session.getSnapshot();
    expect(snapshot.connection).toBe('connected');
    expect(snapshot.joined).toBe(true);
    expect(snapshot.participantId).toBe('p5');
    expect(snapshot.tiles.map((tile) => tile.participantId)).toEqual(['p2']);
    expect(window.__dienhong?.participantId).toBe('p5');
    expect(socket.last('publish')).toBeDefined();

    // Resumable with the token of that `joined`.
    socket.drop();
    await vi.advanceTimersByTimeAsync(500);
    t.sockets.latest().open();
    expect(t.sockets.latest().last('resume')?.['resumeToken']).toBe('tok-5');
    t.session.end();
  });

  it('is in the room even when `joined` follows lobbyWaiting at once', async () => {
    const t = meetingSession();
    const socket = await joining(t);
    socket.reply('join', { type: 'lobbyWaiting', roomId: '482915306', title: '' });
    socket.receive(joinedMessage());
    await flush();
    expect(t.session.getSnapshot().connection).toBe('connected');
    expect(socket.last('publish')).toBeDefined();
    t.session.end();
  });

  it.each([
    [{ type: 'lobbyRejected' }, 'lobby_rejected'],
    [{ type: 'meetingEnded' }, 'meeting_ended'],
  ])('ends the wait in the lobby on %j', async (message, code) => {
    const t = meetingSession();
    const socket = await joining(t);
    socket.reply('join', { type: 'lobbyWaiting', roomId: '482915306', title: 'Giao ban' });
    await flush();
    socket.receive(message);
    await flush();
    expect(t.session.getSnapshot().fatal).toBe(code);
    expect(t.session.getSnapshot().connection).toBe('failed');
    expect(socket.closedByClient).not.toBeNull();
    expect((t.stream as unknown as FakeMediaStream).getTracks().every((track) => track.readyState === 'ended')).toBe(true);
  });

  it('leaves the lobby with `leave`', async () => {
    const t = meetingSession();
    const socket = await joining(t);
    socket.reply('join', { type: 'lobbyWaiting', roomId: '482915306', title: 'Giao ban' });
    await flush();
    const leaving = t.session.leave();
    expect(socket.last('leave')).toBeDefined();
    socket.reply('leave', { type: 'left' });
    await leaving;
    expect(socket.closedByClient?.code).toBe(1000);
  });

  it.each([
    ['removed', 'removed'],
    ['banned', 'removed_banned'],
    ['ended', 'meeting_ended'],
    ['resumed_elsewhere', 'resumed_elsewhere'],
    ['media_failed', 'media_failed'],
    ['resume_timeout', 'resume_failed'],
    ['something_new', 'removed_other'],
  ])('ends on `removed` (%s) with the code the page shows, and does not try to resume', async (reason, code) => {
    const t = meetingSession();
    const socket = await joined(t);
    socket.receive({ type: 'removed', reason });
    await flush();
    expect(t.session.getSnapshot().fatal).toBe(code);
    expect(publishPc().closed).toBe(true);
    expect(socket.closedByClient).not.toBeNull();
    socket.drop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.sockets.sockets).toHaveLength(1);
    expect(t.session.getSnapshot().fatal).toBe(code);
  });

  it('takes the meeting as it is after a resume', async () => {
    const t = meetingSession();
    const socket = await joined(t, [participant('p2', 'B'), participant('p3', 'C')]);
    socket.receive({ type: 'dominantSpeaker', participantId: 'p3' });
    socket.drop();
    await vi.advanceTimersByTimeAsync(500);
    const next = t.sockets.latest();
    next.open();
    next.reply('resume', {
      type: 'resumed',
      roomId: '482915306',
      participantId: 'p1',
      role: 'chair',
      participants: [participant('p2', 'B'), participant('p4', 'D')],
      settings: SETTINGS,
      lobby: [],
    });
    await flush();
    const snapshot = t.session.getSnapshot();
    expect(snapshot.roster.map((p) => p.participantId)).toEqual(['p2', 'p4']);
    expect(snapshot.role).toBe('chair');
    expect(snapshot.dominantSpeakerId).toBeNull();
  });

  it('exposes the peer connections and identifiers on window.__dienhong, never the token', async () => {
    const t = meetingSession();
    const socket = await joined(t);
    socket.reply('publish', { type: 'publishAnswer', sdp: 'a' });
    await flush();
    const handle = window.__dienhong;
    expect(handle?.publishPc).toBe(publishPc());
    expect(handle?.subscribePc).toBe(subscribePc());
    expect(handle?.participantId).toBe('p1');
    expect(handle?.roomId).toBe('482915306');
    expect(JSON.stringify(Object.keys(handle ?? {}))).not.toMatch(/token/i);
    t.session.end();
    expect(window.__dienhong).toBeUndefined();
  });

  it('joins to watch when camera and microphone are refused', async () => {
    const t = meetingSession({ media: { stream: null, video: 'denied', audio: 'denied' } });
    const socket = await joined(t);
    expect(t.session.getSnapshot().media).toEqual({ video: 'denied', audio: 'denied' });
    expect(t.session.getSnapshot().connection).toBe('connected');
    expect(socket.last('publish')).toBeUndefined();
    expect(FakePeerConnection.instances).toHaveLength(1); // subscribe only
    expect(window.__dienhong?.publishPc).toBeNull();
    t.session.end();
  });

  it('shows a refused join as fatal and releases camera and microphone', async () => {
    const t = meetingSession();
    const socket = await joining(t);
    socket.reply('join', { type: 'error', code: 'room_full', message: 'Room full' });
    await flush();
    const snapshot = t.session.getSnapshot();
    expect(snapshot.fatal).toBe('room_full');
    expect(snapshot.connection).toBe('failed');
    expect((t.stream as unknown as FakeMediaStream).getTracks().every((track) => track.readyState === 'ended')).toBe(true);
    expect(subscribePc().closed).toBe(true);
  });

  it('restarts ICE on the publish connection with a new publish offer', async () => {
    const t = meetingSession();
    const socket = await joined(t);
    socket.reply('publish', { type: 'publishAnswer', sdp: 'a1' });
    await flush();
    const pc = publishPc();
    pc.setIceState('connected');
    pc.setIceState('failed');
    await vi.advanceTimersByTimeAsync(0);
    expect(pc.offers.at(-1)?.iceRestart).toBe(true);
    // Still failed while the restart waits for its answer: no second restart on top of it.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(socket.sent.filter((m) => m.type === 'publish')).toHaveLength(2);
    expect(socket.last('publish')?.['sdp']).toBe(pc.offers.at(-1)?.sdp);
    socket.reply('publish', { type: 'publishAnswer', sdp: 'a2' });
    await flush();
    expect(pc.remoteDescription?.sdp).toBe('a2');
    pc.setIceState('connected');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(socket.sent.filter((m) => m.type === 'publish')).toHaveLength(2);
  });

  it('asks the server to restart ICE on the subscribe connection', async () => {
    const t = meetingSession();
    const socket = await joined(t);
    socket.receive({ type: 'subscribeOffer', sdp: subscribeSdp([]), version: 1, tracks: [] });
    await flush();
    subscribePc().setIceState('failed');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(socket.last('restartIce')).toMatchObject({ connection: 'subscribe' });
  });

  it('shows reconnecting during a drop, resumes and redoes a publish the drop interrupted', async () => {
    const t = meetingSession();
    const socket = await joined(t);
    expect(socket.last('publish')).toBeDefined();
    socket.drop();
    await flush();
    expect(t.session.getSnapshot().connection).toBe('reconnecting');
    expect(t.session.getSnapshot().problem).toBeNull();

    await vi.advanceTimersByTimeAsync(500);
    const next = t.sockets.latest();
    expect(next).not.toBe(socket);
    next.open();
    expect(next.last('resume')?.['resumeToken']).toBe('tok');
    next.reply('resume', { type: 'resumed', roomId: '482915306', participantId: 'p1' });
    await flush();
    expect(t.session.getSnapshot().connection).toBe('connected');
    expect(next.last('publish')).toBeDefined();
    next.reply('publish', { type: 'publishAnswer', sdp: 'after-resume' });
    await flush();
    expect(publishPc().remoteDescription?.sdp).toBe('after-resume');
  });

  it('shows a server error by its code and ignores stale answers', async () => {
    const t = meetingSession();
    const socket = await joined(t);
    socket.receive({ type: 'error', code: 'stale_answer', message: 'stale' });
    expect(t.session.getSnapshot().problem).toBeNull();
    socket.reply('publish', { type: 'error', code: 'sdp_unsupported', message: 'no VP8' });
    await flush();
    expect(t.session.getSnapshot().problem).toBe('sdp_unsupported');
  });

  it('leaves: sends leave, closes both connections and stops the tracks', async () => {
    const t = meetingSession();
    const socket = await joined(t);
    socket.reply('publish', { type: 'publishAnswer', sdp: 'a' });
    await flush();
    const leaving = t.session.leave();
    socket.reply('leave', { type: 'left' });
    await leaving;
    expect(publishPc().closed).toBe(true);
    expect(subscribePc().closed).toBe(true);
    expect((t.stream as unknown as FakeMediaStream).getTracks().every((track) => track.readyState === 'ended')).toBe(true);
    expect(socket.closedByClient?.code).toBe(1000);
  });
});
