// One throttled updater per progress message. Any worker process may report a finished subscription; a Redis
// lock per message keeps updates to one per second across processes, and the final state wins over stragglers.
import { randomUUID } from 'node:crypto';
import type { Logger } from '../log';
import type { ProgressState, ReplyTarget } from '../ports';
import type { JobStore } from '../store/jobs-store';
import { lockHoldAfterSend, nextSendDelay, PROGRESS_MIN_INTERVAL_MS, retryAfterLockMs, type ThrottleState } from './progress-throttle';

/** Upper bound of one send (Slack call) while holding the lock; the lock expires by itself after a crash. */
const SEND_LOCK_MS = 15_000;

export type SendProgress = (target: ReplyTarget, state: ProgressState) => Promise<{ ts?: string }>;
export type ReadProgress = () => Promise<{ target: ReplyTarget; state: ProgressState } | undefined>;

class ProgressUpdater {
  private readonly throttle: ThrottleState = { pending: false, sending: false };
  private timer?: NodeJS.Timeout;
  private readonly token = randomUUID();

  constructor(
    private readonly jobId: string,
    private readonly store: JobStore,
    private readonly read: ReadProgress,
    private readonly send: SendProgress,
    private readonly logger: Logger,
    private readonly onIdle: () => void,
    private readonly minIntervalMs: number,
  ) {}

  request(): void {
    this.throttle.pending = true;
    this.schedule();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.throttle.pending = false;
  }

  private schedule(delayOverride?: number): void {
    if (this.timer) return;
    const delay = delayOverride ?? nextSendDelay(this.throttle, Date.now(), this.minIntervalMs);
    if (delay === null) {
      if (!this.throttle.sending) this.onIdle();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.attempt();
    }, delay);
    this.timer.unref();
  }

  private async attempt(): Promise<void> {
    this.throttle.sending = true;
    let retryIn: number | undefined;
    try {
      if (!(await this.store.acquireProgressLock(this.jobId, this.token, SEND_LOCK_MS))) {
        retryIn = retryAfterLockMs(await this.store.progressLockTtl(this.jobId), this.minIntervalMs);
        return;
      }
      this.throttle.pending = false;
      const startedAt = Date.now();
      this.throttle.lastSentAt = startedAt;
      try {
        // The final message is sent by the parent job; an update that lost the race must not overwrite it.
        const current = (await this.store.meta(this.jobId)).final ? undefined : await this.read();
        if (current) await this.send(current.target, current.state);
      } finally {
        await this.store.releaseProgressLock(this.jobId, this.token, lockHoldAfterSend(startedAt, Date.now(), this.minIntervalMs));
      }
    } catch (error) {
      this.logger.warn({ jobId: this.jobId, err: error }, 'progress update failed');
    } finally {
      this.throttle.sending = false;
      this.schedule(retryIn);
    }
  }
}

/** The updaters of this process, one per job id, dropped when idle. */
export class ProgressUpdaters {
  private readonly updaters = new Map<string, ProgressUpdater>();

  constructor(
    private readonly store: JobStore,
    private readonly send: SendProgress,
    private readonly logger: Logger,
    private readonly minIntervalMs = PROGRESS_MIN_INTERVAL_MS,
  ) {}

  /** Something changed for this job: its message will show the latest state within about a second. */
  changed(jobId: string, read: ReadProgress): void {
    let updater = this.updaters.get(jobId);
    if (!updater) {
      updater = new ProgressUpdater(jobId, this.store, read, this.send, this.logger, () => this.updaters.delete(jobId), this.minIntervalMs);
      this.updaters.set(jobId, updater);
    }
    updater.request();
  }

  /**
   * Sends the final state: waits for the lock (so it respects the interval), marks the message final so no
   * straggling update can overwrite it, then sends.
   */
  async deliverFinal(jobId: string, target: ReplyTarget, state: ProgressState, send: SendProgress = this.send): Promise<{ ts?: string }> {
    this.updaters.get(jobId)?.stop();
    this.updaters.delete(jobId);
    const token = randomUUID();
    const deadline = Date.now() + SEND_LOCK_MS + 5_000;
    while (!(await this.store.acquireProgressLock(jobId, token, SEND_LOCK_MS))) {
      if (Date.now() > deadline) break; // a holder that died keeps the lock at most SEND_LOCK_MS
      const waitMs = retryAfterLockMs(await this.store.progressLockTtl(jobId), this.minIntervalMs);
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
    const startedAt = Date.now();
    try {
      await this.store.setMeta(jobId, { final: true });
      return await send(target, state);
    } finally {
      await this.store.releaseProgressLock(jobId, token, lockHoldAfterSend(startedAt, Date.now(), this.minIntervalMs));
    }
  }

  close(): void {
    for (const updater of this.updaters.values()) updater.stop();
    this.updaters.clear();
  }
}
