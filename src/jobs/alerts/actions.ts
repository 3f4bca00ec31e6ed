// Card button work in the worker: change the alert in Defender for Cloud or close its Sentinel incident, remember
// who did it, and bring every card of the alert up to date. Authorization was checked at click time.
import { statusAfter } from '../../alerts/card';
import { describeIncidentClosed, type AlertActor } from '../../alerts/change';
import { closeIncident, setAlertStatus } from '../../operations';
import { AzureProblemError } from '../../domain/errors';
import { incidentKey } from '../../alerts/sync';
import type { AlertJobDeps } from './deps';
import type { AlertActionData, IncidentCloseData } from './names';

async function syncAllCards(deps: AlertJobDeps, systemAlertId: string, fields: Parameters<AlertJobDeps['store']['updateRecord']>[2], reply?: string): Promise<number> {
  const channels = await deps.store.channelsOf(systemAlertId);
  const cards: { channel: string; systemAlertId: string; severity: 'High' }[] = [];
  for (const channel of channels) {
    const record = await deps.store.getRecord(channel, systemAlertId);
    if (!record || record.mode !== 'card') continue;
    await deps.store.updateRecord(channel, systemAlertId, fields);
    if (reply) await deps.store.pushReply(channel, systemAlertId, reply);
    cards.push({ channel, systemAlertId, severity: 'High' });
  }
  // Clicks jump the queue: someone is looking at the card.
  await deps.enqueue.syncCards(cards);
  return cards.length;
}

export async function runAlertAction(deps: AlertJobDeps, data: AlertActionData): Promise<{ status: string }> {
  const snapshot = await deps.store.getSnapshot(data.systemAlertId);
  if (!snapshot?.defender) {
    throw new AzureProblemError({
      code: 'AlertNotFound',
      message: 'This alert cannot be changed from Slack: its Defender for Cloud location is unknown.',
      fix: 'Open it in Defender for Cloud with the link on the card.',
      retryable: false,
    });
  }
  await setAlertStatus(deps.gateway, snapshot.defender, data.action);
  const status = statusAfter(data.action);
  const actor: AlertActor = { userId: data.userId, expectedStatus: status, at: deps.now().toISOString() };
  await deps.store.setActor(data.systemAlertId, actor);
  // lastIngestedAt stays: the row Defender writes for this change is newer and will read as "unchanged".
  await syncAllCards(deps, data.systemAlertId, { lastStatus: status });
  return { status };
}

export async function runIncidentClose(deps: AlertJobDeps, data: IncidentCloseData): Promise<{ alerts: number }> {
  const closed = await closeIncident(deps.gateway, data.incidentId, { classification: data.classification, reason: data.reason, comment: data.comment });
  const actor: AlertActor = {
    userId: data.userId,
    // With bi-directional sync Defender resolves the incident's alerts; the next poll's rows name this person.
    expectedStatus: 'Resolved',
    at: deps.now().toISOString(),
    incident: { number: closed.number, classification: data.classification },
  };
  const alertIds = closed.alertIds.length ? closed.alertIds : [data.systemAlertId];
  await deps.store.setIncidentStates(new Map([[closed.id, { status: 'Closed', number: closed.number }]]));
  await deps.store.setIncidentOf(alertIds.map((id) => [id, { id: closed.id, number: closed.number, status: 'Closed', ...(closed.url ? { url: closed.url } : {}) }]));
  const sync = await syncNote(deps, data.systemAlertId);
  for (const id of alertIds) {
    await deps.store.setActor(id, actor);
    await syncAllCards(deps, id, { incidentId: closed.id, incidentStatus: 'Closed', incidentNumber: closed.number }, `${describeIncidentClosed(actor)} ${sync}`);
  }
  deps.logger.info({ incident: closed.id, alerts: alertIds.length, key: incidentKey(closed.id, 'Closed') }, 'incident closed from an alert card');
  return { alerts: alertIds.length };
}

/** Says what happens to the Defender alert next, which depends on bi-directional sync for its subscription. */
async function syncNote(deps: AlertJobDeps, systemAlertId: string): Promise<string> {
  const snapshot = await deps.store.getSnapshot(systemAlertId);
  const subscriptionId = snapshot?.defender?.subscriptionId ?? snapshot?.subscriptionId;
  if (!subscriptionId) return '';
  try {
    const setting = await deps.gateway.getAlertSyncSetting(subscriptionId);
    return setting?.enabled
      ? 'Bi-directional sync is on: Defender for Cloud will resolve the alert in a few minutes, and this card will follow.'
      : 'Bi-directional sync is off for this subscription: the alert stays open in Defender for Cloud.';
  } catch {
    return '';
  }
}
