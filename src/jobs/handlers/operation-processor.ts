// Runs one single-job request: restores the reply target, calls the kind's handler, and turns a Problem into
// delay (throttled), retry (transient) or an immediate failure told to the requester (permanent).
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { JobKind } from '../../ports';
import { classifyError, describeProblem, isLastAttempt, problemOf } from '../classify-error';
import type { RequestJobData } from '../job-data';
import type { WorkerContext } from '../worker-context';
import type { OperationHandler } from './operations';

export async function processOperation(
  ctx: WorkerContext,
  handlers: Partial<Record<JobKind, OperationHandler>>,
  job: Job<RequestJobData>,
  token?: string,
  signal?: AbortSignal,
): Promise<void> {
  const jobId = job.id!;
  const { request } = job.data;
  const handler = handlers[request.kind];
  if (!handler) throw new UnrecoverableError(`No handler for job kind "${request.kind}"`);
  const target = { ...request.reply, responseUrl: await ctx.store.responseUrl(jobId) };
  try {
    await handler(ctx, { jobId, request, target, signal });
    await ctx.store.updateSummary(jobId, { finishedAt: new Date().toISOString(), summary: 'done' });
  } catch (error) {
    if (error instanceof DelayedError || error instanceof UnrecoverableError) throw error;
    const problem = problemOf(error);
    const handling = classifyError(problem);
    if (handling.action === 'delay' && token) {
      await job.moveToDelayed(Date.now() + handling.delayMs, token);
      throw new DelayedError();
    }
    const message = describeProblem(problem);
    const final = handling.action === 'fail' || isLastAttempt(job.attemptsMade, job.opts.attempts);
    if (!final) throw new Error(message, { cause: error });
    await ctx.presenter.notice(target, message).catch((e: unknown) => ctx.logger.warn({ jobId, err: e }, 'could not tell the requester about a failure'));
    await ctx.store.updateSummary(jobId, { finishedAt: new Date().toISOString(), summary: `failed: ${problem.message}` });
    throw handling.action === 'fail' ? new UnrecoverableError(message) : new Error(message, { cause: error });
  }
}
