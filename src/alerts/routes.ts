// Which channels an alert goes to, and at what threshold. Routes come from `/sentinel notify`; with none, config applies.
import { severityAtLeast } from '../domain/severity';
import type { AlertRecord, Severity } from '../domain/types';

/** The part of a stored route that alerting reads (src/store/routes.ts holds the full record). */
export interface AlertRoute {
  id: string;
  channel: string;
  minSeverity: Severity;
  /** Only alerts from these subscriptions; all subscriptions when absent or empty. */
  subscriptionIds?: string[];
}

export interface AlertDefaults {
  channel?: string;
  minSeverity: Severity;
}

export const DEFAULT_ROUTE_ID = 'default';

/** Stored routes win; otherwise the configured channel (if any) with the configured threshold. */
export function effectiveRoutes(routes: readonly AlertRoute[], defaults: AlertDefaults): AlertRoute[] {
  if (routes.length) return [...routes];
  return defaults.channel ? [{ id: DEFAULT_ROUTE_ID, channel: defaults.channel, minSeverity: defaults.minSeverity }] : [];
}

/**
 * Informational is below every other threshold, so it only passes a threshold that names it explicitly.
 * Kept as its own function so the rule is stated once and tested directly.
 */
export function meetsThreshold(severity: Severity, minSeverity: Severity): boolean {
  if (severity === 'Informational') return minSeverity === 'Informational';
  return severityAtLeast(severity, minSeverity);
}

function subscriptionOf(alert: Pick<AlertRecord, 'subscriptionId' | 'defender' | 'resourceId'>): string | undefined {
  const fromResource = /^\/subscriptions\/([^/]+)/i.exec(alert.resourceId ?? '')?.[1];
  return (alert.subscriptionId ?? alert.defender?.subscriptionId ?? fromResource)?.toLowerCase();
}

export function routeMatches(route: AlertRoute, alert: Pick<AlertRecord, 'severity' | 'subscriptionId' | 'defender' | 'resourceId'>): boolean {
  if (!meetsThreshold(alert.severity, route.minSeverity)) return false;
  if (!route.subscriptionIds?.length) return true;
  const sub = subscriptionOf(alert);
  return sub !== undefined && route.subscriptionIds.some((s) => s.toLowerCase() === sub);
}

/** Distinct channels whose routes accept the alert: two routes to one channel still mean one message. */
export function channelsFor(alert: Pick<AlertRecord, 'severity' | 'subscriptionId' | 'defender' | 'resourceId'>, routes: readonly AlertRoute[]): string[] {
  return [...new Set(routes.filter((r) => routeMatches(r, alert)).map((r) => r.channel))];
}
