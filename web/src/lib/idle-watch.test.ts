import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IDLE_GRACE_MS, MIN_CHECK_INTERVAL_MS, startIdleWatch } from './idle-watch';

const MINUTE = 60_000;

/** A page whose last API exchange is `last`; `check` records its calls and counts as activity. */
function harness(idleMs: number) {
  let last = Date.now();
  const checks: number[] = [];
  const stop = startIdleWatch({
    idleMs,
    lastActivity: () => last,
    check: async () => {
      checks.push(Date.now());
      last = Date.now();
    },
  });
  return {
    checks,
    stop,
    activity() {
      last = Date.now();
    },
  };
}

describe('idle watch (S2.2)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date(2026, 0, 5, 9, 0, 0));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('S2_2_checks_the_session_once_the_idle_timeout_and_a_few_seconds_have_passed', async () => {
    const start = Date.now();
    const page = harness(30 * MINUTE);
    await vi.advanceTimersByTimeAsync(30 * MINUTE + IDLE_GRACE_MS - 1);
    expect(page.checks).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(page.checks).toEqual([start + 30 * MINUTE + IDLE_GRACE_MS]);
    page.stop();
  });

  it('S2_2_activity_pushes_the_check_back', async () => {
    const page = harness(10 * MINUTE);
    await vi.advanceTimersByTimeAsync(9 * MINUTE);
    page.activity();
    const active = Date.now();
    await vi.advanceTimersByTimeAsync(2 * MINUTE);
    expect(page.checks).toEqual([]); // the original deadline passed without a check
    await vi.advanceTimersByTimeAsync(8 * MINUTE + IDLE_GRACE_MS);
    expect(page.checks).toEqual([active + 10 * MINUTE + IDLE_GRACE_MS]);
    page.stop();
  });

  it('S2_2_checks_again_after_each_idle_period_while_the_session_lives', async () => {
    const page = harness(5 * MINUTE);
    await vi.advanceTimersByTimeAsync(3 * (5 * MINUTE + IDLE_GRACE_MS));
    expect(page.checks).toHaveLength(3);
    page.stop();
  });

  it('S2_2_never_checks_more_than_once_a_minute_even_with_a_one_minute_timeout', async () => {
    const page = harness(1 * MINUTE);
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    expect(page.checks.length).toBeGreaterThan(1);
    for (let i = 1; i < page.checks.length; i += 1) {
      expect((page.checks[i] ?? 0) - (page.checks[i - 1] ?? 0)).toBeGreaterThanOrEqual(MIN_CHECK_INTERVAL_MS);
    }
    page.stop();
  });

  it('keeps the one-minute spacing when a check fails and does not count as activity', async () => {
    const checks: number[] = [];
    const stop = startIdleWatch({
      idleMs: 1,
      graceMs: 0,
      lastActivity: () => 0,
      check: () => {
        checks.push(Date.now());
        return Promise.reject(new Error('network down'));
      },
    });
    await vi.advanceTimersByTimeAsync(3 * MINUTE);
    expect(checks).toHaveLength(4); // at once, then 1, 2 and 3 minutes later
    expect((checks[1] ?? 0) - (checks[0] ?? 0)).toBe(MIN_CHECK_INTERVAL_MS);
    stop();
  });

  it('stops for good', async () => {
    const page = harness(1 * MINUTE);
    page.stop();
    await vi.advanceTimersByTimeAsync(60 * MINUTE);
    expect(page.checks).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
