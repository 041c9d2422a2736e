// Messages of the meeting signalling protocol (docs/signaling.md, protocol 1): JSON text frames
// over one WebSocket, each an object with a string `type`.
//
// Client messages are typed so that the compiler checks what we send. Server messages arrive as
// text and are parsed by parseServerMessage into fresh, typed objects: a frame that is not JSON,
// not an object, of an unknown type or missing a member is rejected with a reason (and then
// ignored by the client), never passed on half-checked. Unknown members are dropped, as the
// protocol asks. Identifiers the document leaves untyped (participantId, mid) are accepted as
// strings or integers and always handed on as strings.
//
// Keep in step with docs/signaling.md: there is no machine-readable schema shared with the
// server yet, so this file and messages.test.ts are the client's side of that contract.

export const PROTOCOL_VERSION = 1;

/** Error codes of docs/signaling.md. The server may add codes; the client treats them as strings. */
export const SERVER_ERROR_CODES = [
  'invalid_message',
  'unknown_type',
  'not_joined',
  'already_joined',
  'invalid_room',
  'invalid_name',
  'invalid_sdp',
  'sdp_unsupported',
  'stale_answer',
  'resume_failed',
  'room_full',
  'server_busy',
  'internal',
] as const;
export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number];

/**
 * Codes the client produces itself: no answer in time, the socket dropped while a request was in
 * flight (or no socket), the socket could not be opened, the server speaks another protocol.
 */
export type ClientErrorCode = 'timeout' | 'connection_lost' | 'network_error' | 'protocol_mismatch' | 'closed';

export type MediaKind = 'audio' | 'video';

// ---- client → server --------------------------------------------------------------------------

export interface LayoutTile {
  readonly mid: string;
  /** Device pixels (CSS pixels × devicePixelRatio), integers ≥ 1. */
  readonly width: number;
  readonly height: number;
}

export type ClientMessage =
  | { readonly type: 'ping' }
  | { readonly type: 'join'; readonly roomId: string; readonly displayName: string }
  | { readonly type: 'resume'; readonly resumeToken: string }
  | { readonly type: 'publish'; readonly sdp: string }
  | { readonly type: 'subscribeAnswer'; readonly sdp: string; readonly version: number }
  | { readonly type: 'layout'; readonly tiles: readonly LayoutTile[] }
  | { readonly type: 'restartIce'; readonly connection: 'subscribe' }
  | { readonly type: 'getStats' }
  | { readonly type: 'leave' };

export type ClientMessageType = ClientMessage['type'];

// ---- server → client --------------------------------------------------------------------------

export interface ParticipantInfo {
  readonly participantId: string;
  readonly displayName: string;
}

export interface SubscribeTrack {
  readonly mid: string;
  readonly participantId: string;
  readonly kind: MediaKind;
}

/** Present on a reply when the request carried one. */
interface Reply {
  readonly requestId?: number;
}

export interface HelloMessage extends Reply {
  readonly type: 'hello';
  readonly protocol: number;
  readonly connectionId: string;
}
export interface PongMessage extends Reply {
  readonly type: 'pong';
}
export interface JoinedMessage extends Reply {
  readonly type: 'joined';
  readonly roomId: string;
  readonly participantId: string;
  readonly resumeToken: string;
  /** The other participants. */
  readonly participants: readonly ParticipantInfo[];
}
export interface ResumedMessage extends Reply {
  readonly type: 'resumed';
  readonly roomId: string;
  readonly participantId: string;
}
export interface ParticipantJoinedMessage extends Reply {
  readonly type: 'participantJoined';
  readonly participantId: string;
  readonly displayName: string;
}
export interface ParticipantLeftMessage extends Reply {
  readonly type: 'participantLeft';
  readonly participantId: string;
}
export interface PublishAnswerMessage extends Reply {
  readonly type: 'publishAnswer';
  readonly sdp: string;
}
export interface SubscribeOfferMessage extends Reply {
  readonly type: 'subscribeOffer';
  readonly sdp: string;
  readonly version: number;
  /** The sending sections; mids not listed are inactive. */
  readonly tracks: readonly SubscribeTrack[];
}
export interface DominantSpeakerMessage extends Reply {
  readonly type: 'dominantSpeaker';
  readonly participantId: string | null;
}
export interface StatsMessage extends Reply {
  readonly type: 'stats';
  readonly publish: Readonly<Record<string, unknown>>;
  readonly subscribe: Readonly<Record<string, unknown>>;
  readonly tracks: readonly unknown[];
}
export interface LeftMessage extends Reply {
  readonly type: 'left';
}
export interface ErrorMessage extends Reply {
  readonly type: 'error';
  readonly code: string;
  /** English, for logs only: the UI shows its own translation of `code`. */
  readonly message: string;
}

export type ServerMessage =
  | HelloMessage
  | PongMessage
  | JoinedMessage
  | ResumedMessage
  | ParticipantJoinedMessage
  | ParticipantLeftMessage
  | PublishAnswerMessage
  | SubscribeOfferMessage
  | DominantSpeakerMessage
  | StatsMessage
  | LeftMessage
  | ErrorMessage;

export type ServerMessageType = ServerMessage['type'];
export type ServerMessageOf<T extends ServerMessageType> = Extract<ServerMessage, { type: T }>;

/** Requests and the reply each one expects. */
export const REPLY_TYPE = {
  ping: 'pong',
  join: 'joined',
  resume: 'resumed',
  publish: 'publishAnswer',
  getStats: 'stats',
  leave: 'left',
} as const satisfies Partial<Record<ClientMessageType, ServerMessageType>>;

export type RequestType = keyof typeof REPLY_TYPE;
export type RequestMessage = Extract<ClientMessage, { type: RequestType }>;
export type ReplyTo<M extends RequestMessage> = ServerMessageOf<(typeof REPLY_TYPE)[M['type']]>;

export function isRequestType(type: ClientMessageType): type is RequestType {
  return Object.prototype.hasOwnProperty.call(REPLY_TYPE, type);
}

// ---- parsing ----------------------------------------------------------------------------------

export type ParseResult =
  | { readonly ok: true; readonly message: ServerMessage }
  | { readonly ok: false; readonly reason: string };

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** A string, or an integer written as a number; null otherwise (also for ""). */
function identifier(value: unknown): string | null {
  if (typeof value === 'string') return value === '' ? null : value;
  if (isInteger(value)) return String(value);
  return null;
}

class Invalid extends Error {}

function fail(reason: string): never {
  throw new Invalid(reason);
}

function str(obj: Json, key: string): string {
  const value = obj[key];
  return typeof value === 'string' ? value : fail(`${key}: expected a string`);
}

function id(obj: Json, key: string): string {
  return identifier(obj[key]) ?? fail(`${key}: expected an identifier`);
}

function int(obj: Json, key: string): number {
  const value = obj[key];
  return isInteger(value) ? value : fail(`${key}: expected an integer`);
}

function participant(value: unknown): ParticipantInfo | null {
  if (!isRecord(value)) return null;
  const participantId = identifier(value['participantId']);
  const displayName = value['displayName'];
  if (participantId === null || typeof displayName !== 'string') return null;
  return { participantId, displayName };
}

function participants(obj: Json): ParticipantInfo[] {
  const value = obj['participants'];
  if (!Array.isArray(value)) fail('participants: expected an array');
  return value.map((entry: unknown) => participant(entry) ?? fail('participants: malformed entry'));
}

function track(value: unknown): SubscribeTrack | null {
  if (!isRecord(value)) return null;
  const mid = identifier(value['mid']);
  const participantId = identifier(value['participantId']);
  const kind = value['kind'];
  if (mid === null || participantId === null || (kind !== 'audio' && kind !== 'video')) return null;
  return { mid, participantId, kind };
}

/**
 * The tracks of a subscribeOffer. Malformed entries are skipped rather than failing the whole
 * offer: an offer left unanswered would block every later renegotiation (one offer in flight).
 * A mid listed twice keeps its first entry.
 */
function tracks(obj: Json): SubscribeTrack[] {
  const value = obj['tracks'];
  if (!Array.isArray(value)) fail('tracks: expected an array');
  const seen = new Set<string>();
  const result: SubscribeTrack[] = [];
  for (const entry of value) {
    const parsed = track(entry);
    if (parsed === null || seen.has(parsed.mid)) continue;
    seen.add(parsed.mid);
    result.push(parsed);
  }
  return result;
}

function record(obj: Json, key: string): Json {
  const value = obj[key];
  return isRecord(value) ? value : fail(`${key}: expected an object`);
}

function body(type: string, obj: Json): ServerMessage {
  switch (type) {
    case 'hello':
      return { type, protocol: int(obj, 'protocol'), connectionId: id(obj, 'connectionId') };
    case 'pong':
      return { type };
    case 'joined':
      return {
        type,
        roomId: str(obj, 'roomId'),
        participantId: id(obj, 'participantId'),
        resumeToken: str(obj, 'resumeToken'),
        participants: participants(obj),
      };
    case 'resumed':
      return { type, roomId: str(obj, 'roomId'), participantId: id(obj, 'participantId') };
    case 'participantJoined':
      return { type, participantId: id(obj, 'participantId'), displayName: str(obj, 'displayName') };
    case 'participantLeft':
      return { type, participantId: id(obj, 'participantId') };
    case 'publishAnswer':
      return { type, sdp: str(obj, 'sdp') };
    case 'subscribeOffer':
      return { type, sdp: str(obj, 'sdp'), version: int(obj, 'version'), tracks: tracks(obj) };
    case 'dominantSpeaker': {
      const raw = obj['participantId'];
      if (raw === null) return { type, participantId: null };
      return { type, participantId: id(obj, 'participantId') };
    }
    case 'stats': {
      const list = obj['tracks'];
      return {
        type,
        publish: record(obj, 'publish'),
        subscribe: record(obj, 'subscribe'),
        tracks: Array.isArray(list) ? (list as unknown[]) : fail('tracks: expected an array'),
      };
    }
    case 'left':
      return { type };
    case 'error': {
      const code = str(obj, 'code');
      const message = obj['message'];
      return { type, code, message: typeof message === 'string' ? message : '' };
    }
    default:
      return fail('unknown type');
  }
}

const SERVER_TYPES: ReadonlySet<string> = new Set<ServerMessageType>([
  'hello',
  'pong',
  'joined',
  'resumed',
  'participantJoined',
  'participantLeft',
  'publishAnswer',
  'subscribeOffer',
  'dominantSpeaker',
  'stats',
  'left',
  'error',
]);

/** Parses one text frame from the server. */
export function parseServerMessage(text: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  if (!isRecord(value)) return { ok: false, reason: 'not an object' };
  const type = value['type'];
  if (typeof type !== 'string') return { ok: false, reason: 'type: expected a string' };
  if (!SERVER_TYPES.has(type)) return { ok: false, reason: `unknown type "${type.slice(0, 40)}"` };

  let message: ServerMessage;
  try {
    message = body(type, value);
  } catch (error: unknown) {
    if (error instanceof Invalid) return { ok: false, reason: `${type}: ${error.message}` };
    throw error;
  }
  const requestId = value['requestId'];
  if (requestId !== undefined && requestId !== null) {
    if (!isInteger(requestId)) return { ok: false, reason: `${type}: requestId: expected an integer` };
    return { ok: true, message: { ...message, requestId } };
  }
  return { ok: true, message };
}

/** Serialises a client message, with the request ID when there is one. */
export function serialiseClientMessage(message: ClientMessage, requestId?: number): string {
  return JSON.stringify(requestId === undefined ? message : { ...message, requestId });
}
