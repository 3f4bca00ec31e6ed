// One subscription of a bulk write. Resumable: a result recorded by an earlier (crashed) attempt is returned as is.
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { ChangeResult, Problem } from '../../domain/types';
import { classifyError, describeProblem, isLastAttempt, problemOf } from '../classify-error';
import { readBulkProgress } from '../bulk-progress';
import type { BulkItemJobData, SkippedItem } from '../job-data';
import type { WorkerContext } from '../worker-context';

async function writeFor(ctx: WorkerContext, data: BulkItemJobData): Promise<ChangeResult> {
  const { operations: ops, writeGateway: gw } = ctx;
  const opts = { dryRun: data.dryRun };
  switch (data.kind) {
    case 'connect':
      return ops.connectSubscription(gw, data.subscriptionId, { ...opts, connectors: await ctx.connectors.get(`${data.parentId}-r${data.run}`, ctx.gateway) });
    case 'disconnect':
      return ops.disconnectSubscription(gw, data.subscriptionId, { ...opts, connectors: await ctx.connectors.get(`${data.parentId}-r${data.run}`, ctx.gateway) });
    case 'sync':
      return ops.setBiDirectionalSync(gw, data.subscriptionId, data.enabled !== false, opts);
    case 'register-provider':
      return ops.registerProvider(gw, data.subscriptionId, opts);
  }
}

function failedResult(subscriptionId: string, problem: Problem): ChangeResult {
  return { subscriptionId, outcome: 'failed', detail: describeProblem(problem), problem };
}

async function record(ctx: WorkerContext, parentId: string, result: ChangeResult): Promise<void> {
  await ctx.store.recordResult(parentId, result);
  ctx.progress.changed(parentId, () => readBulkProgress(ctx.store, parentId, false));
}

export async function processBulkItem(
  ctx: WorkerContext,
  job: Job<BulkItemJobData>,
  signal?: AbortSignal,
): Promise<ChangeResult | SkippedItem> {
  const { parentId, subscriptionId } = job.data;
  if (await ctx.store.isCancelled(parentId)) return { skipped: 'cancelled', subscriptionId };
  const earlier = await ctx.store.resultFor(parentId, subscriptionId);
  if (earlier && earlier.outcome !== 'failed') return earlier;
  // The lock was lost: another worker owns this job now, so no side effects from here.
  if (signal?.aborted) throw new Error('Job lock lost; another worker continues it');

  let result: ChangeResult;
  try {
    result = await writeFor(ctx, job.data);
  } catch (error) {
    result = failedResult(subscriptionId, problemOf(error));
  }
  result = { ...result, displayName: result.displayName ?? job.data.displayName };
  if (result.outcome !== 'failed') {
    await record(ctx, parentId, result);
    return result;
  }

  const problem = result.problem ?? problemOf(new Error(result.detail));
  const handling = classifyError(problem);
  if (handling.action === 'delay') {
    // ARM's write budget is per principal: every write waits, and no attempt is spent.
    await ctx.pauseWrites(handling.delayMs);
    throw Worker.RateLimitError();
  }
  if (handling.action === 'fail' || isLastAttempt(job.attemptsMade, job.opts.attempts)) {
    await record(ctx, parentId, result);
    const message = `${subscriptionId}: ${describeProblem(problem)}`;
    throw handling.action === 'fail' ? new UnrecoverableError(message) : new Error(message);
  }
  throw new Error(`${subscriptionId}: ${describeProblem(problem)}`);
}
