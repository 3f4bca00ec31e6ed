// One action over many subscriptions: bounded concurrency, per-subscription results, progress after each one.
// A failure is a 'failed' row, never an abort. Throttling (retryable with Retry-After) is waited out a few times,
// so a bulk run started with SDK retries off still finishes.
import pLimit from 'p-limit';
import type { BulkResult, ChangeResult, ProgressCallback } from '../domain/types';
import type { DataConnectorInfo } from '../domain/resources';
import { connectSubscription, disconnectSubscription, registerProvider, setBiDirectionalSync } from './changes';
import type { AzureGateway } from './ports';
import { problemOf } from './settle';

export type BulkAction = 'connect' | 'disconnect' | 'sync-on' | 'sync-off' | 'register-provider';
export const BULK_ACTIONS: readonly BulkAction[] = ['connect', 'disconnect', 'sync-on', 'sync-off', 'register-provider'];

export interface BulkOptions {
  dryRun?: boolean;
  /** Default 4: connector writes share the workspace subscription's write bucket (≈10/s refill). */
  concurrency?: number;
  onProgress?: ProgressCallback;
  /** Extra attempts for a retryable failure (default 2), waiting Retry-After when Azure gives one. */
  retries?: number;
  /** Longest wait honoured before giving up on a throttled subscription (default 60 s). */
  maxRetryWaitMs?: number;
  /** Display names already at hand (saves listing the subscriptions again). */
  subscriptions?: { subscriptionId: string; displayName: string }[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runBulk(gw: AzureGateway, action: BulkAction, subscriptionIds: string[], opts: BulkOptions = {}): Promise<BulkResult> {
  if (!BULK_ACTIONS.includes(action)) throw new Error(`Unknown bulk action "${action}".`);
  const ids = [...new Set(subscriptionIds)];
  const needsConnectors = action === 'connect' || action === 'disconnect';
  const [connectors, names] = await Promise.all([
    needsConnectors ? gw.listDataConnectors() : Promise.resolve(undefined),
    (opts.subscriptions ? Promise.resolve(opts.subscriptions) : gw.listSubscriptions())
      .then((subs) => new Map(subs.map((s) => [s.subscriptionId.toLowerCase(), s.displayName])), () => new Map<string, string>()),
  ]);
  const limit = pLimit(opts.concurrency ?? 4);
  let finished = 0;
  const results = await Promise.all(ids.map((id) => limit(async () => {
    const result: ChangeResult = { ...(await attempt(gw, action, id, connectors, opts)), displayName: names.get(id.toLowerCase()) };
    finished += 1;
    opts.onProgress?.(finished, ids.length, result);
    return result;
  })));
  return { action, dryRun: !!opts.dryRun, results };
}

async function attempt(gw: AzureGateway, action: BulkAction, subscriptionId: string, connectors: DataConnectorInfo[] | undefined, opts: BulkOptions): Promise<ChangeResult> {
  const retries = opts.retries ?? 2;
  for (let n = 0; ; n++) {
    try {
      return await runOne(gw, action, subscriptionId, connectors, opts.dryRun);
    } catch (error) {
      const problem = problemOf(error);
      const wait = problem.retryAfterMs ?? 1000 * 2 ** n;
      if (!problem.retryable || n >= retries || wait > (opts.maxRetryWaitMs ?? 60_000)) {
        return { subscriptionId, outcome: 'failed', detail: problem.message, problem };
      }
      await sleep(wait);
    }
  }
}

function runOne(gw: AzureGateway, action: BulkAction, subscriptionId: string, connectors: DataConnectorInfo[] | undefined, dryRun?: boolean): Promise<ChangeResult> {
  switch (action) {
    case 'connect': return connectSubscription(gw, subscriptionId, { dryRun, connectors });
    case 'disconnect': return disconnectSubscription(gw, subscriptionId, { dryRun, connectors });
    case 'sync-on': return setBiDirectionalSync(gw, subscriptionId, true, { dryRun });
    case 'sync-off': return setBiDirectionalSync(gw, subscriptionId, false, { dryRun });
    case 'register-provider': return registerProvider(gw, subscriptionId, { dryRun });
  }
}
