// Job names, data shapes and de-duplication ids for the alert queues (queue names live in ../queues.ts).
import { createHash } from 'node:crypto';
import type { AlertActionName } from '../../alerts/card';
import type { IncidentClassification, Severity } from '../../domain/types';

export const POLL_SCHEDULER_ID = 'poll-alerts';
export const POLL_JOB = 'poll-alerts';

export const NOTIFY_JOBS = {
  syncCard: 'sync-card',
  syncDigest: 'sync-digest',
  alertAction: 'alert-action',
  incidentClose: 'incident-close',
} as const;

export interface SyncCardData {
  channel: string;
  systemAlertId: string;
}

export interface SyncDigestData {
  channel: string;
  digestId: string;
}

export interface AlertActionData {
  systemAlertId: string;
  action: AlertActionName;
  userId: string;
  channel: string;
}

export interface IncidentCloseData {
  systemAlertId: string;
  incidentId: string;
  classification: IncidentClassification;
  reason?: string;
  comment?: string;
  userId: string;
  channel: string;
}

/** BullMQ ids may not contain ':'; channel and alert ids are hashed into a short, safe token. */
function token(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 24);
}

/** One active plus one waiting sync per message at most (keepLastIfActive): the handler always renders the latest state. */
export const cardDedupId = (channel: string, systemAlertId: string) => `card-${token(channel, systemAlertId)}`;
export const digestDedupId = (channel: string, digestId: string) => `digest-${token(channel, digestId)}`;
/** A double click while the first is queued or running joins it. */
export const actionDedupId = (systemAlertId: string, action: string) => `act-${token(systemAlertId, action)}`;

/** BullMQ priority: lower runs first, so High cards go out before Low ones when a channel is busy. */
export const SEVERITY_PRIORITY: Record<Severity, number> = { High: 2, Medium: 3, Low: 4, Informational: 5 };
/** Digests go first: they account for everything that did not get a card. */
export const DIGEST_PRIORITY = 1;
/** Clicks: a human is waiting. */
export const ACTION_PRIORITY = 1;
