// Fakes of the browser's capture devices and Web Audio, enough for the pre-join screen to run in
// jsdom: navigator.mediaDevices over a list of devices (getUserMedia honours exact deviceIds and
// configured failures, enumerateDevices hides IDs and names until permission, devicechange),
// an AudioContext whose analysers report a level the test sets, and animation frames the test
// runs one at a time.
import { vi } from 'vitest';
import { FakeMediaStream, FakeMediaStreamTrack } from './fake-webrtc';

export interface FakeDevice {
  readonly deviceId: string;
  readonly kind: MediaDeviceKind;
  readonly label: string;
}

export const MIC_1: FakeDevice = { deviceId: 'mic-1', kind: 'audioinput', label: 'Micrô tích hợp' };
export const MIC_2: FakeDevice = { deviceId: 'mic-2', kind: 'audioinput', label: 'Tai nghe USB' };
export const CAM_1: FakeDevice = { deviceId: 'cam-1', kind: 'videoinput', label: 'Camera tích hợp' };
export const CAM_2: FakeDevice = { deviceId: 'cam-2', kind: 'videoinput', label: 'Camera USB' };
export const SPEAKER_1: FakeDevice = { deviceId: 'spk-1', kind: 'audiooutput', label: 'Loa tích hợp' };
export const SPEAKER_2: FakeDevice = { deviceId: 'spk-2', kind: 'audiooutput', label: 'Tai nghe USB (loa)' };

function kindOf(media: 'audio' | 'video'): MediaDeviceKind {
  return media === 'audio' ? 'audioinput' : 'videoinput';
}

function exactId(constraint: boolean | MediaTrackConstraints | undefined): string | null {
  if (typeof constraint !== 'object') return null;
  const { deviceId } = constraint;
  if (typeof deviceId === 'object' && deviceId !== null && !Array.isArray(deviceId) && 'exact' in deviceId) {
    return String(deviceId.exact);
  }
  return null;
}

export class FakeMediaDevices extends EventTarget {
  devices: FakeDevice[];
  /** Every getUserMedia call's constraints, in order. */
  readonly requests: MediaStreamConstraints[] = [];
  /** Every track handed out, in order. */
  readonly tracks: FakeMediaStreamTrack[] = [];
  /** An error name thrown when that kind is asked for (NotAllowedError, NotReadableError, …). */
  failures: Partial<Record<'audio' | 'video', string>> = {};
  /** Every getDisplayMedia call's options, in order. */
  readonly displayRequests: DisplayMediaStreamOptions[] = [];
  /** An error name thrown by getDisplayMedia (NotAllowedError: the user cancelled the picker). */
  displayFailure: string | null = null;
  /** Set by the first successful getUserMedia: from then on enumerateDevices shows IDs and names. */
  granted = false;

  constructor(devices: readonly FakeDevice[] = [MIC_1, MIC_2, CAM_1, CAM_2, SPEAKER_1, SPEAKER_2]) {
    super();
    this.devices = [...devices];
  }

  readonly getUserMedia = vi.fn(async (constraints: MediaStreamConstraints): Promise<MediaStream> => {
    this.requests.push(constraints);
    const kinds = (['video', 'audio'] as const).filter((kind) => constraints[kind] !== undefined && constraints[kind] !== false);
    if (kinds.length === 0) throw new TypeError('no kind asked for');
    const tracks: FakeMediaStreamTrack[] = [];
    for (const kind of kinds) {
      const failure = this.failures[kind];
      if (failure !== undefined) throw new DOMException(`${kind} refused`, failure);
      const wanted = exactId(constraints[kind]);
      const candidates = this.devices.filter((device) => device.kind === kindOf(kind));
      const device = wanted === null ? candidates[0] : candidates.find((candidate) => candidate.deviceId === wanted);
      if (device === undefined) throw new DOMException('no such device', wanted === null ? 'NotFoundError' : 'OverconstrainedError');
      tracks.push(new FakeMediaStreamTrack(kind, { deviceId: device.deviceId, label: device.label }));
    }
    this.granted = true;
    this.tracks.push(...tracks);
    return new FakeMediaStream(tracks) as unknown as MediaStream;
  });

  /** The screen picker: one video track ("screen:0"), or `displayFailure`. */
  readonly getDisplayMedia = vi.fn(async (options: DisplayMediaStreamOptions = {}): Promise<MediaStream> => {
    this.displayRequests.push(options);
    if (this.displayFailure !== null) throw new DOMException('display refused', this.displayFailure);
    const track = new FakeMediaStreamTrack('video', { label: 'screen:0' });
    this.tracks.push(track);
    return new FakeMediaStream([track]) as unknown as MediaStream;
  });

  async enumerateDevices(): Promise<MediaDeviceInfo[]> {
    return this.devices.map(
      (device) =>
        ({
          deviceId: this.granted ? device.deviceId : '',
          groupId: '',
          kind: device.kind,
          label: this.granted ? device.label : '',
        }) as MediaDeviceInfo,
    );
  }

  /** Plugs or unplugs: the new list, tracks of devices that went away end, then devicechange. */
  setDevices(devices: readonly FakeDevice[]): void {
    this.devices = [...devices];
    for (const track of this.tracks) {
      if (!devices.some((device) => device.deviceId === track.deviceId)) track.readyState = 'ended';
    }
    this.dispatchEvent(new Event('devicechange'));
  }

  /** The tracks of `kind` still live (not stopped). */
  live(kind: 'audio' | 'video'): FakeMediaStreamTrack[] {
    return this.tracks.filter((track) => track.kind === kind && track.readyState === 'live');
  }

  /** Installs this as navigator.mediaDevices (and FakeMediaStream as MediaStream); returns the remover. */
  install(): () => void {
    vi.stubGlobal('MediaStream', FakeMediaStream);
    Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: this });
    return () => {
      Reflect.deleteProperty(navigator, 'mediaDevices');
    };
  }
}

export class FakeAudioParam {
  value = 0;
  readonly events: [string, number, number][] = [];
  setValueAtTime(value: number, time: number): this {
    this.events.push(['set', value, time]);
    return this;
  }
  linearRampToValueAtTime(value: number, time: number): this {
    this.events.push(['linear', value, time]);
    return this;
  }
  exponentialRampToValueAtTime(value: number, time: number): this {
    this.events.push(['exponential', value, time]);
    return this;
  }
}

class FakeAudioNode {
  readonly connections: unknown[] = [];
  disconnected = false;
  connect(destination: unknown): unknown {
    this.connections.push(destination);
    return destination;
  }
  disconnect(): void {
    this.disconnected = true;
  }
}

export class FakeAnalyserNode extends FakeAudioNode {
  fftSize = 2048;
  /** The peak of the square wave the analyser reports (its RMS too): 0 is silence, 1 full scale. */
  amplitude = 0;
  getFloatTimeDomainData(array: Float32Array): void {
    for (let i = 0; i < array.length; i++) array[i] = i % 2 === 0 ? this.amplitude : -this.amplitude;
  }
}

export class FakeOscillatorNode extends FakeAudioNode {
  type: OscillatorType = 'sine';
  readonly frequency = new FakeAudioParam();
  started: number | null = null;
  stopped: number | null = null;
  start(when = 0): void {
    this.started = when;
  }
  stop(when = 0): void {
    this.stopped = when;
  }
}

export class FakeGainNode extends FakeAudioNode {
  readonly gain = new FakeAudioParam();
}

export class FakeAudioContext extends EventTarget {
  static readonly instances: FakeAudioContext[] = [];
  state: AudioContextState = 'running';
  currentTime = 0;
  readonly sources: (FakeAudioNode & { stream: FakeMediaStream })[] = [];
  readonly analysers: FakeAnalyserNode[] = [];
  readonly oscillators: FakeOscillatorNode[] = [];
  readonly destinations: { stream: FakeMediaStream }[] = [];

  constructor() {
    super();
    FakeAudioContext.instances.push(this);
  }

  createMediaStreamSource(stream: FakeMediaStream): FakeAudioNode & { stream: FakeMediaStream } {
    const source = Object.assign(new FakeAudioNode(), { stream });
    this.sources.push(source);
    return source;
  }

  createAnalyser(): FakeAnalyserNode {
    const analyser = new FakeAnalyserNode();
    this.analysers.push(analyser);
    return analyser;
  }

  createOscillator(): FakeOscillatorNode {
    const oscillator = new FakeOscillatorNode();
    this.oscillators.push(oscillator);
    return oscillator;
  }

  createGain(): FakeGainNode {
    return new FakeGainNode();
  }

  createMediaStreamDestination(): FakeAudioNode & { stream: FakeMediaStream } {
    const destination = Object.assign(new FakeAudioNode(), { stream: new FakeMediaStream([new FakeMediaStreamTrack('audio')]) });
    this.destinations.push(destination);
    return destination;
  }

  async resume(): Promise<void> {
    this.state = 'running';
  }

  async close(): Promise<void> {
    this.state = 'closed';
    this.dispatchEvent(new Event('statechange'));
  }

  /** Installs FakeAudioContext as the global AudioContext (instances cleared). */
  static install(): void {
    FakeAudioContext.instances.length = 0;
    vi.stubGlobal('AudioContext', FakeAudioContext);
  }

  static latest(): FakeAudioContext {
    const context = FakeAudioContext.instances[FakeAudioContext.instances.length - 1];
    if (context === undefined) throw new Error('no AudioContext was made');
    return context;
  }
}

/** requestAnimationFrame under the test's control: `run()` runs the frames asked for so far. */
export function fakeAnimationFrames(): { run(): void; pending(): number } {
  let callbacks = new Map<number, FrameRequestCallback>();
  let next = 1;
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => {
    const handle = next++;
    callbacks.set(handle, callback);
    return handle;
  });
  vi.stubGlobal('cancelAnimationFrame', (handle: number) => {
    callbacks.delete(handle);
  });
  return {
    run() {
      const due = callbacks;
      callbacks = new Map();
      for (const callback of due.values()) callback(performance.now());
    },
    pending: () => callbacks.size,
  };
}
