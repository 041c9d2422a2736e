import { describe, expect, it } from 'vitest';
import { joinedMessage, participant, SETTINGS } from '../../test/meeting-messages';
import { parseServerMessage, serialiseClientMessage, type ServerMessage } from './messages';

function parse(frame: unknown): ServerMessage {
  const result = parseServerMessage(typeof frame === 'string' ? frame : JSON.stringify(frame));
  if (!result.ok) throw new Error(result.reason);
  return result.message;
}

function reason(frame: unknown): string {
  const result = parseServerMessage(typeof frame === 'string' ? frame : JSON.stringify(frame));
  if (result.ok) throw new Error(`accepted ${JSON.stringify(result.message)}`);
  return result.reason;
}

describe('parseServerMessage: accepts every message of docs/signaling.md', () => {
  it('hello with the signed-in account or null, pong, left, ok', () => {
    expect(parse({ type: 'hello', protocol: 1, connectionId: 'c-1', account: null })).toEqual({
      type: 'hello',
      protocol: 1,
      connectionId: 'c-1',
      account: null,
    });
    expect(parse({ type: 'hello', protocol: 1, connectionId: 'c-1', account: { displayName: 'Nguyễn Văn A' } })).toEqual({
      type: 'hello',
      protocol: 1,
      connectionId: 'c-1',
      account: { displayName: 'Nguyễn Văn A' },
    });
    expect(parse({ type: 'pong', id: 3 })).toEqual({ type: 'pong' });
    expect(parse({ type: 'left', requestId: 9 })).toEqual({ type: 'left', requestId: 9 });
    expect(parse({ type: 'ok', requestId: 10 })).toEqual({ type: 'ok', requestId: 10 });
  });

  it('joined with role, permissions, the other participants, settings, priority and chat', () => {
    const chat = [{ id: 'm1', participantId: 'p2', displayName: 'Trần Thị B', text: 'Chào cả nhà', sentAt: 1_700_000_000_000 }];
    const frame = joinedMessage([participant('p2', 'Trần Thị B', { microphone: true, role: 'chair' })], {
      requestId: 1,
      priority: ['p2'],
      chat,
      lobby: [{ lobbyId: 'l1', displayName: 'Khách', guest: true, since: 5 }],
    });
    expect(parse(frame)).toEqual({
      type: 'joined',
      requestId: 1,
      roomId: '482915306',
      roomCode: '482 915 306',
      participantId: 'p1',
      displayName: 'Nguyễn Văn A',
      resumeToken: 'tok',
      role: 'participant',
      permissions: { shareContent: true, recordAudio: false, recordVideo: false },
      participants: [participant('p2', 'Trần Thị B', { microphone: true, role: 'chair' })],
      settings: SETTINGS,
      priority: ['p2'],
      startMuted: false,
      microphoneLocked: false,
      chat,
      lobby: [{ lobbyId: 'l1', displayName: 'Khách', guest: true, since: 5 }],
    });
  });

  it('joined from an older server: state members take their neutral value', () => {
    expect(
      parse({ type: 'joined', roomId: '482915306', participantId: 'p1', resumeToken: 't', participants: [{ participantId: 'p2', displayName: 'B' }] }),
    ).toEqual({
      type: 'joined',
      roomId: '482915306',
      roomCode: '482 915 306',
      participantId: 'p1',
      displayName: '',
      resumeToken: 't',
      role: 'participant',
      permissions: { shareContent: false, recordAudio: false, recordVideo: false },
      participants: [participant('p2', 'B', { guest: false })],
      settings: null,
      priority: [],
      startMuted: false,
      microphoneLocked: false,
      chat: [],
    });
  });

  it('lobbyWaiting, lobbyRejected, meetingEnded', () => {
    expect(parse({ type: 'lobbyWaiting', requestId: 2, roomId: '482915306', title: 'Giao ban' })).toEqual({
      type: 'lobbyWaiting',
      requestId: 2,
      roomId: '482915306',
      title: 'Giao ban',
    });
    expect(parse({ type: 'lobbyRejected' })).toEqual({ type: 'lobbyRejected' });
    expect(parse({ type: 'meetingEnded' })).toEqual({ type: 'meetingEnded' });
  });

  it('resumed, with the meeting as it is now when the server says', () => {
    expect(parse({ type: 'resumed', roomId: 'r-1', participantId: 'p1' })).toEqual({ type: 'resumed', roomId: 'r-1', participantId: 'p1' });
    expect(
      parse({ type: 'resumed', roomId: 'r-1', participantId: 'p1', role: 'chair', participants: [participant('p2', 'B')], settings: SETTINGS, lobby: [] }),
    ).toEqual({ type: 'resumed', roomId: 'r-1', participantId: 'p1', role: 'chair', participants: [participant('p2', 'B')], settings: SETTINGS, lobby: [] });
  });

  it('participantJoined, participantUpdated, participantLeft, publishAnswer', () => {
    expect(parse({ type: 'participantJoined', participant: participant('p3', 'C') })).toEqual({
      type: 'participantJoined',
      participant: participant('p3', 'C'),
    });
    expect(parse({ type: 'participantUpdated', participant: participant('p3', 'C', { handRaised: true }) })).toEqual({
      type: 'participantUpdated',
      participant: participant('p3', 'C', { handRaised: true }),
    });
    expect(parse({ type: 'participantLeft', participantId: 'p3' })).toEqual({ type: 'participantLeft', participantId: 'p3' });
    expect(parse({ type: 'publishAnswer', sdp: 'v=0\r\n', requestId: 4 })).toEqual({ type: 'publishAnswer', sdp: 'v=0\r\n', requestId: 4 });
  });

  it('roomSettings, priority, lobby, chat', () => {
    expect(parse({ type: 'roomSettings', settings: { ...SETTINGS, locked: true } })).toEqual({
      type: 'roomSettings',
      settings: { ...SETTINGS, locked: true },
    });
    expect(parse({ type: 'priority', order: ['p3', 'p2'], by: 'Chủ trì' })).toEqual({ type: 'priority', order: ['p3', 'p2'], by: 'Chủ trì' });
    expect(parse({ type: 'lobby', waiting: [{ lobbyId: 'l2', displayName: 'D', guest: false, since: 9 }, 'junk'] })).toEqual({
      type: 'lobby',
      waiting: [{ lobbyId: 'l2', displayName: 'D', guest: false, since: 9 }],
    });
    const message = { id: 'm2', participantId: 'p2', displayName: 'B', text: 'Xin chào\nmọi người', sentAt: 42 };
    expect(parse({ type: 'chat', message })).toEqual({ type: 'chat', message });
  });

  it('moderated, roleChanged, permissionsChanged, removed', () => {
    expect(parse({ type: 'moderated', action: 'muteAll', by: 'Chủ trì', locked: true })).toEqual({
      type: 'moderated',
      action: 'muteAll',
      by: 'Chủ trì',
      locked: true,
    });
    expect(parse({ type: 'moderated', action: 'mute', by: 'Chủ trì' })).toEqual({ type: 'moderated', action: 'mute', by: 'Chủ trì' });
    const all = { shareContent: true, recordAudio: true, recordVideo: true };
    expect(parse({ type: 'roleChanged', role: 'chair', permissions: all, lobby: [], by: 'Chủ trì' })).toEqual({
      type: 'roleChanged',
      role: 'chair',
      permissions: all,
      lobby: [],
      by: 'Chủ trì',
    });
    expect(parse({ type: 'permissionsChanged', permissions: all })).toEqual({ type: 'permissionsChanged', permissions: all });
    expect(parse({ type: 'permissionsChanged', permissions: all, by: 'C' })).toEqual({ type: 'permissionsChanged', permissions: all, by: 'C' });
    expect(parse({ type: 'removed', reason: 'banned' })).toEqual({ type: 'removed', reason: 'banned' });
  });

  it('subscribeOffer with its tracks', () => {
    expect(
      parse({
        type: 'subscribeOffer',
        sdp: 'v=0',
        version: 3,
        tracks: [
          { mid: '0', participantId: 'p2', kind: 'audio', source: 'microphone' },
          { mid: '1', participantId: 'p2', kind: 'video', source: 'camera' },
          { mid: '2', participantId: 'p3', kind: 'video', source: 'screen' },
          { mid: '3', participantId: 'p4', kind: 'video' },
        ],
      }),
    ).toEqual({
      type: 'subscribeOffer',
      sdp: 'v=0',
      version: 3,
      tracks: [
        { mid: '0', participantId: 'p2', kind: 'audio', source: 'microphone' },
        { mid: '1', participantId: 'p2', kind: 'video', source: 'camera' },
        { mid: '2', participantId: 'p3', kind: 'video', source: 'screen' },
        // No source from the server: what the kind implies.
        { mid: '3', participantId: 'p4', kind: 'video', source: 'camera' },
      ],
    });
  });

  it('dominantSpeaker with a participant or null', () => {
    expect(parse({ type: 'dominantSpeaker', participantId: 'p2' })).toEqual({ type: 'dominantSpeaker', participantId: 'p2' });
    expect(parse({ type: 'dominantSpeaker', participantId: null })).toEqual({ type: 'dominantSpeaker', participantId: null });
  });

  it('stats and error', () => {
    expect(parse({ type: 'stats', publish: { bitrateIn: 1 }, subscribe: {}, tracks: [{ mid: '1' }] })).toEqual({
      type: 'stats',
      publish: { bitrateIn: 1 },
      subscribe: {},
      tracks: [{ mid: '1' }],
    });
    expect(parse({ type: 'error', code: 'room_full', message: 'Room is full', requestId: 2 })).toEqual({
      type: 'error',
      code: 'room_full',
      message: 'Room is full',
      requestId: 2,
    });
    expect(parse({ type: 'error', code: 'internal' })).toEqual({ type: 'error', code: 'internal', message: '' });
  });
});

describe('parseServerMessage: tolerance', () => {
  it('drops unknown members', () => {
    expect(parse({ type: 'participantLeft', participantId: 'p1', reason: 'kicked', extra: { a: 1 } })).toEqual({
      type: 'participantLeft',
      participantId: 'p1',
    });
  });

  it('accepts integer identifiers and hands them on as strings', () => {
    expect(parse({ type: 'participantJoined', participant: { ...participant('x', 'A'), participantId: 42 } })).toEqual({
      type: 'participantJoined',
      participant: participant('42', 'A'),
    });
    expect(parse({ type: 'subscribeOffer', sdp: 's', version: 1, tracks: [{ mid: 0, participantId: 7, kind: 'video' }] })).toEqual({
      type: 'subscribeOffer',
      sdp: 's',
      version: 1,
      tracks: [{ mid: '0', participantId: '7', kind: 'video', source: 'camera' }],
    });
  });

  it('skips malformed chat history entries instead of refusing `joined`', () => {
    const good = { id: 'm1', participantId: 'p2', displayName: 'B', text: 'hi', sentAt: 1 };
    const message = parse(joinedMessage([], { chat: [good, { id: 'm2', text: 'no sender' }, 7] }));
    expect(message.type === 'joined' && message.chat).toEqual([good]);
  });

  it('skips malformed or repeated tracks instead of refusing the offer', () => {
    const message = parse({
      type: 'subscribeOffer',
      sdp: 's',
      version: 2,
      tracks: [
        { mid: '0', participantId: 'p', kind: 'screen' },
        { mid: '', participantId: 'p', kind: 'video' },
        { mid: '2', participantId: 'p', kind: 'video', source: 'projector' },
        'junk',
        { mid: '1', participantId: 'p', kind: 'video', source: 'screen' },
        { mid: '1', participantId: 'q', kind: 'audio' },
      ],
    });
    expect(message.type === 'subscribeOffer' && message.tracks).toEqual([{ mid: '1', participantId: 'p', kind: 'video', source: 'screen' }]);
  });
});

describe('parseServerMessage: rejects', () => {
  it('frames that are not a JSON object with a string type', () => {
    expect(reason('not json')).toBe('not JSON');
    expect(reason('[1,2]')).toBe('not an object');
    expect(reason('null')).toBe('not an object');
    expect(reason({ kind: 'hello' })).toBe('type: expected a string');
    expect(reason({ type: 7 })).toBe('type: expected a string');
  });

  it('unknown types', () => {
    expect(reason({ type: 'teleport' })).toBe('unknown type "teleport"');
    expect(reason({ type: 'toString' })).toBe('unknown type "toString"');
  });

  it('missing or mistyped members', () => {
    expect(reason({ type: 'joined', roomId: 'r', participantId: 'p', participants: [] })).toBe('joined: resumeToken: expected a string');
    expect(reason({ type: 'joined', roomId: 'r', participantId: 'p', resumeToken: 't' })).toBe('joined: participants: expected an array');
    expect(reason({ type: 'joined', roomId: 'r', participantId: 'p', resumeToken: 't', participants: [{ participantId: 'x' }] })).toBe(
      'joined: participants: malformed entry',
    );
    expect(reason({ type: 'publishAnswer' })).toBe('publishAnswer: sdp: expected a string');
    expect(reason({ type: 'subscribeOffer', sdp: 's', version: 1.5, tracks: [] })).toBe('subscribeOffer: version: expected an integer');
    expect(reason({ type: 'subscribeOffer', sdp: 's', version: 1 })).toBe('subscribeOffer: tracks: expected an array');
    expect(reason({ type: 'participantLeft', participantId: true })).toBe('participantLeft: participantId: expected an identifier');
    expect(reason({ type: 'participantJoined', participantId: 'p3', displayName: 'C' })).toBe('participantJoined: participant: expected an object');
    expect(reason({ type: 'participantUpdated', participant: { participantId: 'p3' } })).toBe(
      'participantUpdated: participant.displayName: expected a string',
    );
    expect(reason({ type: 'participantUpdated', participant: { ...participant('p3', 'C'), microphone: 'yes' } })).toBe(
      'participantUpdated: participant.microphone: expected true or false',
    );
    expect(reason({ type: 'participantJoined', participant: { ...participant('p3', 'C'), role: 'king' } })).toBe(
      'participantJoined: participant.role: expected "chair" or "participant"',
    );
    expect(reason(joinedMessage([], { settings: 'open' }))).toBe('joined: settings: expected an object');
    expect(reason(joinedMessage([], { startMuted: 1 }))).toBe('joined: startMuted: expected true or false');
    expect(reason({ type: 'lobbyWaiting' })).toBe('lobbyWaiting: roomId: expected a string');
    expect(reason({ type: 'chat', message: { id: 'm', text: 'x' } })).toBe('chat: message: malformed chat message');
    expect(reason({ type: 'roleChanged', permissions: {}, lobby: [] })).toBe('roleChanged: role: expected "chair" or "participant"');
    expect(reason({ type: 'permissionsChanged' })).toBe('permissionsChanged: permissions: expected an object');
    expect(reason({ type: 'removed' })).toBe('removed: reason: expected a string');
    expect(reason({ type: 'hello', protocol: 1, connectionId: 'c', account: 'A' })).toBe('hello: account: expected an object or null');
    expect(reason({ type: 'dominantSpeaker' })).toBe('dominantSpeaker: participantId: expected an identifier');
    expect(reason({ type: 'error', message: 'x' })).toBe('error: code: expected a string');
    expect(reason({ type: 'hello', protocol: '1', connectionId: 'c' })).toBe('hello: protocol: expected an integer');
  });

  it('a requestId that is not an integer', () => {
    expect(reason({ type: 'left', requestId: '3' })).toBe('left: requestId: expected an integer');
    expect(reason({ type: 'left', requestId: 1.5 })).toBe('left: requestId: expected an integer');
  });
});

describe('serialiseClientMessage', () => {
  it('writes join with its invitation token or password, publish with its sources, and chair actions', () => {
    expect(
      JSON.parse(serialiseClientMessage({ type: 'join', roomId: '482915306', displayName: 'A', inviteToken: 'tok_1', password: 'pw' }, 1)),
    ).toEqual({ type: 'join', roomId: '482915306', displayName: 'A', inviteToken: 'tok_1', password: 'pw', requestId: 1 });
    expect(JSON.parse(serialiseClientMessage({ type: 'publish', sdp: 'o', sources: { '0': 'camera', '1': 'microphone' } }, 2))).toEqual({
      type: 'publish',
      sdp: 'o',
      sources: { '0': 'camera', '1': 'microphone' },
      requestId: 2,
    });
    expect(JSON.parse(serialiseClientMessage({ type: 'moderate', action: 'muteAll', lock: true }, 3))).toEqual({
      type: 'moderate',
      action: 'muteAll',
      lock: true,
      requestId: 3,
    });
  });

  it('adds the requestId when there is one', () => {
    expect(JSON.parse(serialiseClientMessage({ type: 'join', roomId: 'abc', displayName: 'A' }, 5))).toEqual({
      type: 'join',
      roomId: 'abc',
      displayName: 'A',
      requestId: 5,
    });
    expect(JSON.parse(serialiseClientMessage({ type: 'ping' }))).toEqual({ type: 'ping' });
    expect(JSON.parse(serialiseClientMessage({ type: 'layout', tiles: [{ mid: '1', width: 640, height: 360 }] }, 1))).toEqual({
      type: 'layout',
      tiles: [{ mid: '1', width: 640, height: 360 }],
      requestId: 1,
    });
  });
});
