import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IceWatchdog, type IceStateSource } from './ice-watchdog';

class FakeIce extends EventTarget implements IceStateSource {
  iceConnectionState: RTCIceConnectionState = 'new';
  set(state: RTCIceConnectionState): void {
    this.iceConnectionState = state;
    this.dispatchEvent(new Event('iceconnectionstatechange'));
  }
}

describe('IceWatchdog', () => {
  let ice: FakeIce;
  let restarts: number;
  let watchdog: IceWatchdog;

  beforeEach(() => {
    vi.useFakeTimers();
    ice = new FakeIce();
    restarts = 0;
    watchdog = new IceWatchdog(ice, { onRestartNeeded: () => (restarts += 1), disconnectedGraceMs: 3_000, minIntervalMs: 5_000 });
  });

  afterEach(() => {
    watchdog.dispose();
    vi.useRealTimers();
  });

  it('restarts at once when ICE fails', () => {
    ice.set('checking');
    ice.set('connected');
    ice.set('failed');
    vi.advanceTimersByTime(0);
    expect(restarts).toBe(1);
  });

  it('waits out a short disconnection', () => {
    ice.set('connected');
    ice.set('disconnected');
    vi.advanceTimersByTime(2_000);
    ice.set('connected');
    vi.advanceTimersByTime(10_000);
    expect(restarts).toBe(0);
  });

  it('restarts after a disconnection that lasts', () => {
    ice.set('connected');
    ice.set('disconnected');
    vi.advanceTimersByTime(2_999);
    expect(restarts).toBe(0);
    vi.advanceTimersByTime(1);
    expect(restarts).toBe(1);
  });

  it('spaces repeated restarts while the connection stays down', () => {
    ice.set('failed');
    vi.advanceTimersByTime(0);
    expect(restarts).toBe(1);
    vi.advanceTimersByTime(4_999);
    expect(restarts).toBe(1);
    vi.advanceTimersByTime(1);
    expect(restarts).toBe(2);
    ice.set('connected');
    vi.advanceTimersByTime(60_000);
    expect(restarts).toBe(2);
  });

  it('stops watching after dispose', () => {
    watchdog.dispose();
    ice.set('failed');
    vi.advanceTimersByTime(60_000);
    expect(restarts).toBe(0);
  });
});
