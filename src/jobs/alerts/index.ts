// Alert notifications in the worker role: a singleton poller (job scheduler on its own queue, global concurrency 1)
// and a notification queue for cards, digests and card-button work.
import { DelayedError, Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { DEFAULT_INTAKE_POLICY, type IntakePolicy } from '../../alerts/intake';
import { DEFAULT_STORM_POLICY, type StormPolicy } from '../../alerts/storm';
import type { Config } from '../../config';
import type { Logger } from '../../log';
import type { AzureGateway } from '../../operations/ports';
import { createAlertStore, DEFAULT_PACING, type AlertStore, type PacingPolicy } from '../../store/alerts';
import { createRedis, type Redis } from '../../store/redis';
import { createRouteStore } from '../../store/routes';
import { createAlertNotifier, createAlertWebClient, SlackRetryLater, type AlertNotifier, type SlackWebClient } from '../../slack/alerts/notifier';
import { classifyError, describeProblem, problemOf } from '../classify-error';
import { DEFAULT_JOB_OPTIONS, MAX_STARTED_ATTEMPTS, QUEUES, RETENTION, WORKER_LOCKS } from '../queues';
import { runAlertAction, runIncidentClose } from './actions';
import type { AlertJobDeps, NotifyEnqueuer } from './deps';
import { alertMetrics } from './metrics';
import {
  ACTION_PRIORITY, actionDedupId, cardDedupId, DIGEST_PRIORITY, digestDedupId, NOTIFY_JOBS, POLL_JOB, POLL_SCHEDULER_ID, SEVERITY_PRIORITY,
  type AlertActionData, type IncidentCloseData, type SyncCardData, type SyncDigestData,
} from './names';
import { pollOnce as pollWith, type PollSummary } from './poll';
import { syncCard } from './sync-card';
import { syncDigest } from './sync-digest';

export { NOTIFY_JOBS, type AlertActionData, type IncidentCloseData } from './names';
export type { PollSummary } from './poll';

export interface AlertingDeps {
  config: Config;
  gateway: AzureGateway;
  /** The worker's client; alerting derives its own from it with retries off and 429s rejected. */
  slackClient: SlackWebClient;
  redisUrl: string;
  /** BullMQ and store prefix; must equal config.redis.prefix so the Slack registrar reaches the same queue. */
  prefix: string;
  logger: Logger;
}

/** Knobs for tests and benchmarks; production uses the defaults. */
export interface AlertingOptions {
  intake?: Partial<IntakePolicy>;
  storm?: Partial<StormPolicy>;
  pacing?: Partial<PacingPolicy>;
  /** Poll interval override in ms (config.alerts.pollSeconds is validated ≥ 5 s). */
  pollEveryMs?: number;
  notifyConcurrency?: number;
  /** Don't register the scheduler (tests drive polls through pollOnce). */
  scheduler?: boolean;
  now?: () => Date;
}

export interface Alerting {
  /** Runs one poll now in this process (tests, CLI); the scheduler's polls are serialized separately. */
  pollOnce(): Promise<PollSummary>;
  readonly store: AlertStore;
  readonly notifier: AlertNotifier;
  /** Notification queue counts (failed included), for checks and benchmarks. */
  jobCounts(): Promise<Record<string, number>>;
  /** Resolves when no notification job is waiting, delayed or active. */
  idle(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const NOTIFY_ATTEMPTS = 8;

function enqueuerFor(queue: Queue): NotifyEnqueuer {
  return {
    async syncCards(items) {
      if (!items.length) return;
      await queue.addBulk(
        items.map((i) => ({
          name: NOTIFY_JOBS.syncCard,
          data: { channel: i.channel, systemAlertId: i.systemAlertId } satisfies SyncCardData,
          opts: { priority: SEVERITY_PRIORITY[i.severity], deduplication: { id: cardDedupId(i.channel, i.systemAlertId), keepLastIfActive: true } },
        })),
      );
    },
    async syncDigest(item) {
      await queue.add(NOTIFY_JOBS.syncDigest, item satisfies SyncDigestData, {
        priority: DIGEST_PRIORITY,
        deduplication: { id: digestDedupId(item.channel, item.digestId), keepLastIfActive: true },
      });
    },
  };
}

/**
 * "Not now" (Slack 429 or our pacing, or the message is busy) re-delays the job without spending an attempt;
 * Azure throttling does the same; permanent Azure problems fail at once; anything else is retried with backoff.
 */
async function runNotifyJob(deps: AlertJobDeps, job: Job, token: string | undefined, clickReply: (data: { channel: string; userId: string }, text: string) => Promise<void>): Promise<unknown> {
  try {
    switch (job.name) {
      case NOTIFY_JOBS.syncCard:
        return await syncCard(deps, job.data as SyncCardData);
      case NOTIFY_JOBS.syncDigest:
        return await syncDigest(deps, job.data as SyncDigestData);
      case NOTIFY_JOBS.alertAction:
        return await runAlertAction(deps, job.data as AlertActionData);
      case NOTIFY_JOBS.incidentClose:
        return await runIncidentClose(deps, job.data as IncidentCloseData);
      default:
        throw new UnrecoverableError(`unknown alert job ${job.name}`);
    }
  } catch (err) {
    if (err instanceof SlackRetryLater) {
      alertMetrics.slack.inc({ method: job.name, outcome: err.reason });
      await job.moveToDelayed(Date.now() + err.delayMs + Math.floor(Math.random() * 250), token);
      throw new DelayedError();
    }
    if (err instanceof UnrecoverableError || err instanceof DelayedError) throw err;
    const problem = problemOf(err);
    const handling = classifyError(problem);
    if (handling.action === 'delay') {
      await job.moveToDelayed(Date.now() + handling.delayMs, token);
      throw new DelayedError();
    }
    const isClick = job.name === NOTIFY_JOBS.alertAction || job.name === NOTIFY_JOBS.incidentClose;
    const last = handling.action === 'fail' || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (isClick && last) await clickReply(job.data as { channel: string; userId: string }, `That did not work: ${describeProblem(problem)}`).catch(() => undefined);
    deps.logger.warn({ job: job.name, jobId: job.id, problem }, 'alert job failed');
    if (handling.action === 'fail') throw new UnrecoverableError(problem.message);
    throw err;
  }
}

/** Assembles ports for direct use (tests, benchmark, CLI) without starting any worker. */
export function alertJobDeps(input: {
  config: Config;
  gateway: AzureGateway;
  store: AlertStore;
  notifier: AlertNotifier;
  redis: Redis;
  prefix: string;
  enqueue: NotifyEnqueuer;
  logger: Logger;
  options?: AlertingOptions;
}): AlertJobDeps {
  const routes = createRouteStore(input.redis, input.prefix);
  return {
    config: input.config,
    gateway: input.gateway,
    store: input.store,
    notifier: input.notifier,
    routes,
    enqueue: input.enqueue,
    portal: { portalUrl: input.config.azure.portalUrl, workspace: input.config.workspace },
    logger: input.logger,
    intake: { ...DEFAULT_INTAKE_POLICY, ...input.options?.intake },
    storm: { ...DEFAULT_STORM_POLICY, ...input.options?.storm },
    now: input.options?.now ?? (() => new Date()),
  };
}

export async function startAlerting(deps: AlertingDeps, options: AlertingOptions = {}): Promise<Alerting> {
  const { prefix, logger } = deps;
  const connection = createRedis(deps.redisUrl, 'worker');
  const store = createAlertStore(connection, prefix, { ...DEFAULT_PACING, ...options.pacing });
  const client = createAlertWebClient(deps.slackClient);
  const notifier = createAlertNotifier({ client, pacer: store, logger });
  const pollQueue = new Queue(QUEUES.alertPoll, { connection, prefix });
  const notifyQueue = new Queue(QUEUES.alertNotify, { connection, prefix, defaultJobOptions: { ...DEFAULT_JOB_OPTIONS, attempts: NOTIFY_ATTEMPTS } });
  const jobDeps = alertJobDeps({ config: deps.config, gateway: deps.gateway, store, notifier, redis: connection, prefix, enqueue: enqueuerFor(notifyQueue), logger, options });
  const clickReply = (data: { channel: string; userId: string }, text: string) => notifier.ephemeral(data.channel, data.userId, text);

  // Never two polls at once, whatever the number of workers or how long a poll takes.
  await pollQueue.setGlobalConcurrency(1);
  const workers: Worker[] = [
    new Worker(QUEUES.alertPoll, async () => pollWith(jobDeps), { connection, prefix, concurrency: 1, ...WORKER_LOCKS, lockDuration: 120_000, ...RETENTION }),
    new Worker(QUEUES.alertNotify, (job, token) => runNotifyJob(jobDeps, job, token, clickReply), {
      connection, prefix, concurrency: options.notifyConcurrency ?? 8, ...WORKER_LOCKS, maxStartedAttempts: MAX_STARTED_ATTEMPTS, ...RETENTION,
    }),
  ];
  for (const w of workers) w.on('error', (err) => logger.error({ err: err.message, queue: w.name }, 'alert worker error'));

  if (options.scheduler !== false) {
    // Idempotent: every worker replica upserts the same scheduler; BullMQ makes one job per tick.
    await pollQueue.upsertJobScheduler(
      POLL_SCHEDULER_ID,
      { every: options.pollEveryMs ?? deps.config.alerts.pollSeconds * 1000 },
      { name: POLL_JOB, data: {}, opts: { attempts: 1, ...RETENTION } },
    );
  }

  return {
    store,
    notifier,
    pollOnce: () => pollWith(jobDeps),
    jobCounts: () => notifyQueue.getJobCounts('waiting', 'prioritized', 'delayed', 'active', 'completed', 'failed'),
    async idle(timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const c = await notifyQueue.getJobCounts('waiting', 'delayed', 'active', 'prioritized');
        if (!c.waiting && !c.delayed && !c.active && !c.prioritized) return;
        if (Date.now() > deadline) throw new Error(`alert notifications still busy: ${JSON.stringify(c)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await pollQueue.close();
      await notifyQueue.close();
      await connection.quit();
    },
  };
}

/** The producer the Slack registrar uses to hand card clicks to the worker. */
export interface AlertActionQueue {
  alertAction(data: AlertActionData): Promise<void>;
  incidentClose(data: IncidentCloseData): Promise<void>;
  close(): Promise<void>;
}

export function createAlertActionQueue(redis: Redis, prefix: string): AlertActionQueue {
  const queue = new Queue(QUEUES.alertNotify, { connection: redis, prefix, defaultJobOptions: { ...DEFAULT_JOB_OPTIONS, attempts: 3 } });
  return {
    async alertAction(data) {
      await queue.add(NOTIFY_JOBS.alertAction, data, { priority: ACTION_PRIORITY, deduplication: { id: actionDedupId(data.systemAlertId, data.action) } });
    },
    async incidentClose(data) {
      await queue.add(NOTIFY_JOBS.incidentClose, data, { priority: ACTION_PRIORITY, deduplication: { id: actionDedupId(data.incidentId, 'close') } });
    },
    close: () => queue.close(),
  };
}

/** One poll with an ad-hoc enqueuer on the notification queue (for the CLI or a test that runs no poll worker). */
export async function pollOnce(deps: AlertJobDeps): Promise<PollSummary> {
  return pollWith(deps);
}
