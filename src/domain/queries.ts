// The Defender for Cloud solution's sample queries (domain.md §5), runnable by name with an optional filter and time window.
import { KqlInputError, sinceExpression, userFilter } from './kql';

export interface CatalogueEntry {
  name: string;
  title: string;
  description: string;
}

interface QueryDefinition extends CatalogueEntry {
  /** Time window applied when the caller gives none; undefined = whole retention (as the portal's sample does). */
  defaultSince?: string;
  /** Pipeline after the product filter (and the user's filter). */
  tail: string[];
}

const BASE = ['SecurityAlert', '| where ProductName == "Azure Security Center"'];

const DEFINITIONS: readonly QueryDefinition[] = [
  {
    name: 'all-alerts',
    title: 'All logs',
    description: 'Every Defender for Cloud alert row, newest first (the connector page’s first sample query).',
    tail: ['| sort by TimeGenerated desc', '| take 200'],
  },
  {
    name: 'by-severity',
    title: 'Summarize by severity',
    description: 'Number of Defender for Cloud alert rows per severity.',
    tail: ['| summarize count() by AlertSeverity'],
  },
  {
    name: 'last-data',
    title: 'Last data received',
    description: 'When the last Defender for Cloud alert arrived: the connector’s health signal.',
    tail: ['| summarize Time = max(TimeGenerated)'],
  },
  {
    name: 'current-state',
    title: 'Current state per alert',
    description: 'Latest row per alert (non-informational), counted by severity and status.',
    defaultSince: '7d',
    tail: ['| summarize arg_max(TimeGenerated, *) by SystemAlertId', '| where AlertSeverity != "Informational"', '| summarize Alerts = count() by AlertSeverity, Status'],
  },
  {
    name: 'top-types',
    title: 'Top alert types by component',
    description: 'The 20 most frequent alerts by Defender plan component.',
    defaultSince: '7d',
    tail: ['| summarize arg_max(TimeGenerated, *) by SystemAlertId', '| summarize count() by ProductComponentName, AlertName', '| top 20 by count_'],
  },
  {
    name: 'freshness-by-subscription',
    title: 'Last alert per subscription',
    description: 'Most recent alert per subscription (from ResourceId): subscriptions that went quiet stand out.',
    defaultSince: '30d',
    tail: ['| extend Sub = tostring(split(ResourceId, "/")[2])', '| summarize LastAlert = max(TimeGenerated) by Sub'],
  },
];

export const QUERY_CATALOGUE: readonly CatalogueEntry[] = DEFINITIONS.map(({ name, title, description }) => ({ name, title, description }));

export function buildSampleQuery(name: string, opts: { filter?: string; since?: string } = {}): string {
  const def = DEFINITIONS.find((d) => d.name === name.trim().toLowerCase());
  if (!def) throw new KqlInputError(`Unknown query "${name}". Available: ${QUERY_CATALOGUE.map((q) => q.name).join(', ')}.`);
  const since = opts.since ?? def.defaultSince;
  return [
    ...BASE,
    ...(since ? [`| where TimeGenerated > ${sinceExpression(since)}`] : []),
    ...(opts.filter ? [userFilter(opts.filter)] : []),
    ...def.tail,
  ].join('\n');
}
