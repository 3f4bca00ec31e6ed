// SecurityAlert rows → AlertRecord. Rows come from Log Analytics, where several columns hold JSON inside strings
// and some are empty for some products: parse defensively, never throw on a malformed cell.
import { parseSeverity } from './severity';
import type { AlertRecord, AlertStatus, QueryTable } from './types';
import type { DefenderAlertRef } from './resources';

export type Row = Record<string, unknown>;

export function tableToRows(table: QueryTable): Row[] {
  return table.rows.map((cells) => Object.fromEntries(table.columns.map((c, i) => [c.name, cells[i]])));
}

function text(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return value.toISOString();
  const s = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return s === '' ? undefined : s;
}

/** A JSON-in-a-string cell (or an already-parsed dynamic cell); undefined when absent or malformed. */
export function parseJsonCell(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? undefined;
  const s = value.trim();
  if (!s) return undefined;
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

/** Tactics/Techniques/RemediationSteps arrive as JSON-array strings or (Tactics) comma-separated text; prose is not split. */
export function stringList(value: unknown, splitCommas = true): string[] {
  const parsed = parseJsonCell(value);
  if (Array.isArray(parsed)) return parsed.map((v) => text(v)).filter((v): v is string => !!v);
  const raw = text(value);
  if (!raw) return [];
  return splitCommas ? raw.split(',').map((s) => s.trim()).filter(Boolean) : [raw];
}

function record(value: unknown): Record<string, unknown> {
  const parsed = parseJsonCell(value);
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
}

const STATUSES: readonly AlertStatus[] = ['New', 'InProgress', 'Resolved', 'Dismissed'];

export function alertStatus(value: unknown): AlertStatus {
  const s = text(value)?.toLowerCase();
  if (s === 'active') return 'New'; // Defender's "Active" is Sentinel's "New"
  return STATUSES.find((x) => x.toLowerCase() === s) ?? 'Unknown';
}

const SUBSCRIPTION_IN_PATH = /\/subscriptions\/([0-9a-f-]{36})(?:\/|$)/i;
const ALERT_ID_PATH = /\/subscriptions\/([0-9a-f-]{36})\/(?:resourceGroups\/[^/]+\/)?providers\/Microsoft\.Security\/locations\/([^/]+)\/alerts\/([^/?#]+)/i;

function segmentAfter(link: string, key: string): string | undefined {
  const m = new RegExp(`/${key}/([^/?#]+)`, 'i').exec(link);
  return m ? decodeURIComponent(m[1]) : undefined;
}

/**
 * Where the Defender alert lives, for resolve/dismiss. Real MDC rows carry it in AlertLink, a portal deep link of the form
 * `…/AlertBlade/alertId/{name}/subscriptionId/{sub}/resourceGroup/{rg}/referencedFrom/alertDeepLink/location/{location}`.
 * Fallbacks, in order: an ARM alert id in ExtendedProperties or ResourceId; VendorOriginalId as the name with the
 * subscription from ResourceId and the location from ExtendedProperties.
 */
export function defenderCoordinates(row: Row): DefenderAlertRef | undefined {
  const ext = record(row.ExtendedProperties);
  for (const candidate of [ext['AlertId'], ext['Alert Id'], ext['alertId'], row.ResourceId, row.AlertLink]) {
    const m = ALERT_ID_PATH.exec(text(candidate) ?? '');
    if (m) return { subscriptionId: m[1], location: m[2], name: m[3] };
  }
  const link = text(row.AlertLink) ?? '';
  const name = segmentAfter(link, 'alertId') ?? text(row.VendorOriginalId);
  const subscriptionId = segmentAfter(link, 'subscriptionId') ?? SUBSCRIPTION_IN_PATH.exec(text(row.ResourceId) ?? '')?.[1];
  const location = segmentAfter(link, 'location') ?? text(ext['Location']) ?? text(ext['location']) ?? text(ext['ascLocation']);
  return name && subscriptionId && location ? { subscriptionId, location, name } : undefined;
}

export function alertFromRow(row: Row): AlertRecord {
  const displayName = text(row.DisplayName) ?? text(row.AlertName) ?? 'Defender for Cloud alert';
  const defender = defenderCoordinates(row);
  const resourceId = text(row.ResourceId);
  return {
    systemAlertId: text(row.SystemAlertId) ?? '',
    ingestedAt: text(row.IngestedAt) ?? text(row.TimeGenerated) ?? '',
    timeGenerated: text(row.TimeGenerated) ?? '',
    startTime: text(row.StartTime),
    alertName: text(row.AlertName) ?? displayName,
    displayName,
    alertType: text(row.AlertType),
    severity: parseSeverity(text(row.AlertSeverity) ?? '') ?? 'Informational',
    status: alertStatus(row.Status),
    description: text(row.Description) ?? '',
    compromisedEntity: text(row.CompromisedEntity),
    resourceId,
    subscriptionId: SUBSCRIPTION_IN_PATH.exec(resourceId ?? '')?.[1] ?? defender?.subscriptionId,
    productComponentName: text(row.ProductComponentName),
    alertLink: text(row.AlertLink),
    tactics: stringList(row.Tactics),
    techniques: stringList(row.Techniques),
    remediationSteps: stringList(row.RemediationSteps, false),
    defender,
  };
}
