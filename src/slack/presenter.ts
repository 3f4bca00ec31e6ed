// How job outcomes reach Slack (used by the worker). Progress messages are edited in place at most once a second;
// every status that arrives is also saved as the snapshot (paging, filters, App Home) and the subscription-name cache.
import type { WebClient } from '@slack/web-api';
import type { AlertRecord, BulkResult, PrerequisiteReport, QueryTable, Severity } from '../domain/types';
import type { Logger } from '../log';
import type { Presenter, ProgressState, ReplyTarget } from '../ports';
import type { Redis } from '../store/redis';
import { createStatusSnapshotStore } from '../store/status-snapshot';
import { createSubscriptionsCache } from '../store/subscriptions-cache';
import { STATUS_FILTERS, type StatusFilter } from './ids';
import { createJobRecords } from './job-records';
import { Coalescer } from './throttle';
import type { Rendered } from './views/elements';
import { escapeEntities } from './views/format';
import { alertsView, queryView } from './views/lists';
import { prerequisitesView } from './views/prereqs';
import { progressView } from './views/progress';
import { statusView } from './views/status';

export interface SlackPresenterDeps {
  client: WebClient;
  redis: Redis;
  prefix: string;
  logger: Logger;
  portalUrl?: string;
  /** Minimum gap between two edits of one progress message. */
  progressIntervalMs?: number;
}

const errorCode = (err: unknown): string => (err as { data?: { error?: string } })?.data?.error ?? (err as Error)?.message ?? 'unknown';

export function createSlackPresenter(deps: SlackPresenterDeps): Presenter {
  const { client, redis, prefix, logger, portalUrl } = deps;
  const snapshot = createStatusSnapshotStore(redis, prefix);
  const names = createSubscriptionsCache(redis, prefix);
  const records = createJobRecords(redis, prefix);

  async function viaResponseUrl(url: string, body: Record<string, unknown>): Promise<void> {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`response_url answered ${res.status}`);
  }

  /** Posts into the channel; where the bot cannot post (private channel, DM with someone else) answers ephemerally. */
  async function post(target: ReplyTarget, view: Rendered): Promise<string | undefined> {
    try {
      const res = await client.chat.postMessage({ channel: target.channel, text: view.text, blocks: view.blocks, ...(target.threadTs ? { thread_ts: target.threadTs } : {}) });
      return res.ts;
    } catch (err) {
      if (!target.responseUrl) throw err;
      logger.warn({ code: errorCode(err), channel: target.channel }, 'chat.postMessage failed; answering through response_url');
      await viaResponseUrl(target.responseUrl, { response_type: 'ephemeral', replace_original: false, text: view.text, blocks: view.blocks });
      return undefined;
    }
  }

  async function update(channel: string, ts: string, view: Rendered): Promise<boolean> {
    try {
      await client.chat.update({ channel, ts, text: view.text, blocks: view.blocks });
      return true;
    } catch (err) {
      logger.warn({ code: errorCode(err), channel }, 'chat.update failed');
      return false;
    }
  }

  async function sendProgress(target: ReplyTarget, state: ProgressState): Promise<string | undefined> {
    const view = progressView(state);
    const existing = await records.message(state.jobId);
    if (existing?.ts && (await update(existing.channel, existing.ts, view))) return existing.ts;
    if (existing && !existing.ts) {
      // Only an ephemeral could be shown; repeat it once, with the final state.
      if (state.finished && target.responseUrl) await viaResponseUrl(target.responseUrl, { response_type: 'ephemeral', replace_original: true, text: view.text, blocks: view.blocks });
      return undefined;
    }
    // One poster per job, even with several worker processes: the claim is atomic in Redis.
    if (!existing && !(await records.claimMessage(state.jobId))) {
      for (let i = 0; i < 20; i++) {
        await new Promise((r) => setTimeout(r, 100));
        const m = await records.message(state.jobId);
        if (m?.ts && (await update(m.channel, m.ts, view))) return m.ts;
      }
      return undefined;
    }
    try {
      const ts = await post(target, view);
      await records.saveMessage(state.jobId, { channel: target.channel, ts: ts ?? '' });
      return ts;
    } catch (err) {
      await records.releaseMessage(state.jobId);
      throw err;
    }
  }

  const lastTs = new Map<string, string | undefined>();
  const coalescer = new Coalescer<{ target: ReplyTarget; state: ProgressState }>(async (jobId, { target, state }) => {
    try {
      lastTs.set(jobId, await sendProgress(target, state));
    } catch (err) {
      logger.error({ code: errorCode(err), jobId }, 'progress message not delivered');
    }
  }, deps.progressIntervalMs ?? 1000);

  async function progress(target: ReplyTarget, state: ProgressState): Promise<{ ts?: string }> {
    await coalescer.push(state.jobId, { target, state });
    const ts = lastTs.get(state.jobId);
    if (state.finished) lastTs.delete(state.jobId);
    return ts ? { ts } : {};
  }

  async function show(target: ReplyTarget, view: Rendered): Promise<void> {
    if (target.messageTs && (await update(target.channel, target.messageTs, view))) return;
    await post(target, view);
  }

  return {
    progress,

    async status(target, status, view) {
      await Promise.all([snapshot.save(status), names.saveFromStatus(status)]);
      const filter = (STATUS_FILTERS as readonly string[]).includes(view?.filter ?? '') ? (view?.filter as StatusFilter) : 'all';
      await show(target, statusView(status, { filter, page: view?.page ?? 0, portalUrl }));
    },

    async prerequisites(target, report: PrerequisiteReport) {
      await post(target, prerequisitesView(report));
    },

    async bulkResult(target, result: BulkResult & { jobId: string }) {
      const { jobId, ...bulk } = result;
      await records.saveResult(jobId, bulk);
      // The worker normally sends the final progress state first; draw it here only if no progress message exists.
      if (await records.message(jobId)) return;
      const request = await records.request(jobId);
      await progress(target, {
        jobId,
        action: bulk.action,
        dryRun: bulk.dryRun,
        total: bulk.results.length,
        results: bulk.results,
        finished: true,
        requestedBy: request?.requestedBy.userId ?? target.userId,
      });
    },

    async alerts(target, alerts: AlertRecord[], filter: { severities?: Severity[]; since?: string }) {
      await post(target, alertsView(alerts, filter));
    },

    async queryResult(target, name: string, table: QueryTable) {
      await post(target, queryView(name, table));
    },

    async notice(target, plain) {
      // Notices carry Azure and user text: neutralize <!channel>, <@U…> and links, keep `code` formatting.
      const text = escapeEntities(plain);
      try {
        await client.chat.postEphemeral({ channel: target.channel, user: target.userId, text });
        return;
      } catch (err) {
        logger.warn({ code: errorCode(err) }, 'chat.postEphemeral failed');
      }
      if (target.responseUrl) {
        await viaResponseUrl(target.responseUrl, { response_type: 'ephemeral', replace_original: false, text }).catch((err) =>
          logger.warn({ err: (err as Error).message }, 'response_url notice failed'),
        );
        return;
      }
      await client.chat.postMessage({ channel: target.userId, text });
    },
  };
}
