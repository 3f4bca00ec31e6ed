// Sentinel incidents: list with their alert ids, close with a classification.
import pLimit from 'p-limit';
import { classificationReasonFor } from '../domain/changes';
import type { IncidentClassification, IncidentSummary } from '../domain/types';
import type { AzureGateway } from './ports';

export interface ListIncidentsOptions {
  status?: 'open' | 'all';
  limit?: number;
}

export async function listIncidents(gw: AzureGateway, opts: ListIncidentsOptions = {}): Promise<IncidentSummary[]> {
  const incidents = await gw.listIncidents({ status: opts.status ?? 'open', top: opts.limit ?? 20 });
  const limit = pLimit(8);
  return Promise.all(incidents.map((i) => limit(async () => ({ ...i, alertIds: await gw.listIncidentAlertIds(i.id) }))));
}

export interface CloseIncident {
  classification: IncidentClassification;
  /** classificationReason; defaults to the natural reason for the classification. */
  reason?: string;
  comment?: string;
}

export async function closeIncident(gw: AzureGateway, incidentId: string, close: CloseIncident): Promise<IncidentSummary> {
  const closed = await gw.closeIncident(incidentId, {
    classification: close.classification,
    classificationReason: classificationReasonFor(close.classification, close.reason),
    classificationComment: close.comment,
  });
  return { ...closed, alertIds: await gw.listIncidentAlertIds(incidentId) };
}
