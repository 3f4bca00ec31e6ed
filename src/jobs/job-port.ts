// The producer side used by the web role: enqueue (joining an identical running request), cancel, recent jobs.
// Its Redis connection fails fast so a Slack handler still answers within 3 s when Redis is down.
import { randomUUID } from 'node:crypto';
import { Queue, type Job, type JobType } from 'bullmq';
import type { Logger } from '../log';
import type { EnqueueResult, JobPort, JobRequest, JobSummary, Requester } from '../ports';
import { JobStore, withoutResponseUrl, type StoredSummary } from '../store/jobs-store';
import { createRedis } from '../store/redis';
import type { RequestJobData } from './job-data';
import { isPerSubscriptionKind, jobIdFor } from './job-ids';
import { BULK_PARENT_JOB_OPTIONS, DEFAULT_JOB_OPTIONS, QUEUES } from './queues';

/** States in which a job is still to run or running: a repeat request joins it. */
const UNFINISHED: ReadonlySet<string> = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);
const CHILD_PAGE = 500;

export interface JobPortDeps {
  redisUrl: string;
  prefix: string;
  logger: Logger;
}

export type ClosableJobPort = JobPort & { close(): Promise<void> };

export function summaryState(state: JobType | 'unknown', cancelled: boolean): JobSummary['state'] {
  if (cancelled && (state === 'completed' || state === 'failed' || state === 'unknown')) return 'cancelled';
  if (state === 'prioritized') return 'waiting';
  return (['waiting', 'active', 'delayed', 'completed', 'failed', 'waiting-children'] as const).find((s) => s === state) ?? 'unknown';
}

export function createJobPort(deps: JobPortDeps): ClosableJobPort {
  const connection = createRedis(deps.redisUrl, 'producer');
  const store = new JobStore(connection, deps.prefix);
  const queues = {
    [QUEUES.operations]: new Queue<RequestJobData>(QUEUES.operations, { connection, prefix: deps.prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS }),
    [QUEUES.bulk]: new Queue<RequestJobData>(QUEUES.bulk, { connection, prefix: deps.prefix, defaultJobOptions: BULK_PARENT_JOB_OPTIONS }),
  };
  const items = new Queue(QUEUES.bulkItems, { connection, prefix: deps.prefix });
  const queueFor = (request: JobRequest) => queues[isPerSubscriptionKind(request.kind) ? QUEUES.bulk : QUEUES.operations];

  async function findJob(jobId: string): Promise<Job<RequestJobData> | undefined> {
    for (const queue of Object.values(queues)) {
      const job = await queue.getJob(jobId);
      if (job) return job;
    }
    return undefined;
  }

  async function enqueue(request: JobRequest): Promise<EnqueueResult> {
    const jobId = jobIdFor(request);
    const queue = queueFor(request);
    // The connection has no offline queue: wait until it is ready, as BullMQ's own calls do.
    await queue.waitUntilReady();
    // Existence first (O(1)); the state script scans the wait list, so only jobs that exist pay for it. Neither loads
    // the job's data or return value.
    if (await connection.exists(queue.toKey(jobId))) {
      if (UNFINISHED.has(await queue.getJobState(jobId))) return { jobId, joined: true };
      // Finished: operations are idempotent, so the same request may run again under the same id.
      await queue.remove(jobId);
    }
    const createdAt = Date.now();
    const requestId = randomUUID();
    await store.prepareRun(jobId, request.reply.responseUrl);
    const data: RequestJobData = { request: withoutResponseUrl(request), run: createdAt, requestId };
    await queue.add(request.kind, data, { jobId });
    // Two identical requests at the same moment: BullMQ keeps the first add; the other one joins it.
    const stored = await connection.hget(queue.toKey(jobId), 'data');
    const joined = !stored || (JSON.parse(stored) as RequestJobData).requestId !== requestId;
    if (!joined) {
      const summary: StoredSummary = {
        jobId,
        kind: request.kind,
        queue: queue.name,
        requestedBy: request.requestedBy.userId,
        targets: request.all ? 0 : (request.subscriptionIds?.length ?? 0),
        createdAt: new Date(createdAt).toISOString(),
        cancelled: false,
      };
      await store.saveSummary(summary, createdAt);
    }
    deps.logger.info({ jobId, kind: request.kind, joined, requestedBy: request.requestedBy.userId }, 'job enqueued');
    return { jobId, joined };
  }

  /** Removes children that have not started; running ones finish, and later ones see the cancel flag and skip. */
  async function removePendingChildren(parent: Job<RequestJobData>): Promise<number> {
    let removed = 0;
    let cursor = 0;
    do {
      const page = await parent.getDependencies({ unprocessed: { cursor, count: CHILD_PAGE } });
      cursor = page.nextUnprocessedCursor ?? 0;
      const ids = (page.unprocessed ?? []).map((key) => key.slice(key.lastIndexOf(':') + 1));
      const results = await Promise.all(ids.map((id) => items.remove(id).catch(() => 0)));
      removed += results.filter((r) => r === 1).length;
    } while (cursor);
    return removed;
  }

  async function cancel(jobId: string, by: Requester): Promise<boolean> {
    const job = await findJob(jobId);
    if (!job) return false;
    const state = await job.getState();
    if (!UNFINISHED.has(state)) return false;
    await store.requestCancel(jobId, by.userId);
    await store.updateSummary(jobId, { cancelled: true });
    if (job.queueName === QUEUES.bulk) {
      // The parent stays: it runs once no child is pending and posts the cancelled result.
      const removed = await removePendingChildren(job);
      deps.logger.info({ jobId, removed, by: by.userId }, 'bulk job cancelled');
    } else if (state !== 'active') {
      await job.remove().catch(() => undefined);
      await store.updateSummary(jobId, { finishedAt: new Date().toISOString(), summary: 'cancelled before it started' });
    }
    return true;
  }

  async function recent(limit = 20): Promise<JobSummary[]> {
    const summaries = await store.recentSummaries(limit);
    return Promise.all(
      summaries.map(async (s): Promise<JobSummary> => {
        const queue = queues[s.queue as keyof typeof queues];
        const job = queue ? await queue.getJob(s.jobId) : undefined;
        const state = summaryState(job ? await job.getState() : 'unknown', s.cancelled);
        const progress = s.queue === QUEUES.bulk ? { done: await store.resultCount(s.jobId), total: s.targets } : undefined;
        return {
          jobId: s.jobId,
          kind: s.kind,
          state: state === 'unknown' && s.finishedAt ? 'completed' : state,
          requestedBy: s.requestedBy,
          targets: s.targets,
          progress,
          createdAt: s.createdAt,
          finishedAt: s.finishedAt,
          summary: s.summary,
        };
      }),
    );
  }

  async function close(): Promise<void> {
    await Promise.all([...Object.values(queues), items].map((q) => q.close()));
    await connection.quit();
  }

  return { enqueue, cancel, recent, close };
}
