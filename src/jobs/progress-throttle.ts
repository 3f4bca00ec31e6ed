// Pure timing rules for progress messages: at most one update per interval, and the latest state always goes out.

/** Slack allows about one update per second; the margin absorbs network jitter so Slack never sees two within 1 s. */
export const PROGRESS_MIN_INTERVAL_MS = 1_100;

export interface ThrottleState {
  /** When the previous update started being sent (ms epoch), if any. */
  lastSentAt?: number;
  /** A newer state exists that has not been sent. */
  pending: boolean;
  /** An update is being sent right now. */
  sending: boolean;
}

/** null: nothing to do now (nothing pending, or a send in flight will reschedule); otherwise wait this many ms. */
export function nextSendDelay(state: ThrottleState, now: number, minIntervalMs = PROGRESS_MIN_INTERVAL_MS): number | null {
  if (!state.pending || state.sending) return null;
  if (state.lastSentAt === undefined) return 0;
  return Math.max(0, state.lastSentAt + minIntervalMs - now);
}

/**
 * How long a sender keeps the shared lock after its send, so the next sender (in any process) starts no
 * earlier than one interval after this one started.
 */
export function lockHoldAfterSend(sendStartedAt: number, now: number, minIntervalMs = PROGRESS_MIN_INTERVAL_MS): number {
  return Math.max(0, sendStartedAt + minIntervalMs - now);
}

/** When another process holds the lock: retry when it expires (PTTL), never busy-loop, never wait forever. */
export function retryAfterLockMs(lockTtlMs: number, minIntervalMs = PROGRESS_MIN_INTERVAL_MS): number {
  if (lockTtlMs > 0) return Math.min(lockTtlMs, 30_000);
  return Math.min(50, minIntervalMs);
}
