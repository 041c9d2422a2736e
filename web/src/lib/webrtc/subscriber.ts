// The subscribe connection: the server offers one sendonly section per remote track and
// renegotiates as tracks come and go; the browser answers. Offers are applied one after the
// other (the server keeps one in flight anyway). After each offer the receiving tracks are read
// back from the transceivers by mid, so that a mid the server reuses for another track, or one
// whose `track` event came early, is always current.
import type { MediaKind } from '../signaling/messages';
import { IceWatchdog } from './ice-watchdog';
import { browserPeerConnection, PEER_CONNECTION_CONFIG, type PeerConnectionFactory } from './publisher';

export interface SubscriberOptions {
  readonly createPeerConnection?: PeerConnectionFactory;
  /** The set of receiving tracks changed (a `track` event). */
  readonly onTracksChanged?: () => void;
  /** ICE failed or stayed disconnected: ask the server for a restart (`restartIce`). */
  readonly onIceRestartNeeded?: () => void;
  readonly disconnectedGraceMs?: number;
}

function isMediaKind(kind: string): kind is MediaKind {
  return kind === 'audio' || kind === 'video';
}

export class Subscriber {
  readonly pc: RTCPeerConnection;
  private readonly onTracksChanged: () => void;
  private readonly watchdog: IceWatchdog;
  private readonly tracks = new Map<string, MediaStreamTrack>();
  /** One MediaStream per mid (per track), so that <video>/<audio> keep their srcObject. */
  private readonly streams = new Map<string, MediaStream>();
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(options: SubscriberOptions = {}) {
    this.onTracksChanged = options.onTracksChanged ?? (() => undefined);
    this.pc = (options.createPeerConnection ?? browserPeerConnection)(PEER_CONNECTION_CONFIG);
    this.pc.addEventListener('track', (event: RTCTrackEvent) => {
      const mid = event.transceiver.mid;
      if (mid === null || this.closed) return;
      this.tracks.set(mid, event.track);
      this.onTracksChanged();
    });
    this.watchdog = new IceWatchdog(this.pc, {
      onRestartNeeded: () => options.onIceRestartNeeded?.(),
      ...(options.disconnectedGraceMs === undefined ? {} : { disconnectedGraceMs: options.disconnectedGraceMs }),
    });
  }

  get iceUnhealthy(): boolean {
    return this.watchdog.unhealthy;
  }

  /** Applies an offer and resolves with the answer's SDP (after setLocalDescription). */
  applyOffer(sdp: string): Promise<string> {
    const run = async (): Promise<string> => {
      if (this.closed) throw new Error('subscriber closed');
      await this.pc.setRemoteDescription({ type: 'offer', sdp });
      const answer = await this.pc.createAnswer();
      await this.pc.setLocalDescription(answer);
      this.syncFromTransceivers();
      return this.pc.localDescription?.sdp ?? answer.sdp ?? '';
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** The receiving tracks by mid, with their kind. */
  receivedKinds(): Map<string, MediaKind> {
    const kinds = new Map<string, MediaKind>();
    for (const [mid, track] of this.tracks) if (isMediaKind(track.kind)) kinds.set(mid, track.kind);
    return kinds;
  }

  /** A stable MediaStream holding the track of `mid`, or null. */
  streamFor(mid: string): MediaStream | null {
    const track = this.tracks.get(mid);
    if (track === undefined) return null;
    const existing = this.streams.get(mid);
    if (existing !== undefined && existing.getTracks()[0] === track) return existing;
    const stream = new MediaStream([track]);
    this.streams.set(mid, stream);
    return stream;
  }

  /** Signalling is back: ask for an ICE restart at once if the connection is down. */
  checkIce(): void {
    this.watchdog.check();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.watchdog.dispose();
    this.pc.close();
    this.tracks.clear();
    this.streams.clear();
  }

  private syncFromTransceivers(): void {
    let changed = false;
    for (const transceiver of this.pc.getTransceivers()) {
      const mid = transceiver.mid;
      if (mid === null) continue;
      const track = transceiver.receiver.track;
      if (this.tracks.get(mid) !== track) {
        this.tracks.set(mid, track);
        changed = true;
      }
    }
    if (changed) this.onTracksChanged();
  }
}
