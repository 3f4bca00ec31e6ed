// Whether a channel's message for an alert lags behind what the poller decided (repairs a crash between steps).
import type { AlertStatus } from '../domain/types';

export interface CardSyncState {
  mode: 'card' | 'digest';
  ts?: string;
  lastStatus: AlertStatus;
  renderedStatus?: AlertStatus;
  incidentId?: string;
  incidentStatus?: string;
  renderedIncident?: string;
}

/** The incident part of a card, as one comparable string. */
export function incidentKey(incidentId?: string, incidentStatus?: string): string {
  return incidentId ? `${incidentId}|${incidentStatus ?? ''}` : '';
}

export function cardNeedsSync(state: CardSyncState): boolean {
  if (state.mode !== 'card') return false;
  if (!state.ts) return true;
  return state.renderedStatus !== state.lastStatus || (state.renderedIncident ?? '') !== incidentKey(state.incidentId, state.incidentStatus);
}
