// Fakes of the browser's media and WebRTC objects, enough for the meeting code to run in jsdom:
// MediaStream(Track), RTCPeerConnection (transceivers, offer/answer, track events, ICE state) and
// a WebSocket whose instances the test drives.
//
// The fake SDP of a subscribe offer is JSON: {"mids": [["0", "audio"], ["1", "video"]]}; applying
// it creates one receiving transceiver per new mid and fires `track`, as browsers do.

let nextId = 1;

export class FakeMediaStreamTrack extends EventTarget {
  readonly id = `track-${nextId++}`;
  readonly kind: 'audio' | 'video';
  readonly label: string;
  /** The capture device (getSettings().deviceId); '' for tracks that are not from a device. */
  readonly deviceId: string;
  readyState: 'live' | 'ended' = 'live';
  enabled = true;
  contentHint = '';

  constructor(kind: 'audio' | 'video', device: { deviceId?: string; label?: string } = {}) {
    super();
    this.kind = kind;
    this.deviceId = device.deviceId ?? '';
    this.label = device.label ?? '';
  }

  getSettings(): MediaTrackSettings {
    return this.deviceId === '' ? {} : { deviceId: this.deviceId };
  }

  stop(): void {
    this.readyState = 'ended';
  }

  /** Ended by the browser, not by the page (device unplugged, "Stop sharing"): fires `ended`. */
  end(): void {
    this.readyState = 'ended';
    this.dispatchEvent(new Event('ended'));
  }
}

export class FakeMediaStream {
  readonly id = `stream-${nextId++}`;
  private readonly tracks: FakeMediaStreamTrack[];

  constructor(tracks: readonly FakeMediaStreamTrack[] = []) {
    this.tracks = [...tracks];
  }

  getTracks(): FakeMediaStreamTrack[] {
    return [...this.tracks];
  }

  getVideoTracks(): FakeMediaStreamTrack[] {
    return this.tracks.filter((t) => t.kind === 'video');
  }

  getAudioTracks(): FakeMediaStreamTrack[] {
    return this.tracks.filter((t) => t.kind === 'audio');
  }
}

/** A camera + microphone stream, typed as the real thing for code under test. */
export function fakeCameraStream(kinds: readonly ('audio' | 'video')[] = ['video', 'audio']): MediaStream {
  return new FakeMediaStream(kinds.map((kind) => new FakeMediaStreamTrack(kind))) as unknown as MediaStream;
}

export interface FakeTransceiver {
  mid: string | null;
  direction: RTCRtpTransceiverDirection;
  readonly kind: 'audio' | 'video';
  readonly sender: FakeSender;
  readonly receiver: { track: FakeMediaStreamTrack };
  readonly sendEncodings: readonly RTCRtpEncodingParameters[];
  codecPreferences: readonly { mimeType: string }[] | null;
  setCodecPreferences(codecs: readonly { mimeType: string }[]): void;
}

export interface FakeSender {
  track: FakeMediaStreamTrack | null;
  /** What setParameters was last given (null: never called). */
  parameters: RTCRtpSendParameters | null;
  replaceTrack(track: FakeMediaStreamTrack | null): Promise<void>;
  getParameters(): RTCRtpSendParameters;
  setParameters(parameters: RTCRtpSendParameters): Promise<void>;
}

function fakeSender(track: FakeMediaStreamTrack | null, encodings: readonly RTCRtpEncodingParameters[]): FakeSender {
  return {
    track,
    parameters: null,
    async replaceTrack(next) {
      this.track = next;
    },
    getParameters() {
      return this.parameters ?? { transactionId: 't', encodings: encodings.map((e) => ({ ...e })), codecs: [], headerExtensions: [], rtcp: {} };
    },
    async setParameters(parameters) {
      this.parameters = parameters;
    },
  };
}

export class FakePeerConnection extends EventTarget {
  static readonly instances: FakePeerConnection[] = [];
  readonly config: RTCConfiguration;
  readonly transceivers: FakeTransceiver[] = [];
  readonly offers: { sdp: string; iceRestart: boolean }[] = [];
  localDescription: RTCSessionDescriptionInit | null = null;
  remoteDescription: RTCSessionDescriptionInit | null = null;
  signalingState: RTCSignalingState = 'stable';
  iceConnectionState: RTCIceConnectionState = 'new';
  closed = false;
  private counter = 0;

  constructor(config: RTCConfiguration = {}) {
    super();
    this.config = config;
    FakePeerConnection.instances.push(this);
  }

  addTransceiver(trackOrKind: FakeMediaStreamTrack | 'audio' | 'video', init: RTCRtpTransceiverInit = {}): FakeTransceiver {
    const kind = typeof trackOrKind === 'string' ? trackOrKind : trackOrKind.kind;
    const transceiver: FakeTransceiver = {
      mid: null,
      direction: init.direction ?? 'sendrecv',
      kind,
      sender: fakeSender(typeof trackOrKind === 'string' ? null : trackOrKind, init.sendEncodings ?? []),
      receiver: { track: new FakeMediaStreamTrack(kind) },
      sendEncodings: init.sendEncodings ?? [],
      codecPreferences: null,
      setCodecPreferences(codecs) {
        this.codecPreferences = codecs;
      },
    };
    this.transceivers.push(transceiver);
    return transceiver;
  }

  getTransceivers(): FakeTransceiver[] {
    return [...this.transceivers];
  }

  async createOffer(options: RTCOfferOptions = {}): Promise<RTCSessionDescriptionInit> {
    const sdp = `offer-${++this.counter}${options.iceRestart === true ? '-icerestart' : ''}`;
    this.offers.push({ sdp, iceRestart: options.iceRestart === true });
    return { type: 'offer', sdp };
  }

  async createAnswer(): Promise<RTCSessionDescriptionInit> {
    if (this.signalingState !== 'have-remote-offer') throw new DOMException('no remote offer', 'InvalidStateError');
    return { type: 'answer', sdp: `answer-${++this.counter}` };
  }

  async setLocalDescription(description: RTCSessionDescriptionInit): Promise<void> {
    if (description.type === 'rollback') {
      this.signalingState = 'stable';
      this.localDescription = null;
      return;
    }
    this.localDescription = description;
    if (description.type === 'offer') {
      this.signalingState = 'have-local-offer';
      this.transceivers.forEach((t, i) => {
        t.mid ??= String(i);
      });
    } else {
      this.signalingState = 'stable';
    }
  }

  async setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void> {
    this.remoteDescription = description;
    if (description.type === 'answer') {
      this.signalingState = 'stable';
      return;
    }
    this.signalingState = 'have-remote-offer';
    const parsed = JSON.parse(description.sdp ?? '{}') as { mids?: [string, 'audio' | 'video'][] };
    for (const [mid, kind] of parsed.mids ?? []) {
      if (this.transceivers.some((t) => t.mid === mid)) continue;
      const transceiver = this.addTransceiver(kind, { direction: 'recvonly' });
      transceiver.mid = mid;
      const event = Object.assign(new Event('track'), { transceiver, track: transceiver.receiver.track, streams: [] });
      this.dispatchEvent(event);
    }
  }

  setIceState(state: RTCIceConnectionState): void {
    this.iceConnectionState = state;
    this.dispatchEvent(new Event('iceconnectionstatechange'));
  }

  close(): void {
    this.closed = true;
    this.signalingState = 'closed';
  }
}

export function fakePeerConnectionFactory(): (config: RTCConfiguration) => RTCPeerConnection {
  return (config) => new FakePeerConnection(config) as unknown as RTCPeerConnection;
}

/** The fake SDP of a subscribe offer. */
export function subscribeSdp(mids: readonly [string, 'audio' | 'video'][]): string {
  return JSON.stringify({ mids });
}

/** A WebSocket stand-in installed as the global: the test opens instances and feeds them frames. */
export class FakeWebSocket {
  static readonly instances: FakeWebSocket[] = [];
  static readonly OPEN = 1;
  readonly url: string;
  readonly sent: { type: string; requestId?: number; [member: string]: unknown }[] = [];
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;

  constructor(url: string) {
    this.url = url;
    FakeWebSocket.instances.push(this);
  }

  send(data: string): void {
    this.sent.push(JSON.parse(data) as FakeWebSocket['sent'][number]);
  }

  close(): void {
    this.readyState = 3;
  }

  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }

  receive(message: Record<string, unknown>): void {
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(message) }));
  }

  last(type: string): FakeWebSocket['sent'][number] | undefined {
    return [...this.sent].reverse().find((m) => m.type === type);
  }

  reply(type: string, message: Record<string, unknown>): void {
    this.receive({ ...message, requestId: this.last(type)?.requestId });
  }

  drop(): void {
    this.readyState = 3;
    this.onclose?.(new CloseEvent('close', { code: 1006 }));
  }

  static latest(): FakeWebSocket {
    const socket = FakeWebSocket.instances[FakeWebSocket.instances.length - 1];
    if (socket === undefined) throw new Error('no WebSocket was opened');
    return socket;
  }
}
