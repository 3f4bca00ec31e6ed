// The worker role: one BullMQ Worker per queue, sharing one context. Shutdown is bounded: close gracefully,
// and past the deadline abort running jobs and force-close (their locks expire and another worker resumes them).
import { Queue, Worker, type Job, type Processor } from 'bullmq';
import type { Config } from '../config';
import { createAzureGateway } from '../azure';
import type { Logger } from '../log';
import type { Presenter } from '../ports';
import { JobStore } from '../store/jobs-store';
import { createRedis } from '../store/redis';
import { ConnectorSnapshots } from './connector-snapshots';
import type { BulkItemJobData, RequestJobData } from './job-data';
import { DEFAULT_OPERATIONS, type AzureGateway, type JobOperations } from './job-operations';
import { processBulkItem } from './handlers/bulk-item';
import { processBulkParent } from './handlers/bulk-parent';
import { processOperation } from './handlers/operation-processor';
import { OPERATION_HANDLERS } from './handlers/operations';
import { ProgressUpdaters } from './progress-updater';
import { ARM_WRITE_BUDGET, DEFAULT_CONCURRENCY, MAX_STARTED_ATTEMPTS, QUEUES, WORKER_LOCKS, writeLimiter, type WriteBudget } from './queues';
import type { WorkerContext } from './worker-context';

export interface WorkerDeps {
  config: Config;
  /** Used for reads; its SDK may retry. */
  gateway: AzureGateway;
  presenter: Presenter;
  redisUrl: string;
  prefix: string;
  logger: Logger;
  /** Parallel subscription writes per worker process (default 16); the write budget paces them globally. */
  concurrency?: number;
  /** Used for writes; default: a gateway from `config` with SDK retries off, so 429s reach the job layer. */
  writeGateway?: AzureGateway;
  /** The principal's ARM write budget (default 200 burst, 10/s). */
  writeBudget?: WriteBudget;
  operations?: JobOperations;
}

export interface RunningWorkers {
  close(timeoutMs?: number): Promise<void>;
}

const DEFAULT_SHUTDOWN_MS = 30_000;

export async function startWorkers(deps: WorkerDeps): Promise<RunningWorkers> {
  const { logger, prefix } = deps;
  const connection = createRedis(deps.redisUrl, 'worker');
  const store = new JobStore(connection, prefix);
  const itemsQueue = new Queue(QUEUES.bulkItems, { connection, prefix });
  const ctx: WorkerContext = {
    operations: deps.operations ?? DEFAULT_OPERATIONS,
    gateway: deps.gateway,
    writeGateway: deps.writeGateway ?? createAzureGateway(deps.config, { maxRetries: 0 }),
    presenter: deps.presenter,
    store,
    progress: new ProgressUpdaters(store, (target, state) => deps.presenter.progress(target, state), logger),
    connectors: new ConnectorSnapshots(),
    logger,
    pauseWrites: (ms) => itemsQueue.rateLimit(ms),
  };

  const common = { connection, prefix, ...WORKER_LOCKS, maxStartedAttempts: MAX_STARTED_ATTEMPTS };
  const workers = [
    new Worker<RequestJobData>(QUEUES.operations, ((job, token, signal) => processOperation(ctx, OPERATION_HANDLERS, job, token, signal)) as Processor<RequestJobData>, {
      ...common,
      concurrency: DEFAULT_CONCURRENCY.operations,
    }),
    new Worker<RequestJobData>(QUEUES.bulk, ((job, token) => processBulkParent(ctx, itemsQueue, job, token)) as Processor<RequestJobData>, {
      ...common,
      concurrency: DEFAULT_CONCURRENCY.bulk,
    }),
    new Worker<BulkItemJobData>(QUEUES.bulkItems, ((job, _token, signal) => processBulkItem(ctx, job, signal)) as Processor<BulkItemJobData>, {
      ...common,
      concurrency: deps.concurrency ?? DEFAULT_CONCURRENCY.bulkItems,
      limiter: writeLimiter(deps.writeBudget ?? ARM_WRITE_BUDGET),
    }),
  ];

  for (const worker of workers) {
    const queue = worker.name;
    worker.on('error', (err) => logger.error({ queue, err }, 'worker error'));
    worker.on('failed', (job: Job | undefined, err: Error) => logger.warn({ queue, jobId: job?.id, attemptsMade: job?.attemptsMade, reason: err.message }, 'job failed'));
    worker.on('stalled', (jobId: string) => logger.warn({ queue, jobId }, 'job stalled; another worker resumes it'));
    // A worker that lost its lock must stop side effects: the job is someone else's now.
    worker.on('lockRenewalFailed', (jobIds: string[]) => jobIds.forEach((id) => worker.cancelJob(id, 'lock lost')));
  }
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  logger.info({ queues: workers.map((w) => w.name), prefix }, 'workers started');

  let closing: Promise<void> | undefined;
  const close = async (timeoutMs = deps.config.shutdownGraceMs ?? DEFAULT_SHUTDOWN_MS): Promise<void> => {
    let timer: NodeJS.Timeout | undefined;
    const graceful = Promise.all(workers.map((w) => w.close())).then(() => true);
    const deadline = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const done = await Promise.race([graceful, deadline]);
    clearTimeout(timer);
    if (!done) {
      logger.warn({ timeoutMs }, 'shutdown deadline passed; aborting running jobs');
      for (const worker of workers) worker.cancelAllJobs('shutdown');
      await Promise.all(workers.map((w) => w.close(true)));
    }
    ctx.progress.close();
    await itemsQueue.close();
    await connection.quit();
  };
  return { close: (timeoutMs) => (closing ??= close(timeoutMs)) };
}
