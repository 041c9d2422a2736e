// One participation in a meeting: the signalling client, the publish and subscribe connections,
// the roster and the layout report, joined into a snapshot the page renders
// (useSyncExternalStore). Created by the join click and ended by leaving, by leaving the page or
// by a failure; never restarted (joining again makes a new session).
import { SignalingClient, SignalingError, signalingUrl } from '../../lib/signaling/client';
import type { ParticipantInfo, ServerMessage, SubscribeOfferMessage } from '../../lib/signaling/messages';
import { LayoutReporter } from '../../lib/webrtc/layout';
import { acquireLocalMedia, stopStream, type DeviceOutcome, type LocalMedia } from '../../lib/webrtc/media';
import { Publisher, type PeerConnectionFactory } from '../../lib/webrtc/publisher';
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
import { addParticipant, removeParticipant, rosterFromJoined, type Roster } from './roster';
import { TileObserver } from './tile-observer';

/** What the page shows as the connection status. */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'failed';

export interface MeetingSnapshot {
  readonly connection: ConnectionStatus;
  readonly joined: boolean;
  readonly participantId: string | null;
  readonly roster: Roster;
  readonly tiles: readonly RemoteTile[];
  readonly audioMids: readonly string[];
  readonly dominantSpeakerId: string | null;
  readonly localStream: MediaStream | null;
  /** Null while camera and microphone are still being asked for. */
  readonly media: { readonly video: DeviceOutcome; readonly audio: DeviceOutcome } | null;
  /** The code of the error that ended the session (join refused, connection given up). */
  readonly fatal: string | null;
  /** The code of the last error that did not end it (publishing refused, …). */
  readonly problem: string | null;
}

export interface MeetingSessionOptions {
  readonly roomId: string;
  readonly displayName: string;
  // Seams for tests.
  readonly signaling?: SignalingClient;
  readonly acquireMedia?: () => Promise<LocalMedia>;
  readonly createPeerConnection?: PeerConnectionFactory;
}

/** Local code (not from the server) for a peer connection that could not be set up. */
export const MEDIA_FAILED = 'media_failed';

function errorCode(error: unknown): string {
  return error instanceof SignalingError ? error.code : MEDIA_FAILED;
}

export class MeetingSession {
  readonly roomId: string;
  readonly displayName: string;
  private readonly client: SignalingClient;
  private readonly acquireMedia: () => Promise<LocalMedia>;
  private readonly createPeerConnection: PeerConnectionFactory | undefined;
  private readonly layout: LayoutReporter;
  private readonly tileObserver: TileObserver;
  private subscriber: Subscriber | null = null;
  private publisher: Publisher | null = null;
  private tracks: ReadonlyMap<string, RemoteTrackInfo> = new Map();
  private localStream: MediaStream | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly cleanups: (() => void)[] = [];
  private snapshot: MeetingSnapshot = {
    connection: 'connecting',
    joined: false,
    participantId: null,
    roster: [],
    tiles: [],
    audioMids: [],
    dominantSpeakerId: null,
    localStream: null,
    media: null,
    fatal: null,
    problem: null,
  };
  private started = false;
  private ended = false;

  constructor(options: MeetingSessionOptions) {
    this.roomId = options.roomId;
    this.displayName = options.displayName;
    this.client = options.signaling ?? new SignalingClient({ url: signalingUrl() });
    this.acquireMedia = options.acquireMedia ?? (() => acquireLocalMedia());
    this.createPeerConnection = options.createPeerConnection;
    this.layout = new LayoutReporter({ send: (tiles) => this.client.send({ type: 'layout', tiles }) });
    this.tileObserver = new TileObserver(this.layout);
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
    stopStream(this.localStream);
  }

  private failWith(code: string): void {
    if (this.ended) return;
    this.shutdownMedia();
    this.update({ fatal: code, connection: 'failed', localStream: null });
  }

  private async run(): Promise<void> {
    const media = this.acquireMedia().then(
      (result) => {
        if (this.ended || this.snapshot.fatal !== null) {
          stopStream(result.stream);
          return null;
        }
        this.localStream = result.stream;
        this.update({ localStream: result.stream, media: { video: result.video, audio: result.audio } });
        return result;
      },
      (): null => {
        this.update({ media: { video: 'busy', audio: 'busy' } });
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
      this.client.on('resumed', () => {
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
      const joined = await this.client.join(this.roomId, this.displayName);
      if (this.ended) return;
      this.update({
        joined: true,
        connection: 'connected',
        participantId: joined.participantId,
        roster: rosterFromJoined(joined.participants, joined.participantId),
      });
      this.recompute();
    } catch (error: unknown) {
      this.failWith(errorCode(error));
      return;
    }

    const local = await media;
    if (this.ended || local === null || local.stream === null || this.snapshot.fatal !== null) return;
    try {
      this.publisher = new Publisher({
        stream: local.stream,
        ...(this.createPeerConnection === undefined ? {} : { createPeerConnection: this.createPeerConnection }),
        negotiate: async (sdp) => (await this.client.request({ type: 'publish', sdp }, { timeoutMs: 15_000 })).sdp,
        onError: (error) => this.reportProblem(error),
      });
      await this.publisher.start();
    } catch (error: unknown) {
      this.reportProblem(error);
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
      case 'participantJoined':
        this.setRoster(addParticipant(this.snapshot.roster, message, selfId));
        break;
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
      default:
        // hello; late replies to requests that timed out.
        break;
    }
  }

  private setRoster(roster: readonly ParticipantInfo[]): void {
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
