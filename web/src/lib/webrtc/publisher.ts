// The publish connection: the browser offers its camera (simulcast q/h/f, VP8 preferred) and
// microphone, both sendonly; the server answers. The server is ICE-lite with its candidates in
// the answer, so no candidate is gathered for or trickled to it: the offer goes out right after
// setLocalDescription. When ICE fails, or stays disconnected, the offer is made again with
// iceRestart (docs/signaling.md: a new `publish`). Sources can be added and removed during the
// meeting (a camera turned on after joining without one, a screen share): a new section is
// renegotiated; a removed one turns inactive and is reused next time, so the SDP keeps its
// m-sections in order.
import type { MediaSource } from '../signaling/messages';
import { preferVp8 } from './codecs';
import { IceWatchdog } from './ice-watchdog';

export const SIMULCAST_ENCODINGS: readonly RTCRtpEncodingParameters[] = [
  { rid: 'q', scaleResolutionDownBy: 4, maxBitrate: 150_000 },
  { rid: 'h', scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { rid: 'f', scaleResolutionDownBy: 1, maxBitrate: 1_500_000 },
];

/** Both connections: one transport (bundle), RTCP muxed, no STUN/TURN (the server is reachable directly). */
export const PEER_CONNECTION_CONFIG: RTCConfiguration = {
  iceServers: [],
  bundlePolicy: 'max-bundle',
  rtcpMuxPolicy: 'require',
};

/** How a source added during the meeting is sent. */
export interface SendOptions {
  /** Encodings of a new section (default: simulcast q/h/f for the camera, the browser's for the rest). */
  readonly encodings?: readonly RTCRtpEncodingParameters[];
  /** E.g. `maintain-resolution` for a shared screen (sharp text rather than smooth motion). */
  readonly degradationPreference?: RTCDegradationPreference;
}

export type PeerConnectionFactory = (config: RTCConfiguration) => RTCPeerConnection;

export const browserPeerConnection: PeerConnectionFactory = (config) => new RTCPeerConnection(config);

export interface PublisherOptions {
  readonly stream: MediaStream;
  /** Sends the offer (`publish`, with what each mid carries) and resolves with the answer's SDP. */
  readonly negotiate: (offerSdp: string, sources: Readonly<Record<string, MediaSource>>) => Promise<string>;
  readonly createPeerConnection?: PeerConnectionFactory;
  /** A negotiation failed (the caller shows it; a later retry may still succeed). */
  readonly onError?: (error: unknown) => void;
  readonly disconnectedGraceMs?: number;
}

/** A caller waiting for the negotiation that will include its change. */
interface Waiter {
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

export class Publisher {
  readonly pc: RTCPeerConnection;
  private readonly stream: MediaStream;
  private readonly negotiateWith: (offerSdp: string, sources: Readonly<Record<string, MediaSource>>) => Promise<string>;
  /** The source of each sending transceiver: its mid is known once the offer is set. */
  private readonly sourceOf = new Map<RTCRtpTransceiver, MediaSource>();
  private readonly onError: (error: unknown) => void;
  private readonly watchdog: IceWatchdog;
  private negotiating = false;
  private negotiatingIceRestart = false;
  /** A negotiation is owed: asked for while another ran, or failed for want of signalling. */
  private owed: { iceRestart: boolean } | null = null;
  /** Callers of setTrack/removeTrack waiting for the owed negotiation. */
  private waiters: Waiter[] = [];
  private established = false;
  private closed = false;

  constructor(options: PublisherOptions) {
    this.negotiateWith = options.negotiate;
    this.onError = options.onError ?? (() => undefined);
    this.pc = (options.createPeerConnection ?? browserPeerConnection)(PEER_CONNECTION_CONFIG);

    const { stream } = options;
    this.stream = stream;
    for (const track of stream.getVideoTracks()) {
      const transceiver = this.pc.addTransceiver(track, {
        direction: 'sendonly',
        streams: [stream],
        sendEncodings: SIMULCAST_ENCODINGS.map((encoding) => ({ ...encoding })),
      });
      preferVp8(transceiver);
      this.sourceOf.set(transceiver, 'camera');
    }
    for (const track of stream.getAudioTracks()) {
      this.sourceOf.set(this.pc.addTransceiver(track, { direction: 'sendonly', streams: [stream] }), 'microphone');
    }

    this.watchdog = new IceWatchdog(this.pc, {
      onRestartNeeded: () => void this.renegotiate(true),
      ...(options.disconnectedGraceMs === undefined ? {} : { disconnectedGraceMs: options.disconnectedGraceMs }),
    });
  }

  /** The first offer/answer. Rejects when it fails (the page then says so). */
  async start(): Promise<void> {
    await this.negotiate(false);
  }

  /** Whether a section for `source` exists (sending or not). */
  has(source: MediaSource): boolean {
    return this.transceiverOf(source) !== null;
  }

  /**
   * Sends `track` as `source`. On the section already there: replaceTrack, no renegotiation
   * (null sends nothing, e.g. a camera turned off; the section and its encodings stay), unless the
   * section was inactive. Otherwise a new sendonly section, renegotiated. Resolves once the
   * server accepted the renegotiation; rejects when it refused (e.g. `forbidden`).
   */
  async setTrack(source: MediaSource, track: MediaStreamTrack | null, options: SendOptions = {}): Promise<void> {
    if (this.closed) return;
    const existing = this.transceiverOf(source);
    if (existing !== null) {
      await existing.sender.replaceTrack(track);
      await this.applyDegradation(existing.sender, options);
      if (track === null || existing.direction !== 'inactive') return;
      existing.direction = 'sendonly';
      await this.negotiate(false);
      return;
    }
    if (track === null) return;
    const encodings = options.encodings ?? (source === 'camera' ? SIMULCAST_ENCODINGS : undefined);
    const transceiver = this.pc.addTransceiver(track, {
      direction: 'sendonly',
      streams: [this.stream],
      ...(encodings === undefined ? {} : { sendEncodings: encodings.map((encoding) => ({ ...encoding })) }),
    });
    if (track.kind === 'video') preferVp8(transceiver);
    this.sourceOf.set(transceiver, source);
    await this.applyDegradation(transceiver.sender, options);
    await this.negotiate(false);
  }

  /**
   * Stops sending `source`: no track, the section inactive (renegotiated, so that the server drops
   * the track); the section is reused by the next setTrack of that source.
   */
  async removeTrack(source: MediaSource): Promise<void> {
    const transceiver = this.transceiverOf(source);
    if (this.closed || transceiver === null) return;
    await transceiver.sender.replaceTrack(null);
    if (transceiver.direction === 'inactive') return;
    transceiver.direction = 'inactive';
    await this.negotiate(false);
  }

  private transceiverOf(source: MediaSource): RTCRtpTransceiver | null {
    for (const [transceiver, of] of this.sourceOf) if (of === source) return transceiver;
    return null;
  }

  /** Best effort: browsers that do not implement the preference keep their default. */
  private async applyDegradation(sender: RTCRtpSender, options: SendOptions): Promise<void> {
    const preference = options.degradationPreference;
    if (preference === undefined || typeof sender.getParameters !== 'function') return;
    try {
      await sender.setParameters({ ...sender.getParameters(), degradationPreference: preference });
    } catch {
      // Not supported (or not before the first negotiation): contentHint still guides the encoder.
    }
  }

  /** The signalling channel is back: redo a negotiation that was lost, restart ICE if it is down. */
  onSignalingResumed(): void {
    if (this.closed) return;
    const owed = this.owed;
    if (owed !== null) {
      this.owed = null;
      void this.renegotiate(owed.iceRestart || this.watchdog.unhealthy);
    } else if (this.watchdog.unhealthy) {
      void this.renegotiate(true);
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.watchdog.dispose();
    this.pc.close();
    for (const waiter of this.waiters.splice(0)) waiter.reject(new Error('closed'));
  }

  private async renegotiate(iceRestart: boolean): Promise<void> {
    try {
      await this.negotiate(iceRestart && this.established);
    } catch (error: unknown) {
      this.onError(error);
    }
  }

  /**
   * One offer/answer at a time. Asked for while one runs, it is owed: the caller waits for the
   * owed one, which runs next and covers every change made meanwhile.
   */
  private negotiate(iceRestart: boolean): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.negotiating) {
      // The restart in flight already gets new credentials; anything else waits its turn.
      if (iceRestart && this.negotiatingIceRestart) return Promise.resolve();
      this.owed = { iceRestart: iceRestart || (this.owed?.iceRestart ?? false) };
      return new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    }
    return this.run(iceRestart);
  }

  private async run(iceRestart: boolean): Promise<void> {
    if (this.owed !== null) {
      // This negotiation also settles what was owed.
      iceRestart = iceRestart || (this.owed.iceRestart && this.established);
      this.owed = null;
    }
    const waiters = this.waiters.splice(0);
    this.negotiating = true;
    this.negotiatingIceRestart = iceRestart;
    try {
      await this.offerAndAnswer(iceRestart);
    } catch (error: unknown) {
      for (const waiter of waiters) waiter.reject(error);
      throw error;
    } finally {
      this.negotiating = false;
      this.negotiatingIceRestart = false;
    }
    for (const waiter of waiters) waiter.resolve();
    // Asked for again meanwhile (and not because this one failed): its callers hear how it ends.
    const owed = this.pendingOwed();
    if (owed !== null && !this.closed) {
      const hasWaiters = this.waiters.length > 0;
      this.owed = null;
      try {
        await this.run(owed.iceRestart);
      } catch (error: unknown) {
        if (!hasWaiters) this.onError(error);
      }
    }
  }

  private async offerAndAnswer(iceRestart: boolean): Promise<void> {
    if (this.closed) return;
    const offer = await this.pc.createOffer(iceRestart ? { iceRestart: true } : {});
    await this.pc.setLocalDescription(offer);
    const sdp = this.pc.localDescription?.sdp ?? offer.sdp ?? '';
    let answer: string;
    try {
      answer = await this.negotiateWith(sdp, this.sources());
    } catch (error: unknown) {
      // Back to `stable` so that the next attempt can make a fresh offer.
      await this.rollback();
      this.owed = { iceRestart: iceRestart || (this.pendingOwed()?.iceRestart ?? false) };
      throw error;
    }
    if (this.closed) return;
    await this.pc.setRemoteDescription({ type: 'answer', sdp: answer });
    this.established = true;
  }

  /**
   * mid → source of the sections being offered. Inactive ones are left out: a stopped screen
   * share must not need the shareContent permission.
   */
  private sources(): Record<string, MediaSource> {
    const sources: Record<string, MediaSource> = {};
    for (const [transceiver, source] of this.sourceOf) {
      if (transceiver.mid !== null && transceiver.direction !== 'inactive') sources[transceiver.mid] = source;
    }
    return sources;
  }

  /** Read through a call: the compiler would keep `owed` narrowed to null across awaits. */
  private pendingOwed(): { iceRestart: boolean } | null {
    return this.owed;
  }

  private async rollback(): Promise<void> {
    if (this.closed || this.pc.signalingState !== 'have-local-offer') return;
    try {
      await this.pc.setLocalDescription({ type: 'rollback' });
    } catch {
      // Browsers without rollback can still createOffer in have-local-offer.
    }
  }
}
