// Brings one alert card in one channel up to date: post it once (claim + reconcile), else update it in place and
// post the thread replies that explain what changed.
import { randomUUID } from 'node:crypto';
import { actorExplains, describeStatusChange } from '../../alerts/change';
import { statusLabel } from '../../alerts/card';
import { defenderAlertUrl, sentinelUrl } from '../../alerts/links';
import { incidentKey } from '../../alerts/sync';
import type { AlertRecord } from '../../domain/types';
import type { AlertMessageRecord } from '../../store/alerts';
import { alertCardMessage } from '../../slack/alerts/card-view';
import { ALERT_EVENT_TYPE } from '../../slack/alerts/ids';
import { SlackRetryLater } from '../../slack/alerts/notifier';
import type { AlertJobDeps } from './deps';
import type { SyncCardData } from './names';

/** Long enough for a paced post plus a reconcile; short enough that a crashed worker's claim frees up quickly. */
export const CLAIM_TTL_MS = 60_000;
/** Another job holds the message: come back shortly rather than wait on the lock. */
const BUSY_RETRY_MS = 1000;

export type SyncOutcome = 'posted' | 'adopted' | 'updated' | 'unchanged' | 'skipped';

async function cardFor(deps: AlertJobDeps, record: AlertMessageRecord, snapshot: AlertRecord) {
  const actor = await deps.store.getActor(record.systemAlertId);
  const explained = actorExplains(actor, record.lastStatus, deps.now()) ? actor : undefined;
  const incident = record.incidentId ? { id: record.incidentId, number: record.incidentNumber, status: record.incidentStatus ?? 'New' } : undefined;
  return {
    message: alertCardMessage({
      alert: snapshot,
      status: record.lastStatus,
      incident,
      links: { defender: defenderAlertUrl(snapshot, deps.portal), sentinel: sentinelUrl(snapshot.incident, deps.portal) },
      ...(explained ? { lastChange: `${statusLabel(record.lastStatus)} by <@${explained.userId}>` } : {}),
    }),
    actor: explained,
  };
}

async function drainReplies(deps: AlertJobDeps, channel: string, id: string, threadTs: string): Promise<void> {
  for (let text = await deps.store.nextReply(channel, id); text; text = await deps.store.nextReply(channel, id)) {
    await deps.notifier.reply(channel, threadTs, text);
    await deps.store.replyPosted(channel, id);
  }
}

export async function syncCard(deps: AlertJobDeps, { channel, systemAlertId }: SyncCardData): Promise<SyncOutcome> {
  const { store, notifier } = deps;
  const lock = randomUUID();
  if (!(await store.claim(channel, systemAlertId, lock, CLAIM_TTL_MS))) throw new SlackRetryLater(BUSY_RETRY_MS, 'paced');
  try {
    const record = await store.getRecord(channel, systemAlertId);
    if (!record || record.mode !== 'card') return 'skipped';
    const snapshot = await store.getSnapshot(systemAlertId);
    if (!snapshot) {
      deps.logger.warn({ channel, systemAlertId }, 'alert card: no alert snapshot; nothing to render');
      return 'skipped';
    }
    const rendered = { renderedStatus: record.lastStatus, renderedIncident: incidentKey(record.incidentId, record.incidentStatus) };
    const { message, actor } = await cardFor(deps, record, snapshot);
    const metadata = { event_type: ALERT_EVENT_TYPE, event_payload: { systemAlertId } };

    if (!record.ts) {
      // A post may have reached Slack before a crash: look for it before posting again.
      const found = record.pendingSince ? await notifier.findPosted(channel, metadata, record.pendingSince) : undefined;
      if (found) {
        await store.updateRecord(channel, systemAlertId, { ts: found }, ['pendingSince', 'renderedStatus']);
        await notifier.update(channel, found, message);
        await store.markRendered(channel, systemAlertId, rendered);
        return 'adopted';
      }
      await store.updateRecord(channel, systemAlertId, { pendingSince: deps.now().toISOString() });
      const ts = await notifier.post(channel, message, metadata);
      await store.updateRecord(channel, systemAlertId, { ts, ...rendered }, ['pendingSince']);
      await drainReplies(deps, channel, systemAlertId, ts);
      return 'posted';
    }

    const statusChanged = !!record.renderedStatus && record.renderedStatus !== record.lastStatus;
    const needsUpdate = record.renderedStatus !== rendered.renderedStatus || (record.renderedIncident ?? '') !== rendered.renderedIncident;
    if (needsUpdate) {
      await notifier.update(channel, record.ts, message);
      const reply = statusChanged ? describeStatusChange(record.renderedStatus!, record.lastStatus, actor) : undefined;
      await store.markRendered(channel, systemAlertId, rendered, reply);
    }
    await drainReplies(deps, channel, systemAlertId, record.ts);
    return needsUpdate ? 'updated' : 'unchanged';
  } finally {
    await store.release(channel, systemAlertId, lock);
  }
}
