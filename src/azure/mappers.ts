// SDK and REST models → the plain shapes in src/domain. Nothing here does I/O.
import type { ASCDataConnector, AlertRuleUnion, DataConnectorUnion, Incident, MicrosoftSecurityIncidentCreationAlertRule } from '@azure/arm-securityinsight';
import { parseSeverity } from '../domain/severity';
import type { DataConnectorInfo, IncidentRecord, IncidentRuleInfo } from '../domain/resources';
import type { DefenderPlan, Severity } from '../domain/types';

export function connectorInfo(c: DataConnectorUnion): DataConnectorInfo {
  const info: DataConnectorInfo = { name: c.name ?? '', kind: c.kind, etag: c.etag };
  if (c.kind === 'AzureSecurityCenter') {
    // The union's base type has `kind: string`, so TypeScript cannot narrow on it.
    const asc = c as ASCDataConnector;
    info.subscriptionId = asc.subscriptionId;
    info.alertsState = asc.dataTypes?.alerts?.state;
  }
  return info;
}

export function ruleInfo(r: AlertRuleUnion): IncidentRuleInfo {
  const base: IncidentRuleInfo = { name: r.name ?? '', kind: r.kind, enabled: false, etag: r.etag };
  if (r.kind !== 'MicrosoftSecurityIncidentCreation') {
    const named = r as { displayName?: string; enabled?: boolean };
    return { ...base, displayName: named.displayName, enabled: named.enabled ?? false };
  }
  const rule = r as MicrosoftSecurityIncidentCreationAlertRule;
  return {
    ...base,
    displayName: rule.displayName,
    description: rule.description,
    enabled: rule.enabled ?? false,
    productFilter: rule.productFilter,
    severitiesFilter: (rule.severitiesFilter ?? []).map((s) => parseSeverity(s)).filter((s): s is Severity => !!s),
    alertRuleTemplateName: rule.alertRuleTemplateName,
  };
}

const INCIDENT_STATUSES = ['New', 'Active', 'Closed'] as const;

export function incidentRecord(i: Incident): IncidentRecord {
  return {
    id: i.name ?? '',
    number: i.incidentNumber ?? 0,
    title: i.title ?? '',
    severity: parseSeverity(i.severity ?? '') ?? 'Informational',
    status: INCIDENT_STATUSES.find((s) => s === i.status) ?? 'New',
    classification: i.classification,
    url: i.incidentUrl,
    createdTime: i.createdTimeUtc?.toISOString(),
  };
}

/** pricings 2024-01-01 (the SDK's 2022-03-01 model drops `deprecated`). */
export interface PricingResource {
  name?: string;
  properties?: { pricingTier?: string; subPlan?: string; deprecated?: boolean };
}

export function defenderPlan(p: PricingResource): DefenderPlan {
  const plan: DefenderPlan = { name: p.name ?? '', tier: p.properties?.pricingTier === 'Standard' ? 'Standard' : 'Free' };
  if (p.properties?.subPlan) plan.subPlan = p.properties.subPlan;
  if (p.properties?.deprecated === true) plan.deprecated = true;
  return plan;
}

/** Cells as plain JSON: the SDK turns datetime cells into Date objects. */
export function plainCell(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}
