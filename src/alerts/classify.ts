// New vs changed vs ignored for one SecurityAlert row (latest per SystemAlertId) against what a channel has seen.
import type { AlertRecord, AlertStatus } from '../domain/types';

/** What the store remembers per SystemAlertId and channel, as far as classification needs it. */
export interface SeenState {
  lastStatus: AlertStatus;
  lastIngestedAt: string;
  incidentId?: string;
  incidentStatus?: string;
}

export type RowVerdict =
  | { kind: 'new' }
  | { kind: 'changed'; statusFrom?: AlertStatus; statusTo?: AlertStatus; incidentChanged: boolean }
  | { kind: 'ignored'; reason: 'unchanged' | 'already-seen' };

function incidentChanged(alert: Pick<AlertRecord, 'incident'>, seen: SeenState): boolean {
  if (!alert.incident) return false; // incidents are looked up separately; a missing lookup is not a change
  return alert.incident.id !== seen.incidentId || alert.incident.status !== seen.incidentStatus;
}

/**
 * A row is "new" when this channel has never seen the alert. A status counts as changed only on a row ingested
 * after the one we last acted on: the overlap window re-reads old rows, and a Slack click may already have moved
 * lastStatus ahead of the table.
 */
export function classifyRow(alert: Pick<AlertRecord, 'status' | 'ingestedAt' | 'incident'>, seen: SeenState | undefined): RowVerdict {
  if (!seen) return { kind: 'new' };
  const newer = Date.parse(alert.ingestedAt) > Date.parse(seen.lastIngestedAt);
  const statusChanged = newer && alert.status !== seen.lastStatus;
  const incident = incidentChanged(alert, seen);
  if (statusChanged || incident) {
    return statusChanged ? { kind: 'changed', statusFrom: seen.lastStatus, statusTo: alert.status, incidentChanged: incident } : { kind: 'changed', incidentChanged: true };
  }
  return { kind: 'ignored', reason: newer ? 'unchanged' : 'already-seen' };
}
