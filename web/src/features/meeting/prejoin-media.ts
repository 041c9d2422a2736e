// The pre-join screen's camera and microphone: the preview stream, the device lists, the chosen
// devices and on-off state. Opening, switching and closing devices run one after the other (a
// switch waits for the open before it), so the preview always ends up as last chosen. On join
// the tracks are handed over to the meeting session, which publishes them: the camera is never
// opened twice. Otherwise dispose() stops them.
import {
  acquireLocalMedia,
  openDevice,
  type DeviceOutcome,
  type GetUserMedia,
  type LocalMedia,
  type MediaChoices,
  type MediaKind,
} from '../../lib/webrtc/media';
import { browserMediaDevices, deviceIdOf, listDevices, live, NO_DEVICES, type DeviceLists, type MediaDevicesLike } from './devices';

export type { DeviceLists, DeviceOption, MediaDevicesLike } from './devices';

export interface PrejoinMediaSnapshot {
  /** The camera (when on) and microphone tracks; null when there is neither. */
  readonly stream: MediaStream | null;
  readonly videoTrack: MediaStreamTrack | null;
  readonly audioTrack: MediaStreamTrack | null;
  /** Null until first asked for (the camera: also while it is off and was never asked for). */
  readonly video: DeviceOutcome | null;
  readonly audio: DeviceOutcome | null;
  /** A camera is being opened (first time, switched, turned on). */
  readonly cameraStarting: boolean;
  readonly choices: MediaChoices;
  readonly devices: DeviceLists;
  /** The device each track actually uses (what a picker shows when the choice is the default). */
  readonly cameraInUse: string | null;
  readonly microphoneInUse: string | null;
}

export interface PrejoinMediaOptions {
  readonly choices: MediaChoices;
  /** Called with every change of choices (to remember them). */
  readonly onChoices?: (choices: MediaChoices) => void;
  /** Default: navigator.mediaDevices (absent on plain http and in old browsers). */
  readonly mediaDevices?: MediaDevicesLike | null;
}

/** The snapshot before anything was asked for. */
export function initialPrejoinSnapshot(choices: MediaChoices): PrejoinMediaSnapshot {
  return {
    stream: null,
    videoTrack: null,
    audioTrack: null,
    video: null,
    audio: null,
    cameraStarting: choices.cameraOn,
    choices,
    devices: NO_DEVICES,
    cameraInUse: null,
    microphoneInUse: null,
  };
}

export class PrejoinMedia {
  private readonly getUserMedia: GetUserMedia | null;
  private readonly mediaDevices: MediaDevicesLike | null;
  private readonly onChoices: (choices: MediaChoices) => void;
  private readonly listeners = new Set<() => void>();
  private choices: MediaChoices;
  private videoTrack: MediaStreamTrack | null = null;
  private audioTrack: MediaStreamTrack | null = null;
  private video: DeviceOutcome | null = null;
  private audio: DeviceOutcome | null = null;
  private cameraStarting = false;
  private devices: DeviceLists = NO_DEVICES;
  private stream: MediaStream | null = null;
  private snapshot: PrejoinMediaSnapshot;
  private queue: Promise<void> = Promise.resolve();
  private started = false;
  /** Handed over to the meeting: the tracks are no longer ours to stop. */
  private handedOver: Promise<LocalMedia> | null = null;
  /** Disposed without a handover: whatever opens from now on is stopped at once. */
  private released = false;

  constructor(options: PrejoinMediaOptions) {
    this.choices = options.choices;
    this.onChoices = options.onChoices ?? (() => undefined);
    const devices = options.mediaDevices === undefined ? browserMediaDevices() : options.mediaDevices;
    this.mediaDevices = devices;
    const getUserMedia = devices?.getUserMedia;
    this.getUserMedia = typeof getUserMedia === 'function' ? (constraints) => getUserMedia.call(devices, constraints) : null;
    this.snapshot = initialPrejoinSnapshot(this.choices);
  }

  // ---- for React ------------------------------------------------------------------------------

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  readonly getSnapshot = (): PrejoinMediaSnapshot => this.snapshot;

  private get active(): boolean {
    return this.handedOver === null && !this.released;
  }

  private emit(): void {
    const tracks = [this.videoTrack, this.audioTrack].filter((track): track is MediaStreamTrack => track !== null);
    const previous = this.snapshot;
    const sameTracks =
      previous.stream !== null && previous.videoTrack === this.videoTrack && previous.audioTrack === this.audioTrack;
    // A new stream object when a track changes: the <video> element is re-bound to it.
    if (!sameTracks) this.stream = tracks.length === 0 ? null : new MediaStream(tracks);
    this.snapshot = {
      stream: this.stream,
      videoTrack: this.videoTrack,
      audioTrack: this.audioTrack,
      video: this.video,
      audio: this.audio,
      cameraStarting: this.cameraStarting,
      choices: this.choices,
      devices: this.devices,
      cameraInUse: deviceIdOf(this.videoTrack),
      microphoneInUse: deviceIdOf(this.audioTrack),
    };
    for (const listener of [...this.listeners]) listener();
  }

  // ---- lifecycle ------------------------------------------------------------------------------

  /** Asks for the camera (when on) and the microphone, then lists the devices. */
  start(): void {
    if (this.started || !this.active) return;
    this.started = true;
    this.mediaDevices?.addEventListener?.('devicechange', this.onDeviceChange);
    this.cameraStarting = this.choices.cameraOn;
    this.emit();
    this.enqueue(async () => {
      await this.openMissing();
      await this.refreshDevices();
    });
  }

  /**
   * The meeting takes the tracks (once whatever was being opened is open): nothing more is
   * opened or stopped here. Resolves to what the session publishes.
   */
  handOver(): Promise<LocalMedia> {
    if (this.handedOver !== null) return this.handedOver;
    if (this.released) return Promise.resolve({ stream: null, video: 'busy', audio: 'busy' });
    this.mediaDevices?.removeEventListener?.('devicechange', this.onDeviceChange);
    const handedOver = this.queue.then(() => ({
      stream: this.stream,
      video: this.choices.cameraOn ? (this.video ?? 'unavailable') : 'ok',
      audio: this.audio ?? 'unavailable',
    }));
    this.handedOver = handedOver;
    return handedOver;
  }

  /** Leaving the pre-join screen: stops the tracks unless they were handed over. */
  dispose(): void {
    this.listeners.clear();
    if (this.handedOver !== null || this.released) return;
    this.released = true;
    this.mediaDevices?.removeEventListener?.('devicechange', this.onDeviceChange);
    this.videoTrack?.stop();
    this.audioTrack?.stop();
  }

  // ---- the participant's choices --------------------------------------------------------------

  setMicrophoneOn(on: boolean): void {
    if (!this.active) return;
    this.choose({ microphoneOn: on });
    if (this.audioTrack !== null) this.audioTrack.enabled = on;
    this.emit();
  }

  setCameraOn(on: boolean): void {
    if (!this.active) return;
    this.choose({ cameraOn: on });
    if (!on) {
      // At once, not after what is queued: the light goes off when the button says so.
      this.videoTrack?.stop();
      this.videoTrack = null;
      this.cameraStarting = false;
    }
    this.emit();
    this.enqueue(() => this.syncCamera());
  }

  selectMicrophone(deviceId: string | null): void {
    if (!this.active) return;
    this.choose({ microphoneId: deviceId });
    this.emit();
    this.enqueue(() => this.syncMicrophone());
  }

  selectCamera(deviceId: string | null): void {
    if (!this.active) return;
    this.choose({ cameraId: deviceId });
    this.emit();
    this.enqueue(() => this.syncCamera());
  }

  selectSpeaker(deviceId: string | null): void {
    if (!this.active) return;
    this.choose({ speakerId: deviceId });
    this.emit();
  }

  /** Asks again for what is missing (after the participant allowed it, plugged it in, closed the other app). */
  retry(): void {
    if (!this.active) return;
    this.enqueue(async () => {
      await this.openMissing();
      await this.refreshDevices();
    });
  }

  private choose(patch: Partial<MediaChoices>): void {
    this.choices = { ...this.choices, ...patch };
    this.onChoices(this.choices);
  }

  // ---- devices --------------------------------------------------------------------------------

  private enqueue(operation: () => Promise<void>): void {
    this.queue = this.queue.then(() => (this.released ? undefined : operation())).catch(() => undefined);
  }

  /** Opens the microphone and (when on) the camera if they are not open: one prompt for both. */
  private async openMissing(): Promise<void> {
    const needVideo = this.choices.cameraOn && !live(this.videoTrack);
    const needAudio = !live(this.audioTrack);
    if (!needAudio) {
      if (needVideo) await this.syncCamera();
      return;
    }
    if (this.getUserMedia === null) {
      this.video = 'unsupported';
      this.audio = 'unsupported';
      this.cameraStarting = false;
      this.emit();
      return;
    }
    if (needVideo) this.cameraStarting = true;
    this.emit();
    const media = await acquireLocalMedia(this.getUserMedia, { ...this.choices, cameraOn: needVideo });
    const tracks = media.stream?.getTracks() ?? [];
    if (this.released) {
      for (const track of tracks) track.stop();
      return;
    }
    const audioTrack = tracks.find((track) => track.kind === 'audio') ?? null;
    let videoTrack = tracks.find((track) => track.kind === 'video') ?? null;
    if (videoTrack !== null && !this.choices.cameraOn) {
      // Turned off while it was opening.
      videoTrack.stop();
      videoTrack = null;
    }
    this.audio = media.audio;
    this.setAudioTrack(audioTrack);
    if (needVideo) {
      this.video = media.video;
      this.videoTrack = videoTrack;
      this.cameraStarting = false;
    }
    this.emit();
    // Switched to another device while this was opening: the queued sync that follows sees to it.
  }

  private setAudioTrack(track: MediaStreamTrack | null): void {
    if (track !== null) track.enabled = this.choices.microphoneOn;
    this.audioTrack = track;
  }

  /** Makes the camera track match the choices: stopped when off, the chosen device when on. */
  private async syncCamera(): Promise<void> {
    const { cameraOn, cameraId } = this.choices;
    if (!cameraOn) {
      this.videoTrack?.stop();
      this.videoTrack = null;
      this.cameraStarting = false;
      this.emit();
      return;
    }
    if (live(this.videoTrack) && (cameraId === null || deviceIdOf(this.videoTrack) === cameraId)) return;
    if (this.getUserMedia === null) return;
    // The old camera first: many cannot be opened twice, and phones cannot open two at once.
    this.videoTrack?.stop();
    this.videoTrack = null;
    this.cameraStarting = true;
    this.emit();
    const [track, outcome] = await openDevice(this.getUserMedia, 'video', cameraId);
    if (this.released) {
      track?.stop();
      return;
    }
    this.cameraStarting = false;
    if (this.choices.cameraOn) {
      this.videoTrack = track;
      this.video = outcome;
    } else {
      // Turned off while it was opening.
      track?.stop();
    }
    this.emit();
    await this.refreshDevicesIfHidden('video');
  }

  /** Makes the microphone track the chosen device (it stays open while muted). */
  private async syncMicrophone(): Promise<void> {
    const { microphoneId } = this.choices;
    if (live(this.audioTrack) && (microphoneId === null || deviceIdOf(this.audioTrack) === microphoneId)) return;
    if (this.getUserMedia === null) return;
    this.audioTrack?.stop();
    this.audioTrack = null;
    this.emit();
    const [track, outcome] = await openDevice(this.getUserMedia, 'audio', microphoneId);
    if (this.released) {
      track?.stop();
      return;
    }
    this.setAudioTrack(track);
    this.audio = outcome;
    this.emit();
    await this.refreshDevicesIfHidden('audio');
  }

  /** The first permission for a kind reveals its device names and IDs: list them again. */
  private async refreshDevicesIfHidden(kind: MediaKind): Promise<void> {
    const list = kind === 'video' ? this.devices.cameras : this.devices.microphones;
    if (list.length === 0 || list.some((device) => device.label === '')) await this.refreshDevices();
  }

  private async refreshDevices(): Promise<void> {
    const lists = await listDevices(this.mediaDevices);
    if (lists === null || this.released) return;
    this.devices = lists;
    this.emit();
  }

  /** A device was plugged in or out: new lists; a track whose device went away is replaced. */
  private readonly onDeviceChange = (): void => {
    if (!this.active) return;
    this.enqueue(async () => {
      await this.refreshDevices();
      if (this.audioTrack !== null && !live(this.audioTrack)) {
        this.audioTrack = null;
        await this.syncMicrophone();
      }
      if (this.videoTrack !== null && !live(this.videoTrack)) {
        this.videoTrack = null;
        await this.syncCamera();
      }
    });
  };
}
