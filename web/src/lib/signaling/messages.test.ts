import { describe, expect, it } from 'vitest';
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
  it('hello, pong, left', () => {
    expect(parse({ type: 'hello', protocol: 1, connectionId: 'c-1' })).toEqual({ type: 'hello', protocol: 1, connectionId: 'c-1' });
    expect(parse({ type: 'pong', id: 3 })).toEqual({ type: 'pong' });
    expect(parse({ type: 'left', requestId: 9 })).toEqual({ type: 'left', requestId: 9 });
  });

  it('joined with the other participants', () => {
    expect(
      parse({
        type: 'joined',
        requestId: 1,
        roomId: 'giao-ban',
        participantId: 'p1',
        resumeToken: 'tok',
        participants: [{ participantId: 'p2', displayName: 'Trần Thị B' }],
      }),
    ).toEqual({
      type: 'joined',
      requestId: 1,
      roomId: 'giao-ban',
      participantId: 'p1',
      resumeToken: 'tok',
      participants: [{ participantId: 'p2', displayName: 'Trần Thị B' }],
    });
  });

  it('resumed, participantJoined, participantLeft, publishAnswer', () => {
    expect(parse({ type: 'resumed', roomId: 'r-1', participantId: 'p1' })).toEqual({ type: 'resumed', roomId: 'r-1', participantId: 'p1' });
    expect(parse({ type: 'participantJoined', participantId: 'p3', displayName: 'C' })).toEqual({
      type: 'participantJoined',
      participantId: 'p3',
      displayName: 'C',
    });
    expect(parse({ type: 'participantLeft', participantId: 'p3' })).toEqual({ type: 'participantLeft', participantId: 'p3' });
    expect(parse({ type: 'publishAnswer', sdp: 'v=0\r\n', requestId: 4 })).toEqual({ type: 'publishAnswer', sdp: 'v=0\r\n', requestId: 4 });
  });

  it('subscribeOffer with its tracks', () => {
    expect(
      parse({
        type: 'subscribeOffer',
        sdp: 'v=0',
        version: 3,
        tracks: [
          { mid: '0', participantId: 'p2', kind: 'audio' },
          { mid: '1', participantId: 'p2', kind: 'video' },
        ],
      }),
    ).toEqual({
      type: 'subscribeOffer',
      sdp: 'v=0',
      version: 3,
      tracks: [
        { mid: '0', participantId: 'p2', kind: 'audio' },
        { mid: '1', participantId: 'p2', kind: 'video' },
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
    expect(parse({ type: 'participantJoined', participantId: 42, displayName: 'A' })).toEqual({
      type: 'participantJoined',
      participantId: '42',
      displayName: 'A',
    });
    expect(parse({ type: 'subscribeOffer', sdp: 's', version: 1, tracks: [{ mid: 0, participantId: 7, kind: 'video' }] })).toEqual({
      type: 'subscribeOffer',
      sdp: 's',
      version: 1,
      tracks: [{ mid: '0', participantId: '7', kind: 'video' }],
    });
  });

  it('skips malformed or repeated tracks instead of refusing the offer', () => {
    const message = parse({
      type: 'subscribeOffer',
      sdp: 's',
      version: 2,
      tracks: [
        { mid: '0', participantId: 'p', kind: 'screen' },
        { mid: '', participantId: 'p', kind: 'video' },
        'junk',
        { mid: '1', participantId: 'p', kind: 'video' },
        { mid: '1', participantId: 'q', kind: 'audio' },
      ],
    });
    expect(message.type === 'subscribeOffer' && message.tracks).toEqual([{ mid: '1', participantId: 'p', kind: 'video' }]);
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
