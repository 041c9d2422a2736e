// Watches a peer connection's ICE state and asks for an ICE restart when it is `failed`, or
// `disconnected` for longer than a grace delay (a short disconnection often heals by itself).
// Restarts are spaced by at least `minIntervalMs` so that a dead network does not cause a storm.

export interface IceWatchdogOptions {
  readonly onRestartNeeded: () => void;
  /** How long `disconnected` may last before a restart. */
  readonly disconnectedGraceMs?: number;
  readonly minIntervalMs?: number;
}

/** The part of RTCPeerConnection the watchdog uses (a fake in tests). */
export interface IceStateSource {
  readonly iceConnectionState: RTCIceConnectionState;
  addEventListener(type: 'iceconnectionstatechange', listener: () => void): void;
  removeEventListener(type: 'iceconnectionstatechange', listener: () => void): void;
}

export class IceWatchdog {
  private readonly pc: IceStateSource;
  private readonly onRestartNeeded: () => void;
  private readonly graceMs: number;
  private readonly minIntervalMs: number;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastRestartAt = Number.NEGATIVE_INFINITY;
  private readonly listener = () => this.check();

  constructor(pc: IceStateSource, options: IceWatchdogOptions) {
    this.pc = pc;
    this.onRestartNeeded = options.onRestartNeeded;
    this.graceMs = options.disconnectedGraceMs ?? 3_000;
    this.minIntervalMs = options.minIntervalMs ?? 5_000;
    pc.addEventListener('iceconnectionstatechange', this.listener);
  }

  /** True when the connection is unusable now (failed or disconnected). */
  get unhealthy(): boolean {
    const state = this.pc.iceConnectionState;
    return state === 'failed' || state === 'disconnected';
  }

  /** Re-evaluates now (also after the signalling channel came back). */
  check(): void {
    const state = this.pc.iceConnectionState;
    if (state === 'failed') {
      this.arm(0);
    } else if (state === 'disconnected') {
      if (this.timer === null) this.arm(this.graceMs);
    } else {
      this.disarm();
    }
  }

  dispose(): void {
    this.disarm();
    this.pc.removeEventListener('iceconnectionstatechange', this.listener);
  }

  private arm(delayMs: number): void {
    this.disarm();
    const sinceLast = Date.now() - this.lastRestartAt;
    const delay = Math.max(delayMs, this.minIntervalMs - sinceLast);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.unhealthy) return;
      this.lastRestartAt = Date.now();
      this.onRestartNeeded();
      // Still unhealthy after the restart's own checks: try again (spaced by minIntervalMs).
      this.arm(this.graceMs);
    }, Math.max(0, delay));
  }

  private disarm(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
