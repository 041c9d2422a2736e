// The participant's own media during the meeting: microphone, camera and screen share turned on
// and off, devices switched, the speaker chosen — all without rejoining. It owns the local
// tracks (handed over by the join) and reaches the publish connection and the server through
// ports the session provides. Operations on one control run one after the other (a toggle
// clicked twice while a device opens ends as last clicked); the three controls are independent
// (the screen picker may stay open while the microphone is toggled).
//
// - Microphone off: the track stays open but disabled (silence is sent; turning it on is
//   instant). Without a track (joined without one, device busy), turning it on opens one.
// - Camera off: the track is stopped (its light goes off) and the sender sends nothing; on, a new
//   track from the chosen camera replaces it (the section and its simulcast layers stay).
// - Screen: the browser's picker; a new section while sharing, inactive (and reused) after.
import type { MediaSource } from '../../lib/signaling/messages';
import { openDevice, type DeviceOutcome, type GetUserMedia, type MediaChoices, type MediaKind } from '../../lib/webrtc/media';
import type { SendOptions } from '../../lib/webrtc/publisher';
import { captureScreen, SCREEN_SEND_OPTIONS } from '../../lib/webrtc/screen-share';
import { browserMediaDevices, deviceIdOf, listDevices, live, NO_DEVICES, type DeviceLists, type MediaDevicesLike } from './devices';
import { readStoredMediaChoices, storeMediaChoices } from './media-choices';
import { canChooseSpeaker } from './test-tone';

/** The controls a participant has over their own media. */
export type LocalControl = 'microphone' | 'camera' | 'screen';

/** Which kind of device a menu switches (the values of MediaDeviceInfo.kind). */
export type SwitchableDevice = 'audioinput' | 'videoinput';

/** Our own media as the toolbar shows it (MeetingSnapshot.local). */
export interface LocalMediaState {
  /** The microphone is open and enabled: the others hear us. */
  readonly microphone: boolean;
  /** A camera track is open and sent (its light is on). */
  readonly camera: boolean;
  /** Our screen (or a window) is shared. */
  readonly screen: boolean;
  /** The chosen devices (null: the browser's default), remembered for the next meeting. */
  readonly microphoneId: string | null;
  readonly cameraId: string | null;
  /** Where remote sound plays (setSinkId); null: the default output. */
  readonly speakerId: string | null;
  /** The device the open track actually uses (a menu's check mark when the choice is the default). */
  readonly microphoneInUse: string | null;
  readonly cameraInUse: string | null;
  /** What we share, for a local preview; null when not sharing. */
  readonly screenStream: MediaStream | null;
  /** The devices the browser lists (empty until it allowed access). */
  readonly devices: DeviceLists;
  /** Opening a device, the picker, a renegotiation: the control's button shows it is working. */
  readonly pending: Readonly<Record<LocalControl, boolean>>;
  /** This browser can share a screen (desktop browsers; not phones). */
  readonly canShareScreen: boolean;
  /** This browser can send sound to a chosen output. */
  readonly canChooseSpeaker: boolean;
  /** The screen could not be captured (not a cancelled picker): the toolbar says so. */
  readonly screenFailed: boolean;
}

export const INITIAL_LOCAL_MEDIA: LocalMediaState = {
  microphone: false,
  camera: false,
  screen: false,
  microphoneId: null,
  cameraId: null,
  speakerId: null,
  microphoneInUse: null,
  cameraInUse: null,
  screenStream: null,
  devices: NO_DEVICES,
  pending: { microphone: false, camera: false, screen: false },
  canShareScreen: false,
  canChooseSpeaker: false,
  screenFailed: false,
};

/** What the session does for the local media. */
export interface LocalMediaPorts {
  /** Sends `track` as `source` on the publish connection (null: nothing); resolves once accepted. */
  send(source: MediaSource, track: MediaStreamTrack | null, options?: SendOptions): Promise<void>;
  /** Stops sending `source` (its section turns inactive); resolves once accepted. */
  unsend(source: MediaSource): Promise<void>;
  /** Tells the others (`mediaState`); false when the server refused (the session shows why). */
  announce(source: MediaSource, on: boolean): Promise<boolean>;
  /** What happened when a device was opened (the page explains a failure). */
  outcome(kind: MediaKind, outcome: DeviceOutcome): void;
  /** A renegotiation failed (the session shows the translated code). */
  problem(error: unknown): void;
  /** The state or the stream changed. */
  changed(): void;
}

export interface LocalMediaOptions {
  /** The pre-join choices: the devices asked for. */
  readonly choices: MediaChoices;
  readonly ports: LocalMediaPorts;
  /** Default: navigator.mediaDevices, read when needed. */
  readonly mediaDevices?: MediaDevicesLike | null;
}

/** live() without narrowing: a track that is not live may still be there (ended). */
function isOpen(track: MediaStreamTrack | null): boolean {
  return live(track);
}

export class LocalMediaControl {
  private readonly ports: LocalMediaPorts;
  private readonly devicesOverride: MediaDevicesLike | null | undefined;
  private choices: { microphoneId: string | null; cameraId: string | null; speakerId: string | null };
  private audioTrack: MediaStreamTrack | null = null;
  private videoTrack: MediaStreamTrack | null = null;
  private screenTrack: MediaStreamTrack | null = null;
  private screenStream: MediaStream | null = null;
  private screenFailed = false;
  private devices: DeviceLists = NO_DEVICES;
  private readonly pending: Record<LocalControl, number> = { microphone: 0, camera: 0, screen: 0 };
  private readonly queues: Record<LocalControl, Promise<unknown>>;
  private combined: MediaStream | null = null;
  private current: LocalMediaState = INITIAL_LOCAL_MEDIA;
  private adopted: (() => void) | null = null;
  private listening: MediaDevicesLike | null = null;
  private disposed = false;

  constructor(options: LocalMediaOptions) {
    this.ports = options.ports;
    this.devicesOverride = options.mediaDevices;
    const { microphoneId, cameraId, speakerId } = options.choices;
    this.choices = { microphoneId, cameraId, speakerId };
    // Nothing runs before the join's own tracks are here.
    const ready = new Promise<void>((resolve) => {
      this.adopted = resolve;
    });
    this.queues = { microphone: ready, camera: ready, screen: ready };
    this.current = this.compute();
  }

  get state(): LocalMediaState {
    return this.current;
  }

  /** Camera and microphone, for the self-view; a new object whenever a track changes. */
  get stream(): MediaStream | null {
    return this.combined;
  }

  private get mediaDevices(): MediaDevicesLike | null {
    return this.devicesOverride === undefined ? browserMediaDevices() : this.devicesOverride;
  }

  // ---- lifecycle ------------------------------------------------------------------------------

  /** Takes the tracks the join opened (null: none could be); the controls work from then on. */
  adopt(stream: MediaStream | null): void {
    if (this.disposed || this.adopted === null) return;
    this.audioTrack = stream?.getAudioTracks()[0] ?? null;
    this.videoTrack = stream?.getVideoTracks()[0] ?? null;
    this.combined = stream !== null && (this.audioTrack !== null || this.videoTrack !== null) ? stream : null;
    const devices = this.mediaDevices;
    if (devices !== null && typeof devices.addEventListener === 'function') {
      devices.addEventListener('devicechange', this.onDeviceChange);
      this.listening = devices;
    }
    this.adopted();
    this.adopted = null;
    this.emit();
    void this.refreshDevices();
  }

  /** Joined muted (the room asks it, or a chair's lock): the microphone stays open but silent. */
  silenceMicrophone(): void {
    if (this.audioTrack === null) return;
    this.audioTrack.enabled = false;
    this.emit();
  }

  /** Leaving: every track stops. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    // Whatever waits for the join's tracks runs now, and finds nothing to do.
    this.adopted?.();
    this.adopted = null;
    this.listening?.removeEventListener?.('devicechange', this.onDeviceChange);
    this.listening = null;
    this.screenTrack?.removeEventListener('ended', this.onScreenEnded);
    for (const track of [this.audioTrack, this.videoTrack, this.screenTrack]) track?.stop();
  }

  // ---- the controls ---------------------------------------------------------------------------

  /** Microphone on (opens one when there is none) or off (silence). False when it could not. */
  setMicrophone(on: boolean): Promise<boolean> {
    return this.enqueue('microphone', async () => {
      if (on && !isOpen(this.audioTrack)) {
        const track = await this.open('audio', this.choices.microphoneId);
        if (track === null) return false;
        this.audioTrack?.stop();
        this.audioTrack = track;
        this.emit();
        await this.send('microphone', track);
      }
      const track = this.audioTrack;
      if (track === null) return !on;
      track.enabled = on;
      this.emit();
      if (await this.ports.announce('microphone', on)) return true;
      // Refused (a chair's lock): silent again.
      if (on) {
        track.enabled = false;
        this.emit();
      }
      return false;
    });
  }

  /** Camera on (a new track from the chosen camera) or off (stopped, nothing sent). */
  setCamera(on: boolean): Promise<boolean> {
    return this.enqueue('camera', async () => {
      if (!on) {
        if (this.videoTrack === null) return true;
        this.videoTrack.stop();
        this.videoTrack = null;
        this.emit();
        await this.send('camera', null);
        await this.ports.announce('camera', false);
        return true;
      }
      if (live(this.videoTrack)) return true;
      const track = await this.open('video', this.choices.cameraId);
      if (track === null) return false;
      this.videoTrack = track;
      this.emit();
      await this.send('camera', track);
      await this.ports.announce('camera', true);
      return true;
    });
  }

  /** Another microphone or camera, now (when open) and for the next meeting. */
  switchDevice(kind: SwitchableDevice, deviceId: string): Promise<boolean> {
    if (kind === 'audioinput') {
      return this.enqueue('microphone', async () => {
        this.remember({ microphoneId: deviceId });
        const old = this.audioTrack;
        if (!live(old) || deviceIdOf(old) === deviceId) return true;
        const track = await this.open('audio', deviceId);
        if (track === null) return false;
        track.enabled = old.enabled;
        this.audioTrack = track;
        old.stop();
        this.emit();
        await this.send('microphone', track);
        return true;
      });
    }
    return this.enqueue('camera', async () => {
      this.remember({ cameraId: deviceId });
      const old = this.videoTrack;
      if (!live(old) || deviceIdOf(old) === deviceId) return true;
      // The old camera first: many cannot be opened twice, and phones cannot open two at once.
      old.stop();
      this.videoTrack = null;
      this.emit();
      const track = await this.open('video', deviceId);
      this.videoTrack = track;
      this.emit();
      await this.send('camera', track);
      if (track === null) await this.ports.announce('camera', false);
      return track !== null;
    });
  }

  /** Where remote sound plays (null: the default output); remembered for the next meeting. */
  setSpeaker(deviceId: string | null): void {
    this.remember({ speakerId: deviceId });
  }

  /** Opens the browser's picker and shares what is chosen. False when cancelled or refused. */
  startScreenShare(): Promise<boolean> {
    return this.enqueue('screen', async () => {
      if (this.screenTrack !== null) return true;
      const devices = this.mediaDevices;
      const getDisplayMedia = devices?.getDisplayMedia;
      if (typeof getDisplayMedia !== 'function') return false;
      this.screenFailed = false;
      this.emit();
      const capture = await captureScreen((options) => getDisplayMedia.call(devices, options));
      if ('cancelled' in capture) return false;
      if ('failed' in capture) {
        this.screenFailed = true;
        return false;
      }
      const { track } = capture;
      if (this.disposed) {
        track.stop();
        return false;
      }
      // The browser's own "Stop sharing" ends the track.
      track.addEventListener('ended', this.onScreenEnded);
      this.screenTrack = track;
      this.screenStream = new MediaStream([track]);
      this.emit();
      try {
        await this.ports.send('screen', track, SCREEN_SEND_OPTIONS);
      } catch (error: unknown) {
        // Refused (no shareContent permission): the session shows why.
        this.ports.problem(error);
        await this.releaseScreen();
        return false;
      }
      if (await this.ports.announce('screen', true)) return true;
      await this.releaseScreen();
      return false;
    });
  }

  stopScreenShare(): Promise<boolean> {
    return this.enqueue('screen', async () => {
      if (this.screenTrack === null) return true;
      await this.releaseScreen();
      await this.ports.announce('screen', false);
      return true;
    });
  }

  /** A chair turned our microphone off (mute, mute all): silent, and the others are told. */
  forceMicrophoneOff(): Promise<boolean> {
    return this.setMicrophone(false);
  }

  // ---- internals ------------------------------------------------------------------------------

  private enqueue(control: LocalControl, operation: () => Promise<boolean>): Promise<boolean> {
    const run = async (): Promise<boolean> => {
      if (this.disposed) return false;
      this.pending[control] += 1;
      this.emit();
      try {
        return await operation();
      } finally {
        this.pending[control] -= 1;
        this.emit();
      }
    };
    const result = this.queues[control].then(run, run);
    this.queues[control] = result.catch(() => undefined);
    return result.catch((error: unknown) => {
      this.ports.problem(error);
      return false;
    });
  }

  /** Opens a device (the chosen one, else the default); the page is told what happened. */
  private async open(kind: MediaKind, deviceId: string | null): Promise<MediaStreamTrack | null> {
    const devices = this.mediaDevices;
    const getUserMedia = devices?.getUserMedia;
    if (typeof getUserMedia !== 'function') {
      this.ports.outcome(kind, 'unsupported');
      return null;
    }
    const call: GetUserMedia = (constraints) => getUserMedia.call(devices, constraints);
    const [track, outcome] = await openDevice(call, kind, deviceId);
    if (this.disposed) {
      track?.stop();
      return null;
    }
    this.ports.outcome(kind, outcome);
    // The first permission reveals the devices' names and IDs.
    if (track !== null && this.devices.microphones.length + this.devices.cameras.length === 0) void this.refreshDevices();
    return track;
  }

  /** Sends through the session; a refusal is shown, the local state stays as the participant chose. */
  private async send(source: MediaSource, track: MediaStreamTrack | null): Promise<void> {
    try {
      await this.ports.send(source, track);
    } catch (error: unknown) {
      this.ports.problem(error);
    }
  }

  private async releaseScreen(): Promise<void> {
    const track = this.screenTrack;
    if (track === null) return;
    track.removeEventListener('ended', this.onScreenEnded);
    track.stop();
    this.screenTrack = null;
    this.screenStream = null;
    this.emit();
    try {
      await this.ports.unsend('screen');
    } catch (error: unknown) {
      this.ports.problem(error);
    }
  }

  private readonly onScreenEnded = (): void => {
    void this.stopScreenShare();
  };

  private remember(patch: Partial<Pick<MediaChoices, 'microphoneId' | 'cameraId' | 'speakerId'>>): void {
    this.choices = { ...this.choices, ...patch };
    storeMediaChoices({ ...readStoredMediaChoices(), ...patch });
    this.emit();
  }

  private async refreshDevices(): Promise<void> {
    const lists = await listDevices(this.mediaDevices);
    if (lists === null || this.disposed) return;
    this.devices = lists;
    this.emit();
  }

  /** A device was plugged in or out: new lists; a microphone or camera that went away is replaced. */
  private readonly onDeviceChange = (): void => {
    void this.refreshDevices();
    if (this.audioTrack !== null && !isOpen(this.audioTrack)) {
      void this.enqueue('microphone', async () => {
        const old = this.audioTrack;
        if (old === null || isOpen(old)) return true;
        const track = await this.open('audio', this.choices.microphoneId);
        if (track === null) return false;
        track.enabled = old.enabled;
        this.audioTrack = track;
        this.emit();
        await this.send('microphone', track);
        return true;
      });
    }
    if (this.videoTrack !== null && !isOpen(this.videoTrack)) {
      void this.enqueue('camera', async () => {
        const old = this.videoTrack;
        if (old === null || isOpen(old)) return true;
        const track = await this.open('video', this.choices.cameraId);
        this.videoTrack = track;
        this.emit();
        await this.send('camera', track);
        if (track === null) await this.ports.announce('camera', false);
        return track !== null;
      });
    }
  };

  private compute(): LocalMediaState {
    const devices = this.mediaDevices;
    return {
      microphone: live(this.audioTrack) && this.audioTrack.enabled,
      camera: live(this.videoTrack),
      screen: this.screenTrack !== null,
      ...this.choices,
      microphoneInUse: deviceIdOf(this.audioTrack),
      cameraInUse: deviceIdOf(this.videoTrack),
      screenStream: this.screenStream,
      devices: this.devices,
      pending: { microphone: this.pending.microphone > 0, camera: this.pending.camera > 0, screen: this.pending.screen > 0 },
      canShareScreen: typeof devices?.getDisplayMedia === 'function',
      canChooseSpeaker: canChooseSpeaker(),
      screenFailed: this.screenFailed,
    };
  }

  private emit(): void {
    if (this.disposed) return;
    const tracks = [this.videoTrack, this.audioTrack].filter((track): track is MediaStreamTrack => track !== null);
    const shown = this.combined?.getTracks() ?? [];
    const same = shown.length === tracks.length && tracks.every((track) => shown.includes(track));
    // A new stream object when a track changes: the self-view's <video> is bound to it again.
    if (!same) this.combined = tracks.length === 0 ? null : new MediaStream(tracks);
    this.current = this.compute();
    this.ports.changed();
  }
}
