// The publish connection: the browser offers its camera (simulcast q/h/f, VP8 preferred) and
// microphone, both sendonly; the server answers. The server is ICE-lite with its candidates in
// the answer, so no candidate is gathered for or trickled to it: the offer goes out right after
// setLocalDescription. When ICE fails, or stays disconnected, the offer is made again with
// iceRestart (docs/signaling.md: a new `publish`).
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

export class Publisher {
  readonly pc: RTCPeerConnection;
  private readonly negotiateWith: (offerSdp: string, sources: Readonly<Record<string, MediaSource>>) => Promise<string>;
  /** The source of each sending transceiver: its mid is known once the offer is set. */
  private readonly sourceOf = new Map<RTCRtpTransceiver, MediaSource>();
  private readonly onError: (error: unknown) => void;
  private readonly watchdog: IceWatchdog;
  private negotiating = false;
  private negotiatingIceRestart = false;
  /** A negotiation is owed: asked for while another ran, or failed for want of signalling. */
  private owed: { iceRestart: boolean } | null = null;
  private established = false;
  private closed = false;

  constructor(options: PublisherOptions) {
    this.negotiateWith = options.negotiate;
    this.onError = options.onError ?? (() => undefined);
    this.pc = (options.createPeerConnection ?? browserPeerConnection)(PEER_CONNECTION_CONFIG);

    const { stream } = options;
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
  }

  private async renegotiate(iceRestart: boolean): Promise<void> {
    try {
      await this.negotiate(iceRestart && this.established);
    } catch (error: unknown) {
      this.onError(error);
    }
  }

  private async negotiate(iceRestart: boolean): Promise<void> {
    if (this.closed) return;
    if (this.negotiating) {
      // The restart in flight already gets new credentials; anything else waits its turn.
      if (!(iceRestart && this.negotiatingIceRestart)) {
        this.owed = { iceRestart: iceRestart || (this.owed?.iceRestart ?? false) };
      }
      return;
    }
    if (this.owed !== null) {
      // This negotiation also settles what was owed.
      iceRestart = iceRestart || (this.owed.iceRestart && this.established);
      this.owed = null;
    }
    this.negotiating = true;
    this.negotiatingIceRestart = iceRestart;
    try {
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
    } finally {
      this.negotiating = false;
      this.negotiatingIceRestart = false;
    }
    // Asked for again meanwhile (and not because this one failed).
    const owed = this.pendingOwed();
    if (owed !== null && !this.closed) {
      this.owed = null;
      await this.negotiate(owed.iceRestart);
    }
  }

  /** mid → source of the sections being offered. */
  private sources(): Record<string, MediaSource> {
    const sources: Record<string, MediaSource> = {};
    for (const [transceiver, source] of this.sourceOf) {
      if (transceiver.mid !== null) sources[transceiver.mid] = source;
    }
    return sources;
  }

  /** Read through a call: the compiler would keep `owed` narrowed to null across the awaits above. */
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
