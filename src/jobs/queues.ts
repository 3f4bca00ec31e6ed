// One place for queue names, the Redis key prefix and default job options, so every producer and worker
// (including the alert poller under src/jobs/alerts/) agrees on them.
import type { DefaultJobOptions, JobsOptions, KeepJobs, RateLimiterOptions } from 'bullmq';

/** Default BullMQ prefix. Braces make it a Redis Cluster hash tag: flows span queues and must share one slot. */
export const DEFAULT_PREFIX = '{sentinel}';

export const QUEUES = {
  /** One job per non-bulk request: status, prereqs, alerts, query, incidents rule, alert action, incident close. */
  operations: 'ops',
  /** Parent of a per-subscription write (connect, disconnect, sync, register provider), even for a single subscription. */
  bulk: 'bulk',
  /** One child per subscription; all ARM writes run here, paced to the principal's write budget. */
  bulkItems: 'bulk-items',
  /** Reserved for the alert poller (one job scheduler, global concurrency 1). */
  alertPoll: 'alerts-poll',
  /** Reserved for alert notifications posted to Slack. */
  alertNotify: 'alerts-notify',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** Finished jobs are kept forever by default; this bounds Redis memory. Ages are in seconds. */
export const RETENTION: { removeOnComplete: KeepJobs; removeOnFail: KeepJobs } = {
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 5000 },
};

/** Transient Azure failures (5xx, timeouts) are retried with exponential backoff and jitter; throttling never burns attempts. */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000, jitter: 0.5 },
  ...RETENTION,
};

/** Parents only aggregate; a failed aggregation is retried a few times quickly. */
export const BULK_PARENT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 1000, jitter: 0.5 },
  ...RETENTION,
};

/** A failed child is collected by its parent (ignored dependency), never fatal to the run. */
export const BULK_ITEM_JOB_OPTIONS: JobsOptions = {
  ...DEFAULT_JOB_OPTIONS,
  ignoreDependencyOnFailure: true,
};

/**
 * Lock and stall settings. Azure calls run with SDK retries off, so one call takes seconds, well inside the lock
 * (renewed every lockDuration/2). A worker killed mid-job gives its jobs back after lockDuration + one or two
 * stall checks; maxStalledCount 2 survives a second crash before a job is failed as stalled.
 */
export const WORKER_LOCKS = {
  lockDuration: 20_000,
  stalledInterval: 10_000,
  maxStalledCount: 2,
} as const;

/**
 * Bound on how often one job may be (re)started by rate limits, delays and stalls together, so a job that is
 * throttled forever still ends. Pacing puts each waiting write back once per window at most.
 */
export const MAX_STARTED_ATTEMPTS = 200;

/** ARM's write budget per principal: a bucket of 200 that refills at 10 per second. */
export interface WriteBudget {
  burst: number;
  perSecond: number;
}
export const ARM_WRITE_BUDGET: WriteBudget = { burst: 200, perSecond: 10 };

/**
 * A fixed window of `burst` writes every `burst / perSecond` seconds: the first window spends the whole bucket,
 * and each later window opens exactly when the bucket has refilled, so steady state is `perSecond` without 429s.
 */
export function writeLimiter(budget: WriteBudget): RateLimiterOptions {
  return { max: budget.burst, duration: Math.ceil((budget.burst / budget.perSecond) * 1000) };
}

export const DEFAULT_CONCURRENCY = {
  operations: 8,
  bulk: 4,
  bulkItems: 16,
} as const;
