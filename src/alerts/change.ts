// Who changed an alert, remembered from the Slack click that caused it, and how the thread reply says it.
import { statusLabel } from './card';
import type { AlertStatus, IncidentClassification } from '../domain/types';

/** Remembered when a Slack user acts, so the next status change can name them. */
export interface AlertActor {
  userId: string;
  /** The status the click asked for; an actor only explains a change to this status. */
  expectedStatus?: AlertStatus;
  at: string;
  /** Set when the change came from closing the alert's incident. */
  incident?: { number?: number; classification: IncidentClassification };
}

/** How long a click may explain a later change (bi-directional sync takes "a few minutes"). */
export const ACTOR_MEMORY_MS = 24 * 60 * 60_000;

export function actorExplains(actor: AlertActor | undefined, to: AlertStatus, now: Date): actor is AlertActor {
  if (!actor) return false;
  if (now.getTime() - Date.parse(actor.at) > ACTOR_MEMORY_MS) return false;
  return actor.expectedStatus === undefined || actor.expectedStatus === to;
}

/** Thread reply text (mrkdwn). Only ids and fixed words are interpolated, so nothing needs escaping. */
export function describeStatusChange(from: AlertStatus, to: AlertStatus, actor: AlertActor | undefined): string {
  const what = `Status changed: *${statusLabel(from)}* → *${statusLabel(to)}*`;
  if (!actor) return `${what} in Defender for Cloud.`;
  if (actor.incident) {
    const number = actor.incident.number !== undefined ? ` #${actor.incident.number}` : '';
    return `${what} after <@${actor.userId}> closed incident${number} as ${actor.incident.classification}.`;
  }
  return `${what} by <@${actor.userId}>.`;
}

export function describeIncidentClosed(actor: AlertActor): string {
  const number = actor.incident?.number !== undefined ? ` #${actor.incident.number}` : '';
  return `<@${actor.userId}> closed incident${number} as ${actor.incident?.classification ?? 'Undetermined'}.`;
}
