// One participation in a meeting: the signalling client, the publish and subscribe connections,
// the roster, the meeting's state (role, settings, chat, lobby, …) and the layout report, joined
// into a snapshot the page renders (useSyncExternalStore). Created by the join click and ended by
// leaving, by leaving the page or by a failure; never restarted (joining again makes a new
// session). A join may first wait in the lobby (`lobbyWaiting`) until a chair lets the
// participant in (an unsolicited `joined`), refuses (`lobbyRejected`) or ends the meeting.
import { formatRoomCode } from '../../lib/room-id';
import { SignalingClient, SignalingError, signalingUrl, type JoinSecrets } from '../../lib/signaling/client';
import type {
  ChatMessage,
  JoinedMessage,
  LobbyEntry,
  MediaSource,
  ModeratedMessage,
  ModerateMessage,
  Participant,
  Permissions,
  RequestMessage,
  ResumedMessage,
  Role,
  RoomSettings,
  ServerMessage,
  SubscribeOfferMessage,
} from '../../lib/signaling/messages';
import { LayoutReporter } from '../../lib/webrtc/layout';
import {
  acquireLocalMedia,
  applyMediaChoices,
  DEFAULT_MEDIA_CHOICES,
  stopStream,
  type DeviceOutcome,
  type LocalMedia,
  type MediaChoices,
} from '../../lib/webrtc/media';
import { Publisher, type PeerConnectionFactory, type SendOptions } from '../../lib/webrtc/publisher';
import {
  activeMids,
  buildTiles,
  indexTracks,
  videoMidsOf,
  type RemoteTile,
  type RemoteTrackInfo,
} from '../../lib/webrtc/remote-media';
import { Subscriber } from '../../lib/webrtc/subscriber';
import { installDebugHandle } from './debug-handle';
import { INITIAL_LOCAL_MEDIA, LocalMediaControl, type LocalMediaState, type SwitchableDevice } from './local-media';
import { moderationEffect } from './moderation-effect';
import { addParticipant, removeParticipant, rosterFromJoined, updateParticipant, type Roster } from './roster';
import { TileObserver } from './tile-observer';

/** What the page shows as the connection status; `waiting`: in the lobby, until a chair lets us in. */
export type ConnectionStatus = 'connecting' | 'waiting' | 'connected' | 'reconnecting' | 'failed';

export interface MeetingSnapshot {
  readonly connection: ConnectionStatus;
  readonly joined: boolean;
  readonly participantId: string | null;
  /** The signed-in account of the connection (`hello`); null for a guest or before `hello`. */
  readonly account: { readonly displayName: string } | null;
  /** The room code for people ("482 915 306"). */
  readonly roomCode: string;
  /** The meeting's title (from the lobby, then the settings); null while unknown. */
  readonly title: string | null;
  readonly role: Role | null;
  readonly permissions: Permissions | null;
  readonly settings: RoomSettings | null;
  /** Participant IDs in the chair's display-priority order. */
  readonly priority: readonly string[];
  /** The room asks participants to join muted. */
  readonly startMuted: boolean;
  /** A chair muted us and does not allow unmuting. */
  readonly microphoneLocked: boolean;
  /** Ourselves as the others see us (participantUpdated about us); null until the server says. */
  readonly self: Participant | null;
  /** The chat, oldest first (the history from `joined`, then each `chat`). */
  readonly chat: readonly ChatMessage[];
  /** Chairs: who waits in the lobby. */
  readonly lobby: readonly LobbyEntry[];
  /** The last chair action on us (or on everyone). */
  readonly moderation: ModeratedMessage | null;
  readonly roster: Roster;
  readonly tiles: readonly RemoteTile[];
  readonly audioMids: readonly string[];
  readonly dominantSpeakerId: string | null;
  /** Camera and microphone as shown in the self-view (a new object whenever a track changes). */
  readonly localStream: MediaStream | null;
  /** Our own microphone, camera, screen share, devices and speaker (the toolbar). */
  readonly local: LocalMediaState;
  /** Null while camera and microphone are still being asked for. */
  readonly media: { readonly video: DeviceOutcome; readonly audio: DeviceOutcome } | null;
  /** The code of the error that ended the session (join refused, connection given up). */
  readonly fatal: string | null;
  /** The code of the last error that did not end it (publishing refused, …). */
  readonly problem: string | null;
}

export interface MeetingSessionOptions {
  /** The room code, nine digits. */
  readonly roomId: string;
  readonly displayName: string;
  /** From an invitation link. */
  readonly inviteToken?: string | null;
  /** The room's password, once asked for. */
  readonly password?: string | null;
  /** From the pre-join screen: the devices, and whether microphone and camera start on. */
  readonly mediaChoices?: MediaChoices;
  /** The pre-join screen's tracks, handed over (default: opens the chosen devices; tests fake it). */
  readonly acquireMedia?: () => Promise<LocalMedia>;
  // Seams for tests.
  readonly signaling?: SignalingClient;
  readonly createPeerConnection?: PeerConnectionFactory;
}

/** What the side panels ask of the server themselves (tryRequest). */
export type PanelRequest = Extract<RequestMessage, { type: 'rename' | 'chat' | 'moderate' | 'raiseHand' }>;

/** Local code (not from the server) for a peer connection that could not be set up. */
export const MEDIA_FAILED = 'media_failed';

function errorCode(error: unknown): string {
  return error instanceof SignalingError ? error.code : MEDIA_FAILED;
}

/**
 * Codes (local, not from the server) of the ways a meeting ends for us without an error: a chair
 * refused us at the lobby, removed us (with a ban), the meeting ended, we joined from elsewhere,
 * or the server let us go for another reason.
 */
export const SESSION_END_CODES = [
  'lobby_rejected',
  'meeting_ended',
  'removed',
  'removed_banned',
  'resumed_elsewhere',
  'removed_other',
] as const;

/** The code the page shows for `removed {reason}`. */
export function removedCode(reason: string): string {
  switch (reason) {
    case 'removed':
      return 'removed';
    case 'banned':
      return 'removed_banned';
    case 'ended':
      return 'meeting_ended';
    case 'resumed_elsewhere':
      return 'resumed_elsewhere';
    case 'media_failed':
      return MEDIA_FAILED;
    case 'resume_timeout':
      return 'resume_failed';
    default:
      return 'removed_other';
  }
}

/** Join refusals answered on the pre-join screen, by asking for the room's password. */
export const PASSWORD_CODES: ReadonlySet<string> = new Set(['password_required', 'wrong_password', 'too_many_attempts']);

/** The chat kept in memory: the server's history is 200 messages. */
const CHAT_KEPT = 500;

/** A session's snapshot before anything happened (also the base of the UI tests' snapshots). */
export const INITIAL_SNAPSHOT: MeetingSnapshot = {
  connection: 'connecting',
  joined: false,
  participantId: null,
  account: null,
  roomCode: '',
  title: null,
  role: null,
  permissions: null,
  settings: null,
  priority: [],
  startMuted: false,
  microphoneLocked: false,
  self: null,
  chat: [],
  lobby: [],
  moderation: null,
  roster: [],
  tiles: [],
  audioMids: [],
  dominantSpeakerId: null,
  localStream: null,
  local: INITIAL_LOCAL_MEDIA,
  media: null,
  fatal: null,
  problem: null,
};

export class MeetingSession {
  readonly roomId: string;
  readonly displayName: string;
  private readonly secrets: JoinSecrets;
  /** As chosen before joining: a muted microphone joins with its track disabled, a camera off joins without video. */
  readonly mediaChoices: MediaChoices;
  private readonly client: SignalingClient;
  private readonly acquireMedia: () => Promise<LocalMedia>;
  private readonly createPeerConnection: PeerConnectionFactory | undefined;
  private readonly layout: LayoutReporter;
  private readonly tileObserver: TileObserver;
  private subscriber: Subscriber | null = null;
  private publisher: Publisher | null = null;
  private tracks: ReadonlyMap<string, RemoteTrackInfo> = new Map();
  private readonly localMedia: LocalMediaControl;
  /** Set when the first publish is made (or would be, without any track): later tracks are added to it. */
  private publishing = false;
  private readonly listeners = new Set<() => void>();
  private readonly cleanups: (() => void)[] = [];
  /** Set while waiting in the lobby: settles true when let in, false when the wait ends otherwise. */
  private admission: ((admitted: boolean) => void) | null = null;
  private snapshot: MeetingSnapshot = INITIAL_SNAPSHOT;
  private started = false;
  private ended = false;

  constructor(options: MeetingSessionOptions) {
    this.roomId = options.roomId;
    this.displayName = options.displayName;
    this.secrets = {
      ...(options.inviteToken == null ? {} : { inviteToken: options.inviteToken }),
      ...(options.password == null ? {} : { password: options.password }),
    };
    this.snapshot = { ...this.snapshot, roomCode: formatRoomCode(options.roomId) };
    this.client = options.signaling ?? new SignalingClient({ url: signalingUrl() });
    this.mediaChoices = options.mediaChoices ?? DEFAULT_MEDIA_CHOICES;
    const choices = this.mediaChoices;
    this.acquireMedia = options.acquireMedia ?? (() => acquireLocalMedia(undefined, choices));
    this.createPeerConnection = options.createPeerConnection;
    this.layout = new LayoutReporter({ send: (tiles) => this.client.send({ type: 'layout', tiles }) });
    this.tileObserver = new TileObserver(this.layout);
    this.localMedia = new LocalMediaControl({
      choices: this.mediaChoices,
      ports: {
        send: (source, track, sendOptions) => this.sendTrack(source, track, sendOptions),
        unsend: async (source) => this.publisher?.removeTrack(source),
        announce: (source, on) => this.setMediaState(source, on),
        outcome: (kind, outcome) => {
          const media = this.snapshot.media ?? { video: 'ok', audio: 'ok' };
          this.update({ media: kind === 'video' ? { ...media, video: outcome } : { ...media, audio: outcome } });
        },
        problem: (error) => this.reportProblem(error),
        changed: () => {
          if (this.ended || this.snapshot.fatal !== null) return;
          this.update({ local: this.localMedia.state, localStream: this.localMedia.stream });
        },
      },
    });
    this.snapshot = { ...this.snapshot, local: this.localMedia.state };
  }

  // ---- for React ------------------------------------------------------------------------------

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  readonly getSnapshot = (): MeetingSnapshot => this.snapshot;

  /** The stream to show for a subscribe-connection mid. */
  streamFor(mid: string): MediaStream | null {
    return this.subscriber?.streamFor(mid) ?? null;
  }

  /** Measures a video tile for the layout report; returns the function that stops. */
  observeTile(element: Element, mid: string): () => void {
    return this.tileObserver.observe(element, mid);
  }

  /** WebRTC statistics of both connections (connection-quality indicators); null where absent or unreadable. */
  async getConnectionStats(): Promise<{ subscribe: RTCStatsReport | null; publish: RTCStatsReport | null }> {
    const read = async (pc: RTCPeerConnection | undefined): Promise<RTCStatsReport | null> => {
      if (pc === undefined || this.ended) return null;
      try {
        return await pc.getStats();
      } catch {
        return null;
      }
    };
    const [subscribe, publish] = await Promise.all([read(this.subscriber?.pc), read(this.publisher?.pc)]);
    return { subscribe, publish };
  }

  private update(patch: Partial<MeetingSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of [...this.listeners]) listener();
  }

  // ---- lifecycle ------------------------------------------------------------------------------

  /** Asks for camera and microphone, connects and joins. Call from the join click (user gesture). */
  start(): void {
    if (this.started) return;
    this.started = true;
    void this.run();
  }

  /** Sends `leave`, waits briefly for `left`, then ends. */
  async leave(): Promise<void> {
    if (this.ended) return;
    await this.client.leave();
    this.end(false);
  }

  /** Ends everything now; `sendLeave` tells the server at once instead of after its grace period. */
  end(sendLeave = true): void {
    if (this.ended) return;
    this.ended = true;
    this.settleAdmission(false);
    if (sendLeave) this.client.send({ type: 'leave' });
    this.client.close();
    this.shutdownMedia();
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }

  private shutdownMedia(): void {
    this.layout.dispose();
    this.tileObserver.disconnect();
    this.publisher?.close();
    this.subscriber?.close();
    this.localMedia.dispose();
  }

  /** Ends the participation with `code` shown (the first cause wins); the page offers to join again. */
  private failWith(code: string): void {
    if (this.ended || this.snapshot.fatal !== null) return;
    this.settleAdmission(false);
    this.shutdownMedia();
    this.update({ fatal: code, connection: 'failed', localStream: null });
  }

  /** The server let us go (removed, lobby refused, meeting ended): nothing left to resume. */
  private finish(code: string): void {
    this.failWith(code);
    this.client.close();
  }

  private settleAdmission(admitted: boolean): void {
    const settle = this.admission;
    this.admission = null;
    settle?.(admitted);
  }

  private async run(): Promise<void> {
    const media = this.acquireMedia().then(
      (acquired) => {
        const result = applyMediaChoices(acquired, this.mediaChoices);
        if (this.ended || this.snapshot.fatal !== null) {
          stopStream(result.stream);
          return null;
        }
        this.update({ media: { video: result.video, audio: result.audio } });
        this.localMedia.adopt(result.stream);
        return result;
      },
      (): null => {
        this.update({ media: { video: 'busy', audio: 'busy' } });
        this.localMedia.adopt(null);
        return null;
      },
    );

    this.cleanups.push(
      installDebugHandle(() => ({
        publishPc: this.publisher?.pc ?? null,
        subscribePc: this.subscriber?.pc ?? null,
        participantId: this.snapshot.participantId,
        roomId: this.roomId,
      })),
      this.client.on('status', (status) => {
        if (status === 'reconnecting') this.update({ connection: 'reconnecting' });
      }),
      this.client.on('message', (message) => this.handleMessage(message)),
      this.client.on('resumed', (resumed) => {
        this.applyResumed(resumed);
        this.update({ connection: 'connected' });
        this.publisher?.onSignalingResumed();
        this.subscriber?.checkIce();
        this.layout.requestReport();
      }),
      this.client.on('serverError', (error) => {
        // A refused answer to an offer that was overtaken: the next offer follows by itself.
        if (error.code !== 'stale_answer') this.update({ problem: error.code });
      }),
      this.client.on('failed', (error) => this.failWith(error.code)),
    );

    // Ready before `join`: the first subscribeOffer may follow `joined` immediately.
    try {
      this.subscriber = new Subscriber({
        ...(this.createPeerConnection === undefined ? {} : { createPeerConnection: this.createPeerConnection }),
        onTracksChanged: () => this.recompute(),
        onIceRestartNeeded: () => {
          if (this.subscriber?.pc.remoteDescription != null) this.client.send({ type: 'restartIce', connection: 'subscribe' });
        },
      });
    } catch {
      this.failWith(MEDIA_FAILED);
      return;
    }

    try {
      await this.client.connect();
      if (this.ended) return;
      const reply = await this.client.join(this.roomId, this.displayName, this.secrets);
      if (this.ended) return;
      if (reply.type === 'joined') {
        this.completeJoin(reply);
      } else if (!this.snapshot.joined) {
        // In the lobby: `joined` follows as a message when a chair lets us in.
        const admitted = new Promise<boolean>((resolve) => {
          this.admission = resolve;
        });
        this.update({ connection: 'waiting', title: reply.title === '' ? this.snapshot.title : reply.title });
        if (!(await admitted) || this.ended) return;
      }
    } catch (error: unknown) {
      this.failWith(errorCode(error));
      return;
    }

    await media;
    if (this.ended || this.snapshot.fatal !== null) return;
    // The room starts muted (or a chair's lock is on): the microphone is open but silent.
    if (this.snapshot.startMuted || this.snapshot.microphoneLocked) this.localMedia.silenceMicrophone();
    this.publishing = true;
    const stream = this.localMedia.stream;
    if (stream === null) return;
    try {
      this.publisher = this.createPublisher(stream);
      await this.publisher.start();
    } catch (error: unknown) {
      this.reportProblem(error);
      return;
    }
    // Tell the others what we send (their roster shows microphone and camera state).
    const { microphone, camera } = this.localMedia.state;
    if (microphone && !this.snapshot.microphoneLocked) void this.setMediaState('microphone', true);
    if (camera) void this.setMediaState('camera', true);
  }

  private createPublisher(stream: MediaStream): Publisher {
    return new Publisher({
      stream,
      ...(this.createPeerConnection === undefined ? {} : { createPeerConnection: this.createPeerConnection }),
      negotiate: async (sdp, sources) => (await this.client.request({ type: 'publish', sdp, sources }, { timeoutMs: 15_000 })).sdp,
      onError: (error) => this.reportProblem(error),
    });
  }

  /** A track turned on, switched or off during the meeting; the first one makes the publish connection. */
  private async sendTrack(source: MediaSource, track: MediaStreamTrack | null, options?: SendOptions): Promise<void> {
    // Before the first publish: it takes the tracks as they are then.
    if (this.ended || !this.publishing) return;
    if (this.publisher === null) {
      if (track === null) return;
      this.publisher = this.createPublisher(new MediaStream());
    }
    await this.publisher.setTrack(source, track, options);
  }

  /** In the room: directly, or let in from the lobby. */
  private completeJoin(joined: JoinedMessage): void {
    if (this.ended || this.snapshot.joined) return;
    const settings = joined.settings;
    this.update({
      joined: true,
      connection: 'connected',
      participantId: joined.participantId,
      roster: rosterFromJoined(joined.participants, joined.participantId),
      roomCode: joined.roomCode === '' ? this.snapshot.roomCode : joined.roomCode,
      title: settings === null || settings.title === '' ? this.snapshot.title : settings.title,
      role: joined.role,
      permissions: joined.permissions,
      settings,
      priority: joined.priority,
      startMuted: joined.startMuted,
      microphoneLocked: joined.microphoneLocked,
      chat: joined.chat.slice(-CHAT_KEPT),
      lobby: joined.lobby ?? [],
    });
    this.recompute();
    this.settleAdmission(true);
  }

  /** Back after a drop: the server says how the meeting is now. */
  private applyResumed(resumed: ResumedMessage): void {
    const selfId = this.snapshot.participantId ?? resumed.participantId;
    if (resumed.role !== undefined) this.update({ role: resumed.role });
    if (resumed.settings !== undefined) this.applySettings(resumed.settings);
    if (resumed.lobby !== undefined) this.update({ lobby: resumed.lobby });
    if (resumed.participants !== undefined) {
      const roster = rosterFromJoined(resumed.participants, selfId);
      const dominant = this.snapshot.dominantSpeakerId;
      if (dominant !== null && !roster.some((p) => p.participantId === dominant)) this.update({ dominantSpeakerId: null });
      this.setRoster(roster);
    }
  }

  private applySettings(settings: RoomSettings): void {
    this.update({ settings, title: settings.title === '' ? this.snapshot.title : settings.title });
  }

  // ---- our own media (the toolbar) ------------------------------------------------------------

  /** Microphone on or off. Refused (false) while a chair's lock is on: the toolbar says why. */
  setMicrophone(on: boolean): Promise<boolean> {
    if (this.ended || (on && this.snapshot.microphoneLocked)) return Promise.resolve(false);
    return this.localMedia.setMicrophone(on);
  }

  /** Camera on (the chosen camera, opened again) or off (stopped: its light goes off). */
  setCamera(on: boolean): Promise<boolean> {
    if (this.ended) return Promise.resolve(false);
    return this.localMedia.setCamera(on);
  }

  /** Another microphone or camera, without rejoining; remembered for the next meeting. */
  switchDevice(kind: SwitchableDevice, deviceId: string): Promise<boolean> {
    if (this.ended) return Promise.resolve(false);
    return this.localMedia.switchDevice(kind, deviceId);
  }

  /** Where remote sound plays (snapshot.local.speakerId → every remote <audio>); null: the default output. */
  setSpeaker(deviceId: string | null): void {
    this.localMedia.setSpeaker(deviceId);
  }

  /** The browser's picker, then the chosen screen or window as a second video. Needs shareContent. */
  startScreenShare(): Promise<boolean> {
    if (this.ended || !this.snapshot.joined || this.snapshot.permissions?.shareContent === false) return Promise.resolve(false);
    return this.localMedia.startScreenShare();
  }

  stopScreenShare(): Promise<boolean> {
    return this.localMedia.stopScreenShare();
  }

  // ---- requests without UI yet ----------------------------------------------------------------

  /** Says that our microphone, camera or screen is on or off. Resolves false (and shows why) when refused. */
  setMediaState(source: MediaSource, on: boolean): Promise<boolean> {
    return this.ask({ type: 'mediaState', source, on });
  }

  raiseHand(raised: boolean): Promise<boolean> {
    return this.ask({ type: 'raiseHand', raised });
  }

  rename(displayName: string): Promise<boolean> {
    return this.ask({ type: 'rename', displayName });
  }

  sendChat(text: string): Promise<boolean> {
    return this.ask({ type: 'chat', text });
  }

  /** A chair action (mute, admit, remove, updateSettings, end, …). */
  moderate(action: Omit<ModerateMessage, 'type'>): Promise<boolean> {
    return this.ask({ type: 'moderate', ...action });
  }

  /**
   * A request whose refusal the caller shows where it was made (chat composer, a dialog): resolves
   * null when accepted, else the error code. The session's `problem` is left alone.
   */
  async tryRequest(message: PanelRequest): Promise<string | null> {
    if (this.ended || !this.snapshot.joined) return 'not_joined';
    try {
      await this.client.request(message);
      return null;
    } catch (error: unknown) {
      return errorCode(error);
    }
  }

  private async ask(message: Extract<RequestMessage, { type: 'mediaState' | 'raiseHand' | 'rename' | 'chat' | 'moderate' }>): Promise<boolean> {
    if (this.ended || !this.snapshot.joined) return false;
    try {
      await this.client.request(message);
      return true;
    } catch (error: unknown) {
      this.reportProblem(error);
      return false;
    }
  }

  private reportProblem(error: unknown): void {
    if (this.ended) return;
    const code = errorCode(error);
    // Lost with the connection: retried after the resume, and the status already says so.
    if (code === 'connection_lost' || code === 'closed') return;
    this.update({ problem: code });
  }

  // ---- server messages ------------------------------------------------------------------------

  private handleMessage(message: ServerMessage): void {
    if (this.ended) return;
    const selfId = this.snapshot.participantId;
    switch (message.type) {
      case 'hello':
        this.update({ account: message.account });
        break;
      case 'joined':
        // Let in from the lobby.
        this.completeJoin(message);
        break;
      case 'lobbyRejected':
        this.finish('lobby_rejected');
        break;
      case 'meetingEnded':
        this.finish('meeting_ended');
        break;
      case 'removed':
        this.finish(removedCode(message.reason));
        break;
      case 'participantJoined':
        this.setRoster(addParticipant(this.snapshot.roster, message.participant, selfId));
        break;
      case 'participantUpdated': {
        const { participant } = message;
        if (participant.participantId === selfId) {
          this.update({
            self: participant,
            role: participant.role,
            permissions: participant.permissions,
            microphoneLocked: participant.microphoneLocked,
          });
        } else {
          this.setRoster(updateParticipant(this.snapshot.roster, participant, selfId));
        }
        break;
      }
      case 'participantLeft': {
        this.setRoster(removeParticipant(this.snapshot.roster, message.participantId));
        if (this.snapshot.dominantSpeakerId === message.participantId) this.update({ dominantSpeakerId: null });
        break;
      }
      case 'dominantSpeaker':
        this.update({ dominantSpeakerId: message.participantId });
        break;
      case 'subscribeOffer':
        void this.handleOffer(message);
        break;
      case 'roomSettings':
        this.applySettings(message.settings);
        break;
      case 'priority':
        this.update({ priority: message.order });
        break;
      case 'lobby':
        this.update({ lobby: message.waiting });
        break;
      case 'chat':
        this.update({ chat: [...this.snapshot.chat, message.message].slice(-CHAT_KEPT) });
        break;
      case 'moderated':
        this.update({ moderation: message });
        this.applyModeration(message);
        break;
      case 'roleChanged':
        this.update({ role: message.role, permissions: message.permissions, lobby: message.lobby });
        if (!message.permissions.shareContent) void this.localMedia.stopScreenShare();
        break;
      case 'permissionsChanged':
        this.update({ permissions: message.permissions });
        if (!message.permissions.shareContent) void this.localMedia.stopScreenShare();
        break;
      default:
        // ok, left; late replies to requests that timed out.
        break;
    }
  }

  /** A chair's action on us: what it stops stops here too (the server already stopped forwarding it). */
  private applyModeration(message: ModeratedMessage): void {
    const effect = moderationEffect(message, this.snapshot.role);
    if (effect.microphoneLocked !== null) this.update({ microphoneLocked: effect.microphoneLocked });
    if (effect.turnOff === 'microphone') void this.localMedia.setMicrophone(false);
    else if (effect.turnOff === 'camera') void this.localMedia.setCamera(false);
    else if (effect.turnOff === 'screen') void this.localMedia.stopScreenShare();
  }

  private setRoster(roster: Roster): void {
    if (roster === this.snapshot.roster) return;
    this.update({ roster });
    this.recompute();
  }

  private async handleOffer(offer: SubscribeOfferMessage): Promise<void> {
    const subscriber = this.subscriber;
    if (subscriber === null) return;
    let answer: string;
    try {
      answer = await subscriber.applyOffer(offer.sdp);
    } catch {
      if (!this.ended) this.update({ problem: MEDIA_FAILED });
      return;
    }
    if (this.ended) return;
    this.tracks = indexTracks(offer.tracks);
    // Not connected: the server sends a fresh offer after the resume.
    this.client.send({ type: 'subscribeAnswer', sdp: answer, version: offer.version });
    this.recompute();
    this.layout.requestReport();
  }

  /** Tiles and audio from the roster, the offer's tracks and the receiving tracks. */
  private recompute(): void {
    if (this.ended) return;
    const received = this.subscriber?.receivedKinds() ?? new Map();
    const tiles = buildTiles(this.snapshot.roster, this.tracks, received, this.snapshot.participantId);
    const audioMids = activeMids(this.tracks, received, 'audio');
    this.layout.setShown(videoMidsOf(tiles));
    this.update({ tiles, audioMids });
  }
}
