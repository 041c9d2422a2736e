// Notices when the server has probably signed an idle session out (S2.2). The server ends a session
// after `idleMinutes` without a request, but says so only when the next request arrives: a page
// left open would go on showing a signed-in user. So once this page has made no API call for the
// idle time plus a few seconds, `check` re-reads the session (the session layer then shows the
// sign-in form if it has ended). Activity in between pushes the check back; two checks are never
// less than a minute apart, whatever the timeout.

export const IDLE_GRACE_MS = 5_000;
export const MIN_CHECK_INTERVAL_MS = 60_000;

export interface IdleWatchOptions {
  /** The server's idle timeout. */
  readonly idleMs: number;
  /** Unix ms of this page's last exchange with the server. */
  readonly lastActivity: () => number;
  /** Re-reads the session; its own request counts as activity. Failures are ignored. */
  readonly check: () => Promise<void>;
  /** Added to the timeout so that the server's clock has surely passed it (default 5 s). */
  readonly graceMs?: number;
}

/** Starts watching; returns the function that stops it. Uses setTimeout and Date.now. */
export function startIdleWatch({ idleMs, lastActivity, check, graceMs = IDLE_GRACE_MS }: IdleWatchOptions): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let lastCheck = Number.NEGATIVE_INFINITY;

  const deadline = () => lastActivity() + idleMs + graceMs;

  function schedule() {
    if (stopped) return;
    const due = Math.max(deadline(), lastCheck + MIN_CHECK_INTERVAL_MS);
    timer = setTimeout(fire, Math.max(0, due - Date.now()));
  }

  function fire() {
    timer = undefined;
    if (stopped) return;
    // A request since the timer was set moved the deadline: wait for the new one.
    if (Date.now() < deadline()) {
      schedule();
      return;
    }
    lastCheck = Date.now();
    check()
      .catch(() => undefined)
      .finally(schedule);
  }

  schedule();
  return () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
  };
}
