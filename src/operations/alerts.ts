// Defender for Cloud alerts as Sentinel sees them (SecurityAlert), and acting on them in Defender for Cloud.
import { alertFromRow, tableToRows } from '../domain/alerts';
import { alertsQuery, isoDuration, isTimespan } from '../domain/kql';
import type { DefenderAlertAction, DefenderAlertRef } from '../domain/resources';
import type { AlertRecord, AlertStatus, Severity } from '../domain/types';
import type { AzureGateway } from './ports';

export interface ListAlertsOptions {
  severities?: Severity[];
  /** ISO date/time, or a time span back from now such as 24h or 7d (default 24h). */
  since?: string;
  subscriptionIds?: string[];
  statuses?: AlertStatus[];
  limit?: number;
  /** Free text, or Column:value (see domain/kql userFilter). */
  filter?: string;
}

export async function listAlerts(gw: AzureGateway, opts: ListAlertsOptions = {}): Promise<AlertRecord[]> {
  const since = opts.since ?? '24h';
  const kql = alertsQuery({ ...opts, since });
  // The API timespan only needs to cover the query's own window; a relative window maps directly.
  const { table } = await gw.queryLogs(kql, isTimespan(since) ? isoDuration(since) : undefined);
  return tableToRows(table).map(alertFromRow);
}

export async function setAlertStatus(gw: AzureGateway, alert: DefenderAlertRef, action: DefenderAlertAction): Promise<void> {
  await gw.setDefenderAlertStatus({ subscriptionId: alert.subscriptionId, location: alert.location, name: alert.name }, action);
}
