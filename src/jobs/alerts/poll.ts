// One poll: read SecurityAlert since the watermark in slices, decide per channel, write decisions, enqueue Slack work.
// Decisions are written to Redis before any Slack call, so a crash or a second worker never decides twice.
import pLimit from 'p-limit';
import { cardNeedsSync, incidentKey } from '../../alerts/sync';
import { decidePoll, type AlertChange } from '../../alerts/decide';
import { addToDigest, isDigestOpen, moveDigestStatus, newDigest, type DigestState } from '../../alerts/digest';
import { afterSlice, firstSlice, initialWatermark, type SliceRequest } from '../../alerts/intake';
import { effectiveRoutes, type AlertRoute } from '../../alerts/routes';
import { planChannel, type PriorPlan } from '../../alerts/storm';
import { alertFromRow, tableToRows } from '../../domain/alerts';
import { newAlertsQuery } from '../../domain/kql';
import type { AlertRecord } from '../../domain/types';
import { seenKey, type AlertIncident, type AlertMessageRecord } from '../../store/alerts';
import { problemOf } from '../classify-error';
import type { AlertJobDeps } from './deps';
import { alertMetrics } from './metrics';

export interface PollSummary {
  outcome: 'ok' | 'partial' | 'error';
  slices: number;
  rows: number;
  newCards: number;
  digested: number;
  changes: number;
  watermark: string;
  /** Slices Log Analytics answered only in part; their window is read again with a smaller row limit (down to minLimit). */
  partialSlices: number;
  /** Row limit intake continues with, and whether partial answers have reduced it below the configured one. */
  limit: number;
  reducedLimit: boolean;
  stop?: string;
  error?: string;
}

/** How many incidents the poller watches for alert membership and closure. */
const INCIDENTS_WATCHED = 200;

/**
 * Incidents that are new or changed status since the last poll, as alertId → incident. A failure here is logged and
 * skipped: cards still go out, they just learn about their incident on a later poll.
 */
async function refreshIncidents(deps: AlertJobDeps): Promise<Map<string, AlertIncident>> {
  const touched = new Map<string, AlertIncident>();
  try {
    const incidents = await deps.gateway.listIncidents({ status: 'all', top: INCIDENTS_WATCHED });
    const known = await deps.store.getIncidentStates();
    const changed = incidents.filter((i) => known.get(i.id)?.status !== i.status);
    const limit = pLimit(4);
    const members = await Promise.all(changed.map((i) => limit(() => deps.gateway.listIncidentAlertIds(i.id))));
    const entries: [string, AlertIncident][] = [];
    changed.forEach((i, n) => {
      for (const alertId of members[n]) {
        const incident: AlertIncident = { id: i.id, number: i.number, status: i.status, ...(i.url ? { url: i.url } : {}) };
        entries.push([alertId, incident]);
        touched.set(alertId, incident);
      }
    });
    await deps.store.setIncidentOf(entries);
    await deps.store.setIncidentStates(new Map(changed.map((i) => [i.id, { status: i.status, number: i.number }])));
  } catch (err) {
    deps.logger.warn({ problem: problemOf(err) }, 'alert poll: could not read incidents; cards will pick them up later');
  }
  return touched;
}

interface BatchCounts {
  newCards: number;
  digested: number;
  changes: number;
}

function recordFor(alert: AlertRecord, channel: string, mode: 'card' | 'digest', now: Date, digestId?: string): AlertMessageRecord {
  return {
    systemAlertId: alert.systemAlertId,
    channel,
    mode,
    severity: alert.severity,
    firstSeenAt: now.toISOString(),
    lastStatus: alert.status,
    lastIngestedAt: alert.ingestedAt,
    ...(digestId ? { digestId } : {}),
    ...(alert.incident ? { incidentId: alert.incident.id, incidentStatus: alert.incident.status, incidentNumber: alert.incident.number } : {}),
  };
}

function changeFields(change: AlertChange): Partial<AlertMessageRecord> {
  const a = change.alert;
  return {
    ...(change.statusTo ? { lastStatus: change.statusTo, lastIngestedAt: a.ingestedAt } : {}),
    ...(a.incident ? { incidentId: a.incident.id, incidentStatus: a.incident.status, incidentNumber: a.incident.number } : {}),
  };
}

/** Decides one batch of alerts (one slice, or the cards whose incident changed) and hands Slack work to the queue. */
async function processBatch(deps: AlertJobDeps, alerts: AlertRecord[], routes: AlertRoute[], now: Date, planned: Map<string, PriorPlan>): Promise<BatchCounts> {
  const { store } = deps;
  const ids = alerts.map((a) => a.systemAlertId);
  const incidents = await store.getIncidentsOf(ids);
  for (const a of alerts) a.incident ??= incidents.get(a.systemAlertId);

  const { records, channelsById } = await store.loadSeen(ids, [...new Set(routes.map((r) => r.channel))]);
  const decision = decidePoll(alerts, routes, {
    seen: (channel, id) => records.get(seenKey(channel, id)),
    channelsSeen: (id) => channelsById.get(id) ?? [],
  });

  const created: AlertMessageRecord[] = [];
  const snapshots = new Map<string, AlertRecord>();
  const cardJobs = new Map<string, { channel: string; systemAlertId: string; severity: AlertRecord['severity'] }>();
  const digests = new Map<string, DigestState>();
  const queueCard = (channel: string, a: { systemAlertId: string; severity: AlertRecord['severity'] }) =>
    cardJobs.set(seenKey(channel, a.systemAlertId), { channel, systemAlertId: a.systemAlertId, severity: a.severity });

  const openDigest = new Map<string, string>();
  const digestKey = (d: DigestState) => seenKey(d.channel, d.id);
  async function channelDigest(channel: string): Promise<DigestState> {
    const cachedId = openDigest.get(channel);
    if (cachedId) return digests.get(seenKey(channel, cachedId)) as DigestState;
    const currentId = await store.currentDigestId(channel);
    const current = currentId ? (await store.getDigest(channel, currentId))?.state : undefined;
    const digest = isDigestOpen(current, now) ? current : newDigest(`d${now.getTime()}`, channel, now);
    openDigest.set(channel, digest.id);
    return digest;
  }

  let newCards = 0;
  let digested = 0;
  for (const [channel, list] of decision.newByChannel) {
    const prior = planned.get(channel) ?? { cards: 0, storm: false };
    const plan = planChannel(channel, list, deps.storm, prior);
    planned.set(channel, { cards: prior.cards + plan.cards.length, storm: prior.storm || plan.digested.length > 0 });
    for (const a of plan.cards) {
      created.push(recordFor(a, channel, 'card', now));
      snapshots.set(a.systemAlertId, a);
      queueCard(channel, a);
    }
    if (plan.digested.length) {
      const digest = addToDigest(await channelDigest(channel), plan.digested, plan.cards.length, now);
      digests.set(digestKey(digest), digest);
      for (const a of plan.digested) created.push(recordFor(a, channel, 'digest', now, digest.id));
    }
    newCards += plan.cards.length;
    digested += plan.digested.length;
  }

  const updated: { channel: string; systemAlertId: string; fields: Partial<AlertMessageRecord> }[] = [];
  for (const change of decision.changes) {
    const record = records.get(seenKey(change.channel, change.alert.systemAlertId));
    if (!record) continue;
    updated.push({ channel: change.channel, systemAlertId: change.alert.systemAlertId, fields: changeFields(change) });
    if (record.mode === 'card') {
      snapshots.set(change.alert.systemAlertId, change.alert);
      queueCard(change.channel, change.alert);
    } else if (change.statusFrom && change.statusTo && record.digestId) {
      const key = seenKey(change.channel, record.digestId);
      const digest = digests.get(key) ?? (await store.getDigest(change.channel, record.digestId))?.state;
      if (digest) digests.set(key, moveDigestStatus(digest, change.statusFrom, change.statusTo));
    }
  }

  // Repair: a card decided earlier whose post or update never happened (crash between steps) is queued again.
  for (const record of records.values()) {
    if (cardNeedsSync(record)) queueCard(record.channel, record);
  }

  await store.applyPollWrites({ created, updated, snapshots: [...snapshots.values()], digests: [...digests.values()] });
  for (const digest of digests.values()) await deps.enqueue.syncDigest({ channel: digest.channel, digestId: digest.id });
  await deps.enqueue.syncCards([...cardJobs.values()]);

  alertMetrics.decisions.inc({ kind: 'card' }, newCards);
  alertMetrics.decisions.inc({ kind: 'digest' }, digested);
  alertMetrics.decisions.inc({ kind: 'change' }, decision.changes.length);
  alertMetrics.decisions.inc({ kind: 'ignored' }, decision.ignored);
  return { newCards, digested, changes: decision.changes.length };
}

/** Cards whose incident appeared or changed although the alert itself wrote no new row. */
async function incidentOnlyChanges(deps: AlertJobDeps, touched: Map<string, AlertIncident>, seenInSlices: Set<string>): Promise<AlertRecord[]> {
  const out: AlertRecord[] = [];
  for (const [alertId, incident] of touched) {
    if (seenInSlices.has(alertId)) continue;
    const snapshot = await deps.store.getSnapshot(alertId);
    if (snapshot && incidentKey(snapshot.incident?.id, snapshot.incident?.status) !== incidentKey(incident.id, incident.status)) out.push({ ...snapshot, incident });
  }
  return out;
}

async function repairDigests(deps: AlertJobDeps, routes: AlertRoute[]): Promise<void> {
  for (const channel of new Set(routes.map((r) => r.channel))) {
    const id = await deps.store.currentDigestId(channel);
    const digest = id ? await deps.store.getDigest(channel, id) : undefined;
    if (id && digest && !digest.ts) await deps.enqueue.syncDigest({ channel, digestId: id });
  }
}

function newest(alerts: AlertRecord[]): string | undefined {
  let best: string | undefined;
  for (const a of alerts) if (a.ingestedAt && (!best || Date.parse(a.ingestedAt) > Date.parse(best))) best = a.ingestedAt;
  return best;
}

/**
 * Reads everything ingested since the watermark (minus the overlap), slice by slice, and acts on it. The watermark
 * only moves to ingestion times actually read; a query error leaves it for the next tick, a partial answer is
 * processed but does not move it: its window is read again with a smaller row limit, which is remembered with the
 * watermark so the next poll starts there instead of repeating the oversized query.
 */
export async function pollOnce(deps: AlertJobDeps): Promise<PollSummary> {
  const now = deps.now();
  const routes = effectiveRoutes(await deps.routes.list(), deps.config.alerts);
  let watermark = (await deps.store.getWatermark()) ?? initialWatermark(now, deps.intake);
  let request: SliceRequest | undefined = firstSlice(watermark, now, deps.intake, await deps.store.getSliceLimit(watermark));
  let limit = request.limit;
  const summary: PollSummary = { outcome: 'ok', slices: 0, rows: 0, newCards: 0, digested: 0, changes: 0, watermark, partialSlices: 0, limit, reducedLimit: false };
  if (!routes.length) {
    deps.logger.debug('alert poll: no route and no ALERT_CHANNEL; nothing to post to');
  }
  const touched = await refreshIncidents(deps);
  const seenInSlices = new Set<string>();
  // Per channel plan so far in this poll, so storm limits span every slice.
  const planned = new Map<string, PriorPlan>();
  let spentSlices = 0;
  try {
    while (request) {
      const { table, partialError } = await deps.gateway.queryLogs(newAlertsQuery(request), `P${request.guardDays}D`);
      const alerts = tableToRows(table).map(alertFromRow).filter((a) => a.systemAlertId && a.ingestedAt);
      for (const a of alerts) seenInSlices.add(a.systemAlertId);
      const counts = await processBatch(deps, alerts, routes, now, planned);
      summary.newCards += counts.newCards;
      summary.digested += counts.digested;
      summary.changes += counts.changes;
      summary.rows += table.rows.length;
      const step = afterSlice(watermark, request, { rows: table.rows.length, maxIngestedAt: newest(alerts), partial: !!partialError }, spentSlices, deps.intake, now);
      summary.slices++;
      if (partialError) {
        summary.partialSlices++;
        deps.logger.warn({ problem: partialError, rows: alerts.length, limit: request.limit, nextLimit: step.limit, stop: step.stop }, 'alert poll: partial result; watermark kept');
      }
      if (step.watermark !== watermark || partialError) spentSlices++;
      if (step.watermark !== watermark) await deps.store.advanceWatermark(step.watermark);
      // After the watermark: a crash in between leaves a limit for the old watermark, which the next poll ignores.
      await deps.store.setSliceLimit(step.watermark, step.limit < deps.intake.limit ? step.limit : undefined);
      watermark = step.watermark;
      limit = step.limit;
      request = step.next;
      if (step.stop) summary.stop = step.stop;
      if (step.stop === 'partial') summary.outcome = 'partial';
    }
    const incidentOnly = await incidentOnlyChanges(deps, touched, seenInSlices);
    if (incidentOnly.length) summary.changes += (await processBatch(deps, incidentOnly, [], now, planned)).changes;
    await repairDigests(deps, routes);
  } catch (err) {
    const problem = problemOf(err);
    summary.outcome = 'error';
    summary.error = problem.message;
    deps.logger.error({ problem }, 'alert poll failed; the watermark is unchanged and the next tick retries');
  }
  summary.watermark = watermark;
  summary.limit = limit;
  summary.reducedLimit = limit < deps.intake.limit;
  alertMetrics.polls.inc({ outcome: summary.outcome });
  alertMetrics.partialSlices.inc(summary.partialSlices);
  alertMetrics.sliceLimit.set(limit);
  alertMetrics.rows.inc(summary.rows);
  alertMetrics.watermarkLag.set(Math.max(0, (now.getTime() - Date.parse(watermark)) / 1000));
  if (summary.rows) deps.logger.info(summary, 'alert poll');
  return summary;
}
