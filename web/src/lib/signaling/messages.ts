// Messages of the meeting signalling protocol (docs/signaling.md, protocol 1): JSON text frames
// over one WebSocket, each an object with a string `type`.
//
// Client messages are typed so that the compiler checks what we send. Server messages arrive as
// text and are parsed by parseServerMessage into fresh, typed objects: a frame that is not JSON,
// not an object, of an unknown type or missing a member is rejected with a reason (and then
// ignored by the client), never passed on half-checked. Unknown members are dropped, as the
// protocol asks. The meeting's state members (a participant's flags, the room settings, the chat
// history of `joined`) take their neutral value when absent — but never a wrong type — and
// malformed entries of lists that are only shown (chat history, lobby, tracks) are skipped. Identifiers the document leaves untyped (participantId, mid) are accepted as
// strings or integers and always handed on as strings.
//
// Keep in step with docs/signaling.md: there is no machine-readable schema shared with the
// server yet, so this file and messages.test.ts are the client's side of that contract.

import { formatRoomCode } from '../room-id';

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
  // Who may enter (join).
  'room_not_found',
  'invalid_invitation',
  'sign_in_required',
  'password_required',
  'wrong_password',
  'too_many_attempts',
  'room_locked',
  'lobby_full',
  'banned',
  // In the meeting (self-service, chat, chair actions).
  'forbidden',
  'unknown_participant',
  'unmute_not_allowed',
  'chat_rate_limited',
  'invalid_chat',
] as const;
export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number];

/**
 * Codes the client produces itself: no answer in time, the socket dropped while a request was in
 * flight (or no socket), the socket could not be opened, the server speaks another protocol.
 */
export type ClientErrorCode = 'timeout' | 'connection_lost' | 'network_error' | 'protocol_mismatch' | 'closed';

export type MediaKind = 'audio' | 'video';
/** Where a published track comes from. */
export type MediaSource = 'microphone' | 'camera' | 'screen';
export type Role = 'chair' | 'participant';

export interface Permissions {
  readonly shareContent: boolean;
  readonly recordAudio: boolean;
  readonly recordVideo: boolean;
}

// ---- client → server --------------------------------------------------------------------------

export interface LayoutTile {
  readonly mid: string;
  /** Device pixels (CSS pixels × devicePixelRatio), integers ≥ 1. */
  readonly width: number;
  readonly height: number;
}

export type ModerationActionName =
  | 'mute'
  | 'muteAll'
  | 'allowUnmute'
  | 'askUnmute'
  | 'stopCamera'
  | 'stopScreen'
  | 'remove'
  | 'admit'
  | 'reject'
  | 'setRole'
  | 'setPermissions'
  | 'rename'
  | 'lowerHand'
  | 'setPriority'
  | 'updateSettings'
  | 'end';

/** What a chair may change of the room (`moderate` updateSettings); `password: null` removes it. */
export interface RoomSettingsUpdate {
  readonly title?: string;
  readonly locked?: boolean;
  readonly lobbyEnabled?: boolean;
  readonly allowGuests?: boolean;
  readonly startMuted?: boolean;
  readonly maxParticipants?: number;
  readonly mayShareContent?: boolean;
  readonly mayRecordAudio?: boolean;
  readonly mayRecordVideo?: boolean;
  readonly password?: string | null;
}

export interface ModerateMessage {
  readonly type: 'moderate';
  readonly action: ModerationActionName;
  /** A participant ID; a lobby ID for admit / reject. */
  readonly target?: string;
  /** muteAll: participants may not unmute. */
  readonly lock?: boolean;
  /** remove: may not come back. */
  readonly ban?: boolean;
  readonly role?: Role;
  readonly permissions?: Partial<Permissions>;
  readonly displayName?: string;
  /** setPriority: participant IDs, most important first. */
  readonly order?: readonly string[];
  readonly settings?: RoomSettingsUpdate;
}

export type ClientMessage =
  | { readonly type: 'ping' }
  | {
      readonly type: 'join';
      /** The room code (nine digits). */
      readonly roomId: string;
      readonly displayName: string;
      /** From an invitation link (`?t=`): enters without password or lobby. */
      readonly inviteToken?: string;
      readonly password?: string;
    }
  | { readonly type: 'resume'; readonly resumeToken: string }
  /** `sources`: what each sending mid carries (the server assumes microphone / camera without it). */
  | { readonly type: 'publish'; readonly sdp: string; readonly sources?: Readonly<Record<string, MediaSource>> }
  | { readonly type: 'subscribeAnswer'; readonly sdp: string; readonly version: number }
  | { readonly type: 'layout'; readonly tiles: readonly LayoutTile[] }
  | { readonly type: 'restartIce'; readonly connection: 'subscribe' }
  | { readonly type: 'getStats' }
  | { readonly type: 'leave' }
  | { readonly type: 'mediaState'; readonly source: MediaSource; readonly on: boolean }
  | { readonly type: 'raiseHand'; readonly raised: boolean }
  | { readonly type: 'rename'; readonly displayName: string }
  | { readonly type: 'chat'; readonly text: string }
  | ModerateMessage;

export type ClientMessageType = ClientMessage['type'];

// ---- server → client --------------------------------------------------------------------------

/** Who a participant is: enough for a tile. */
export interface ParticipantInfo {
  readonly participantId: string;
  readonly displayName: string;
}

/** A participant as the meeting knows them (roster entries, participantJoined / participantUpdated). */
export interface Participant extends ParticipantInfo {
  readonly role: Role;
  /** Joined without an account. */
  readonly guest: boolean;
  readonly microphone: boolean;
  readonly camera: boolean;
  readonly screen: boolean;
  readonly handRaised: boolean;
  /** Muted by a chair and not allowed to unmute. */
  readonly microphoneLocked: boolean;
  readonly permissions: Permissions;
}

export interface RoomSettings {
  /** The room code, nine digits. */
  readonly roomId: string;
  /** The code for people: "482 915 306". */
  readonly roomCode: string;
  readonly title: string;
  readonly locked: boolean;
  readonly lobbyEnabled: boolean;
  readonly allowGuests: boolean;
  readonly maxParticipants: number;
  readonly startMuted: boolean;
  readonly passwordProtected: boolean;
  readonly defaultPermissions: Permissions;
}

export interface ChatMessage {
  readonly id: string;
  readonly participantId: string;
  readonly displayName: string;
  readonly text: string;
  /** Milliseconds since the epoch. */
  readonly sentAt: number;
}

/** Someone waiting in the lobby (shown to chairs). */
export interface LobbyEntry {
  readonly lobbyId: string;
  readonly displayName: string;
  readonly guest: boolean;
  /** Milliseconds since the epoch. */
  readonly since: number;
}

export interface SubscribeTrack {
  readonly mid: string;
  readonly participantId: string;
  readonly kind: MediaKind;
  /** What the track carries (for the presentation layout). */
  readonly source: MediaSource;
}

/** Present on a reply when the request carried one. */
interface Reply {
  readonly requestId?: number;
}

export interface HelloMessage extends Reply {
  readonly type: 'hello';
  readonly protocol: number;
  readonly connectionId: string;
  /** The signed-in account of this connection; null for a guest. */
  readonly account: { readonly displayName: string } | null;
}
export interface PongMessage extends Reply {
  readonly type: 'pong';
}
/**
 * In the room: the reply to `join`, or — after `lobbyWaiting` — sent without a requestId once a
 * chair let the participant in.
 */
export interface JoinedMessage extends Reply {
  readonly type: 'joined';
  readonly roomId: string;
  readonly roomCode: string;
  readonly participantId: string;
  readonly displayName: string;
  readonly resumeToken: string;
  readonly role: Role;
  readonly permissions: Permissions;
  /** The other participants. */
  readonly participants: readonly Participant[];
  readonly settings: RoomSettings | null;
  /** Participant IDs in the chair's display-priority order. */
  readonly priority: readonly string[];
  readonly startMuted: boolean;
  readonly microphoneLocked: boolean;
  /** The meeting's recent chat, oldest first. */
  readonly chat: readonly ChatMessage[];
  /** Chairs only: who waits in the lobby. */
  readonly lobby?: readonly LobbyEntry[];
}
/** The reply to `join` for a participant who must wait until a chair lets them in. */
export interface LobbyWaitingMessage extends Reply {
  readonly type: 'lobbyWaiting';
  readonly roomId: string;
  readonly title: string;
}
export interface LobbyRejectedMessage extends Reply {
  readonly type: 'lobbyRejected';
}
/** Sent to those waiting in the lobby when a chair ends the meeting. */
export interface MeetingEndedMessage extends Reply {
  readonly type: 'meetingEnded';
}
export interface ResumedMessage extends Reply {
  readonly type: 'resumed';
  readonly roomId: string;
  readonly participantId: string;
  /** The meeting as it is now (what happened while the connection was down), when the server says. */
  readonly role?: Role;
  readonly participants?: readonly Participant[];
  readonly settings?: RoomSettings;
  readonly lobby?: readonly LobbyEntry[];
}
export interface ParticipantJoinedMessage extends Reply {
  readonly type: 'participantJoined';
  readonly participant: Participant;
}
export interface ParticipantUpdatedMessage extends Reply {
  readonly type: 'participantUpdated';
  readonly participant: Participant;
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
export interface RoomSettingsMessage extends Reply {
  readonly type: 'roomSettings';
  readonly settings: RoomSettings;
}
export interface PriorityMessage extends Reply {
  readonly type: 'priority';
  readonly order: readonly string[];
  /** The chair's display name. */
  readonly by: string;
}
/** Chairs: the lobby changed. */
export interface LobbyMessage extends Reply {
  readonly type: 'lobby';
  readonly waiting: readonly LobbyEntry[];
}
export interface ChatMessageMessage extends Reply {
  readonly type: 'chat';
  readonly message: ChatMessage;
}
/** A chair acted on this participant (or on everyone: muteAll, allowUnmute). */
export interface ModeratedMessage extends Reply {
  readonly type: 'moderated';
  readonly action: string;
  /** The chair's display name. */
  readonly by: string;
  /** muteAll: whether unmuting is forbidden. */
  readonly locked?: boolean;
}
export interface RoleChangedMessage extends Reply {
  readonly type: 'roleChanged';
  readonly role: Role;
  readonly permissions: Permissions;
  readonly lobby: readonly LobbyEntry[];
  readonly by: string;
}
export interface PermissionsChangedMessage extends Reply {
  readonly type: 'permissionsChanged';
  readonly permissions: Permissions;
  readonly by?: string;
}
/**
 * The server let this participant go: "removed" / "banned" by a chair, "ended" with the meeting,
 * or a media reason ("media_failed", "resume_timeout", "resumed_elsewhere").
 */
export interface RemovedMessage extends Reply {
  readonly type: 'removed';
  readonly reason: string;
}
/** Generic success of a request that has no other reply (mediaState, chat, moderate, …). */
export interface OkMessage extends Reply {
  readonly type: 'ok';
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
  | LobbyWaitingMessage
  | LobbyRejectedMessage
  | MeetingEndedMessage
  | ResumedMessage
  | ParticipantJoinedMessage
  | ParticipantUpdatedMessage
  | ParticipantLeftMessage
  | PublishAnswerMessage
  | SubscribeOfferMessage
  | DominantSpeakerMessage
  | StatsMessage
  | RoomSettingsMessage
  | PriorityMessage
  | LobbyMessage
  | ChatMessageMessage
  | ModeratedMessage
  | RoleChangedMessage
  | PermissionsChangedMessage
  | RemovedMessage
  | OkMessage
  | LeftMessage
  | ErrorMessage;

export type ServerMessageType = ServerMessage['type'];
export type ServerMessageOf<T extends ServerMessageType> = Extract<ServerMessage, { type: T }>;

/** Requests and the replies each one may get (besides `error`). */
export const REPLY_TYPE = {
  ping: ['pong'],
  join: ['joined', 'lobbyWaiting'],
  resume: ['resumed'],
  publish: ['publishAnswer'],
  getStats: ['stats'],
  leave: ['left'],
  mediaState: ['ok'],
  raiseHand: ['ok'],
  rename: ['ok'],
  chat: ['ok'],
  moderate: ['ok'],
} as const satisfies Partial<Record<ClientMessageType, readonly ServerMessageType[]>>;

export type RequestType = keyof typeof REPLY_TYPE;
export type RequestMessage = Extract<ClientMessage, { type: RequestType }>;
export type ReplyTo<M extends RequestMessage> = ServerMessageOf<(typeof REPLY_TYPE)[M['type']][number]>;

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

function bool(obj: Json, key: string): boolean {
  const value = obj[key];
  return typeof value === 'boolean' ? value : fail(`${key}: expected true or false`);
}

function record(obj: Json, key: string): Json {
  const value = obj[key];
  return isRecord(value) ? value : fail(`${key}: expected an object`);
}

// The state members of the meeting (a participant's flags, the room settings, the history in
// `joined`) take their neutral value when absent, and are refused when present with a wrong type.

function optStr(obj: Json, key: string, fallback: string): string {
  return obj[key] === undefined ? fallback : str(obj, key);
}

function optBool(obj: Json, key: string, fallback = false): boolean {
  return obj[key] === undefined ? fallback : bool(obj, key);
}

function optInt(obj: Json, key: string, fallback: number): number {
  return obj[key] === undefined ? fallback : int(obj, key);
}

function role(obj: Json, key: string): Role {
  const value = obj[key];
  if (value === undefined) return 'participant';
  return value === 'chair' || value === 'participant' ? value : fail(`${key}: expected "chair" or "participant"`);
}

function permissions(obj: Json, key: string): Permissions {
  if (obj[key] === undefined) return { shareContent: false, recordAudio: false, recordVideo: false };
  const value = record(obj, key);
  return {
    shareContent: optBool(value, 'shareContent'),
    recordAudio: optBool(value, 'recordAudio'),
    recordVideo: optBool(value, 'recordVideo'),
  };
}

function participantOf(value: Json): Participant {
  return {
    participantId: id(value, 'participantId'),
    displayName: str(value, 'displayName'),
    role: role(value, 'role'),
    guest: optBool(value, 'guest'),
    microphone: optBool(value, 'microphone'),
    camera: optBool(value, 'camera'),
    screen: optBool(value, 'screen'),
    handRaised: optBool(value, 'handRaised'),
    microphoneLocked: optBool(value, 'microphoneLocked'),
    permissions: permissions(value, 'permissions'),
  };
}

/** Runs a parser on one entry of a list: null when the entry is malformed. */
function entry<T>(value: unknown, parse: (obj: Json) => T): T | null {
  if (!isRecord(value)) return null;
  try {
    return parse(value);
  } catch (error: unknown) {
    if (error instanceof Invalid) return null;
    throw error;
  }
}

function participant(obj: Json, key: string): Participant {
  const value = record(obj, key);
  try {
    return participantOf(value);
  } catch (error: unknown) {
    if (error instanceof Invalid) fail(`${key}.${error.message}`);
    throw error;
  }
}

function participants(obj: Json): Participant[] {
  const value = obj['participants'];
  if (!Array.isArray(value)) fail('participants: expected an array');
  return value.map((item: unknown) => entry(item, participantOf) ?? fail('participants: malformed entry'));
}

/** A list whose malformed entries are skipped: history and lobby are shown, not acted on. */
function list<T>(obj: Json, key: string, parse: (obj: Json) => T): T[] {
  const value = obj[key];
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail(`${key}: expected an array`);
  const result: T[] = [];
  for (const item of value) {
    const parsed = entry(item, parse);
    if (parsed !== null) result.push(parsed);
  }
  return result;
}

function identifiers(obj: Json, key: string): string[] {
  const value = obj[key];
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail(`${key}: expected an array`);
  return value.map((item: unknown) => identifier(item)).filter((item): item is string => item !== null);
}

function chatMessageOf(value: Json): ChatMessage {
  return {
    id: id(value, 'id'),
    participantId: id(value, 'participantId'),
    displayName: str(value, 'displayName'),
    text: str(value, 'text'),
    sentAt: int(value, 'sentAt'),
  };
}

function lobbyEntryOf(value: Json): LobbyEntry {
  return {
    lobbyId: id(value, 'lobbyId'),
    displayName: str(value, 'displayName'),
    guest: optBool(value, 'guest'),
    since: optInt(value, 'since', 0),
  };
}

function settingsOf(value: Json): RoomSettings {
  const roomId = id(value, 'roomId');
  return {
    roomId,
    roomCode: optStr(value, 'roomCode', formatRoomCode(roomId)),
    title: optStr(value, 'title', ''),
    locked: optBool(value, 'locked'),
    lobbyEnabled: optBool(value, 'lobbyEnabled'),
    allowGuests: optBool(value, 'allowGuests'),
    maxParticipants: optInt(value, 'maxParticipants', 0),
    startMuted: optBool(value, 'startMuted'),
    passwordProtected: optBool(value, 'passwordProtected'),
    defaultPermissions: permissions(value, 'defaultPermissions'),
  };
}

function settings(obj: Json, key: string): RoomSettings {
  const value = record(obj, key);
  try {
    return settingsOf(value);
  } catch (error: unknown) {
    if (error instanceof Invalid) fail(`${key}.${error.message}`);
    throw error;
  }
}

function account(obj: Json): HelloMessage['account'] {
  const value = obj['account'];
  if (value === undefined || value === null) return null;
  if (!isRecord(value)) fail('account: expected an object or null');
  const displayName = value['displayName'];
  return typeof displayName === 'string' && displayName !== '' ? { displayName } : fail('account.displayName: expected a string');
}

const SOURCES: ReadonlySet<string> = new Set<MediaSource>(['microphone', 'camera', 'screen']);

function track(value: unknown): SubscribeTrack | null {
  if (!isRecord(value)) return null;
  const mid = identifier(value['mid']);
  const participantId = identifier(value['participantId']);
  const kind = value['kind'];
  if (mid === null || participantId === null || (kind !== 'audio' && kind !== 'video')) return null;
  const raw = value['source'];
  if (raw === undefined) return { mid, participantId, kind, source: kind === 'audio' ? 'microphone' : 'camera' };
  if (typeof raw !== 'string' || !SOURCES.has(raw)) return null;
  return { mid, participantId, kind, source: raw as MediaSource };
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
  for (const item of value) {
    const parsed = track(item);
    if (parsed === null || seen.has(parsed.mid)) continue;
    seen.add(parsed.mid);
    result.push(parsed);
  }
  return result;
}

function joined(obj: Json): JoinedMessage {
  const roomId = str(obj, 'roomId');
  const message: JoinedMessage = {
    type: 'joined',
    roomId,
    roomCode: optStr(obj, 'roomCode', formatRoomCode(roomId)),
    participantId: id(obj, 'participantId'),
    displayName: optStr(obj, 'displayName', ''),
    resumeToken: str(obj, 'resumeToken'),
    role: role(obj, 'role'),
    permissions: permissions(obj, 'permissions'),
    participants: participants(obj),
    settings: obj['settings'] === undefined ? null : settings(obj, 'settings'),
    priority: identifiers(obj, 'priority'),
    startMuted: optBool(obj, 'startMuted'),
    microphoneLocked: optBool(obj, 'microphoneLocked'),
    chat: list(obj, 'chat', chatMessageOf),
  };
  return obj['lobby'] === undefined ? message : { ...message, lobby: list(obj, 'lobby', lobbyEntryOf) };
}

function resumed(obj: Json): ResumedMessage {
  let message: ResumedMessage = { type: 'resumed', roomId: str(obj, 'roomId'), participantId: id(obj, 'participantId') };
  if (obj['role'] !== undefined) message = { ...message, role: role(obj, 'role') };
  if (obj['participants'] !== undefined) message = { ...message, participants: participants(obj) };
  if (obj['settings'] !== undefined) message = { ...message, settings: settings(obj, 'settings') };
  if (obj['lobby'] !== undefined) message = { ...message, lobby: list(obj, 'lobby', lobbyEntryOf) };
  return message;
}

function body(type: string, obj: Json): ServerMessage {
  switch (type) {
    case 'hello':
      return { type, protocol: int(obj, 'protocol'), connectionId: id(obj, 'connectionId'), account: account(obj) };
    case 'pong':
      return { type };
    case 'joined':
      return joined(obj);
    case 'lobbyWaiting':
      return { type, roomId: str(obj, 'roomId'), title: optStr(obj, 'title', '') };
    case 'lobbyRejected':
    case 'meetingEnded':
    case 'ok':
    case 'left':
      return { type };
    case 'resumed':
      return resumed(obj);
    case 'participantJoined':
    case 'participantUpdated':
      return { type, participant: participant(obj, 'participant') };
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
      const items = obj['tracks'];
      return {
        type,
        publish: record(obj, 'publish'),
        subscribe: record(obj, 'subscribe'),
        tracks: Array.isArray(items) ? (items as unknown[]) : fail('tracks: expected an array'),
      };
    }
    case 'roomSettings':
      return { type, settings: settings(obj, 'settings') };
    case 'priority':
      if (!Array.isArray(obj['order'])) fail('order: expected an array');
      return { type, order: identifiers(obj, 'order'), by: optStr(obj, 'by', '') };
    case 'lobby':
      if (!Array.isArray(obj['waiting'])) fail('waiting: expected an array');
      return { type, waiting: list(obj, 'waiting', lobbyEntryOf) };
    case 'chat': {
      const value = record(obj, 'message');
      const message = entry(value, chatMessageOf) ?? fail('message: malformed chat message');
      return { type, message };
    }
    case 'moderated': {
      const message: ModeratedMessage = { type, action: str(obj, 'action'), by: optStr(obj, 'by', '') };
      return obj['locked'] === undefined ? message : { ...message, locked: bool(obj, 'locked') };
    }
    case 'roleChanged':
      return {
        type,
        role: obj['role'] === undefined ? fail('role: expected "chair" or "participant"') : role(obj, 'role'),
        permissions: (record(obj, 'permissions'), permissions(obj, 'permissions')),
        lobby: list(obj, 'lobby', lobbyEntryOf),
        by: optStr(obj, 'by', ''),
      };
    case 'permissionsChanged': {
      record(obj, 'permissions'); // required here: the new permissions are the message
      const message: PermissionsChangedMessage = { type, permissions: permissions(obj, 'permissions') };
      return obj['by'] === undefined ? message : { ...message, by: str(obj, 'by') };
    }
    case 'removed':
      return { type, reason: str(obj, 'reason') };
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
  'lobbyWaiting',
  'lobbyRejected',
  'meetingEnded',
  'resumed',
  'participantJoined',
  'participantUpdated',
  'participantLeft',
  'publishAnswer',
  'subscribeOffer',
  'dominantSpeaker',
  'stats',
  'roomSettings',
  'priority',
  'lobby',
  'chat',
  'moderated',
  'roleChanged',
  'permissionsChanged',
  'removed',
  'ok',
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
