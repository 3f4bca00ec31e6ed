// Reads the progress of a bulk run from Redis, so any worker process can render the same, latest state.
import type { ChangeResult } from '../domain/types';
import type { ProgressState, ReplyTarget } from '../ports';
import type { JobStore } from '../store/jobs-store';

export interface BulkContext {
  action: string;
  dryRun: boolean;
  requestedBy: string;
  reply: ReplyTarget;
}

/** Stable order for the message: by subscription name, then id. */
export function orderResults(results: ChangeResult[]): ChangeResult[] {
  return [...results].sort((a, b) => (a.displayName ?? a.subscriptionId).localeCompare(b.displayName ?? b.subscriptionId) || a.subscriptionId.localeCompare(b.subscriptionId));
}

export function countOutcomes(results: ChangeResult[]): Record<ChangeResult['outcome'], number> {
  const counts = { changed: 0, unchanged: 0, failed: 0, 'would-change': 0 };
  for (const r of results) counts[r.outcome] += 1;
  return counts;
}

/** "12 changed, 3 unchanged, 1 failed" (only the non-zero parts), plus "cancelled" when it was. */
export function summarize(results: ChangeResult[], total: number, cancelled: boolean): string {
  const counts = countOutcomes(results);
  const parts = (['changed', 'would-change', 'unchanged', 'failed'] as const).filter((k) => counts[k] > 0).map((k) => `${counts[k]} ${k}`);
  const text = parts.length ? parts.join(', ') : 'nothing done';
  return cancelled ? `cancelled after ${results.length} of ${total}: ${text}` : `${text} (of ${total})`;
}

export async function readBulkProgress(
  store: JobStore,
  jobId: string,
  finished: boolean,
): Promise<{ target: ReplyTarget; state: ProgressState } | undefined> {
  const meta = await store.meta(jobId);
  if (!meta.context) return undefined;
  const context = JSON.parse(meta.context) as BulkContext;
  const [results, cancelled, responseUrl] = await Promise.all([store.results(jobId), store.isCancelled(jobId), store.responseUrl(jobId)]);
  return {
    target: { ...context.reply, responseUrl },
    state: {
      jobId,
      action: context.action,
      dryRun: context.dryRun,
      total: meta.total ?? results.length,
      results: orderResults(results),
      finished,
      cancelled: cancelled || undefined,
      requestedBy: context.requestedBy,
    },
  };
}
