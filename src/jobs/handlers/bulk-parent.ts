// The parent of a per-subscription write: plans the children (resolving "all"), waits for them, then reports.
// Steps are checkpointed in job data so a parent restarted after a crash resumes where it was.
import { WaitingChildrenError, type Job, type Queue } from 'bullmq';
import type { BulkResult, ChangeResult } from '../../domain/types';
import { actionOf, childJobId, uniqueSorted } from '../job-ids';
import type { BulkItemJobData, PerSubscriptionKind, RequestJobData } from '../job-data';
import { BULK_ITEM_JOB_OPTIONS } from '../queues';
import { readBulkProgress, summarize, type BulkContext } from '../bulk-progress';
import type { WorkerContext } from '../worker-context';

const ADD_CHUNK = 500;

export interface BulkOutcome {
  total: number;
  changed: number;
  unchanged: number;
  failed: number;
  cancelled: boolean;
}

interface Target {
  subscriptionId: string;
  displayName?: string;
}

/** "all" is resolved here, in the worker; names are best effort so the message can show them. */
async function resolveTargets(ctx: WorkerContext, data: RequestJobData): Promise<Target[]> {
  const visible = ctx.operations.listSubscriptions(ctx.gateway);
  if (data.request.all) {
    const subs = await visible;
    return uniqueSorted(subs.map((s) => s.subscriptionId)).map((id) => ({ subscriptionId: id, displayName: subs.find((s) => s.subscriptionId.toLowerCase() === id)?.displayName }));
  }
  const names = await visible.then(
    (subs) => new Map(subs.map((s) => [s.subscriptionId.toLowerCase(), s.displayName])),
    () => new Map<string, string>(),
  );
  return uniqueSorted(data.request.subscriptionIds ?? []).map((id) => ({ subscriptionId: id, displayName: names.get(id) }));
}

async function planChildren(ctx: WorkerContext, items: Queue, job: Job<RequestJobData>): Promise<number> {
  const { request, run } = job.data;
  const targets = (await ctx.store.isCancelled(job.id!)) ? [] : await resolveTargets(ctx, job.data);
  const context: BulkContext = {
    action: actionOf(request),
    dryRun: Boolean(request.dryRun),
    requestedBy: request.requestedBy.userId,
    reply: request.reply,
  };
  await ctx.store.setMeta(job.id!, { total: targets.length, context: JSON.stringify(context) });
  await ctx.store.updateSummary(job.id!, { targets: targets.length });
  ctx.progress.changed(job.id!, () => readBulkProgress(ctx.store, job.id!, false));

  const parent = { id: job.id!, queue: job.queueQualifiedName };
  for (let i = 0; i < targets.length; i += ADD_CHUNK) {
    // Deterministic child ids: re-planning after a crash adds nothing twice.
    await items.addBulk(
      targets.slice(i, i + ADD_CHUNK).map(({ subscriptionId, displayName }) => {
        const data: BulkItemJobData = {
          parentId: job.id!,
          run,
          kind: request.kind as PerSubscriptionKind,
          subscriptionId,
          displayName,
          dryRun: Boolean(request.dryRun),
          enabled: request.kind === 'sync' ? request.params?.enabled !== false : undefined,
        };
        return { name: request.kind, data, opts: { ...BULK_ITEM_JOB_OPTIONS, jobId: childJobId(job.id!, run, subscriptionId), parent } };
      }),
    );
  }
  return targets.length;
}

/** Children that failed without recording a result (e.g. stalled too often) still show up as failed. */
async function resultsWithUnrecordedFailures(ctx: WorkerContext, job: Job<RequestJobData>): Promise<ChangeResult[]> {
  const results = await ctx.store.results(job.id!);
  const known = new Set(results.map((r) => r.subscriptionId.toLowerCase()));
  const marker = `${job.id}-r${job.data.run}-`;
  for (const [key, reason] of Object.entries(await job.getIgnoredChildrenFailures())) {
    const at = key.indexOf(marker);
    const subscriptionId = at >= 0 ? key.slice(at + marker.length) : key;
    if (known.has(subscriptionId)) continue;
    results.push({ subscriptionId, outcome: 'failed', detail: reason, problem: { code: 'JobFailed', message: reason, retryable: true } });
  }
  return results;
}

async function finish(ctx: WorkerContext, job: Job<RequestJobData>): Promise<BulkOutcome> {
  const jobId = job.id!;
  const results = await resultsWithUnrecordedFailures(ctx, job);
  const cancelled = await ctx.store.isCancelled(jobId);
  const rendered = await readBulkProgress(ctx.store, jobId, true);
  const total = rendered?.state.total ?? results.length;
  const request = job.data.request;
  const result: BulkResult & { jobId: string } = { jobId, action: actionOf(request), dryRun: Boolean(request.dryRun), results };
  await ctx.store.saveFinal({ request, result, cancelled, finishedAt: new Date().toISOString() });

  const target = rendered?.target ?? { ...request.reply, responseUrl: await ctx.store.responseUrl(jobId) };
  const state = { ...(rendered?.state ?? { jobId, action: result.action, dryRun: result.dryRun, total, requestedBy: request.requestedBy.userId }), results: rendered ? rendered.state.results : results, finished: true, cancelled: cancelled || undefined };
  // The final state replaces the progress message in place, under the same throttle as every update.
  await ctx.progress.deliverFinal(jobId, target, state, async (t, s) => {
    const sent = await ctx.presenter.progress(t, s);
    await ctx.presenter.bulkResult(t, result);
    return sent;
  });

  const summary = summarize(results, total, cancelled);
  await ctx.store.updateSummary(jobId, { finishedAt: new Date().toISOString(), summary, cancelled });
  const count = (outcome: ChangeResult['outcome']) => results.filter((r) => r.outcome === outcome).length;
  return { total, changed: count('changed') + count('would-change'), unchanged: count('unchanged'), failed: count('failed'), cancelled };
}

export async function processBulkParent(ctx: WorkerContext, items: Queue, job: Job<RequestJobData>, token?: string): Promise<BulkOutcome> {
  if ((job.data.step ?? 'plan') === 'plan') {
    await planChildren(ctx, items, job);
    await job.updateData({ ...job.data, step: 'wait' });
  }
  if (token && (await job.moveToWaitingChildren(token))) throw new WaitingChildrenError();
  return finish(ctx, job);
}
