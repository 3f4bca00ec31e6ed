// The only way user values reach KQL. Every literal is built here: strings escaped, datetimes and timespans
// validated, identifiers whitelisted. Query text is assembled from these pieces and fixed fragments only.
import type { AlertStatus, Severity } from './types';

export class KqlInputError extends Error {}

/** Defender for Cloud rows: the constant product name, plus the newer brand (domain.md §4.1, §4.4). */
export const MDC_PRODUCT_NAMES = ['Azure Security Center', 'Microsoft Defender for Cloud'] as const;

/** SecurityAlert columns a filter may name. Anything else is rejected, never interpolated. */
export const SECURITY_ALERT_COLUMNS = [
  'AlertName', 'AlertSeverity', 'AlertType', 'CompromisedEntity', 'Description', 'DisplayName', 'ProductComponentName',
  'ProductName', 'ResourceId', 'Status', 'SystemAlertId', 'Tactics', 'Techniques', 'VendorName', 'AlertLink',
] as const;
export type SecurityAlertColumn = (typeof SECURITY_ALERT_COLUMNS)[number];

// Controls other than tab/newline/CR have no business in a filter value; rejecting beats guessing an escape.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const MAX_LITERAL = 1000;

/** A double-quoted KQL string literal. Backslash, quote and line breaks are escaped, so the value cannot end the literal. */
export function str(value: string): string {
  if (typeof value !== 'string') throw new KqlInputError('A text value is required.');
  if (value.length > MAX_LITERAL) throw new KqlInputError(`Text values are limited to ${MAX_LITERAL} characters.`);
  if (FORBIDDEN_CHARS.test(value)) throw new KqlInputError('Text values may not contain control characters.');
  const escaped = value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  return `"${escaped}"`;
}

/** `("a", "b")` for `in` / `in~`; an empty list is an error, because `in ()` would silently match nothing. */
export function list(values: readonly string[]): string {
  if (!values.length) throw new KqlInputError('A list needs at least one value.');
  return `(${values.map(str).join(', ')})`;
}

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** `datetime(2026-01-01T00:00:00.000Z)` from a Date or an ISO 8601 string (normalised to UTC). */
export function datetime(value: Date | string): string {
  if (typeof value === 'string' && !ISO_DATETIME.test(value)) throw new KqlInputError(`"${value}" is not an ISO 8601 date/time.`);
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) throw new KqlInputError(`"${String(value)}" is not a valid date/time.`);
  return `datetime(${d.toISOString()})`;
}

const TIMESPAN = /^(\d{1,5})(d|h|m|s)$/;

export function isTimespan(value: string): boolean {
  return TIMESPAN.test(value.trim());
}

/** A KQL timespan literal such as `24h` or `7d`; anything else (including `1d) | …`) is rejected. */
export function timespan(value: string): string {
  const m = TIMESPAN.exec(value.trim());
  if (!m || Number(m[1]) === 0) throw new KqlInputError(`"${value}" is not a time span; use a number and a unit, e.g. 30m, 24h or 7d.`);
  return `${Number(m[1])}${m[2]}`;
}

/** ISO 8601 duration for the query API's timespan (24h → PT24H, 7d → P7D). */
export function isoDuration(value: string): string {
  const m = TIMESPAN.exec(timespan(value)) as RegExpExecArray;
  return m[2] === 'd' ? `P${m[1]}D` : `PT${m[1]}${m[2].toUpperCase()}`;
}

/** "since" as users type it: a time span back from now (24h, 7d) or an ISO date/time. */
export function sinceExpression(since: string): string {
  return isTimespan(since) ? `ago(${timespan(since)})` : datetime(since.trim());
}

export function column(name: string): SecurityAlertColumn {
  const hit = SECURITY_ALERT_COLUMNS.find((c) => c.toLowerCase() === name.trim().toLowerCase());
  if (!hit) throw new KqlInputError(`"${name}" is not a column you can filter on. Use one of: ${SECURITY_ALERT_COLUMNS.join(', ')}.`);
  return hit;
}

function positiveInt(value: number, max: number, what: string): number {
  if (!Number.isInteger(value) || value < 1 || value > max) throw new KqlInputError(`${what} must be a whole number from 1 to ${max}.`);
  return value;
}

/** Columns searched by a free-text filter. */
const SEARCHED_COLUMNS: readonly SecurityAlertColumn[] = ['DisplayName', 'AlertName', 'AlertType', 'CompromisedEntity', 'ResourceId', 'Description'];

/**
 * A user filter becomes exactly one `where` clause:
 *   `Column:value` / `Column=value` → `Column =~ "value"` (whitelisted column);
 *   anything else                   → free text matched with `has` across the main text columns.
 */
export function userFilter(filter: string): string {
  const text = filter.trim();
  if (!text) throw new KqlInputError('The filter is empty.');
  const m = /^([A-Za-z]+)\s*[:=]\s*(.+)$/s.exec(text);
  if (m && SECURITY_ALERT_COLUMNS.some((c) => c.toLowerCase() === m[1].toLowerCase())) {
    return `| where ${column(m[1])} =~ ${str(m[2].trim())}`;
  }
  const literal = str(text);
  return `| where ${SEARCHED_COLUMNS.map((c) => `${c} has ${literal}`).join(' or ')}`;
}

const productFilter = `| where ProductName in ${list(MDC_PRODUCT_NAMES)}`;

/** Columns of the §4.4 new-alerts query; `alertFromRow` reads these names (and AlertType when present). */
export const ALERT_COLUMNS = [
  'SystemAlertId', 'IngestedAt', 'TimeGenerated', 'StartTime', 'EndTime', 'AlertName', 'DisplayName', 'AlertSeverity', 'Status',
  'CompromisedEntity', 'ResourceId', 'ProductComponentName', 'AlertLink', 'Tactics', 'Techniques', 'Description', 'RemediationSteps',
  'Entities', 'ExtendedProperties', 'VendorOriginalId',
] as const;
const projection = `| project ${ALERT_COLUMNS.join(', ')}`;

export interface NewAlertsQueryOptions {
  /** Max IngestedAt already processed; omit on the first poll to read the whole guard window. */
  watermark?: Date | string;
  /** Re-read this many minutes before the watermark to catch late commits (dedupe happens in the store). */
  overlapMinutes?: number;
  /** TimeGenerated window used for partition pruning; must exceed the 2-day TimeGenerated replacement window. */
  guardDays?: number;
  limit?: number;
}

/** domain.md §4.4: new or changed Defender for Cloud alerts since the watermark, oldest first, one row per alert. */
export function newAlertsQuery(opts: NewAlertsQueryOptions = {}): string {
  const overlap = opts.overlapMinutes ?? 10;
  const guard = positiveInt(opts.guardDays ?? 3, 365, 'guardDays');
  if (!Number.isInteger(overlap) || overlap < 0 || overlap > 10_080) throw new KqlInputError('overlapMinutes must be a whole number from 0 to 10080.');
  const watermark = opts.watermark === undefined ? `ago(${guard}d)` : datetime(opts.watermark);
  return [
    `let watermark = ${watermark};`,
    'SecurityAlert',
    `| where TimeGenerated > ago(${guard}d)`,
    productFilter,
    '| extend IngestedAt = ingestion_time()',
    `| where IngestedAt > watermark - ${overlap}m`,
    '| summarize arg_max(IngestedAt, *) by SystemAlertId',
    projection,
    '| order by IngestedAt asc',
    ...(opts.limit !== undefined ? [`| take ${positiveInt(opts.limit, 10_000, 'limit')}`] : []),
  ].join('\n');
}

export interface AlertsQueryOptions {
  since?: string;
  severities?: readonly Severity[];
  statuses?: readonly AlertStatus[];
  subscriptionIds?: readonly string[];
  filter?: string;
  limit?: number;
}

const SUBSCRIPTION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Current state of recent Defender for Cloud alerts (latest row per SystemAlertId), newest first. */
export function alertsQuery(opts: AlertsQueryOptions = {}): string {
  const lines = [
    'SecurityAlert',
    `| where TimeGenerated > ${sinceExpression(opts.since ?? '24h')}`,
    productFilter,
    '| extend IngestedAt = ingestion_time()',
    '| summarize arg_max(TimeGenerated, *) by SystemAlertId',
  ];
  if (opts.severities?.length) lines.push(`| where AlertSeverity in ${list(opts.severities)}`);
  if (opts.statuses?.length) lines.push(`| where Status in ${list(opts.statuses)}`);
  if (opts.subscriptionIds?.length) {
    const bad = opts.subscriptionIds.find((s) => !SUBSCRIPTION_ID.test(s));
    if (bad) throw new KqlInputError(`"${bad}" is not a subscription id.`);
    // ResourceId is "/subscriptions/<id>/…": element 2 of the split is the subscription.
    lines.push(`| where tolower(tostring(split(ResourceId, "/")[2])) in ${list(opts.subscriptionIds.map((s) => s.toLowerCase()))}`);
  }
  if (opts.filter) lines.push(userFilter(opts.filter));
  lines.push(`${projection}, AlertType`, '| order by TimeGenerated desc', `| take ${positiveInt(opts.limit ?? 100, 10_000, 'limit')}`);
  return lines.join('\n');
}
