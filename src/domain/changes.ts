// What a change would do, decided from current state alone. Operations run these first, then either
// report them (dry run) or carry them out, so a dry run and a real run can never disagree.
import { ascConnectorsFor, connectorNameFor, isActive } from './connectors';
import { DEFAULT_INCIDENT_SEVERITIES, normalizeSeverities } from './severity';
import type { AlertSyncSetting, DataConnectorInfo, IncidentRuleInfo, IncidentRuleSpec, ProviderRegistrationState } from './resources';
import type { Severity } from './types';

/** `detail` says what happened (or why nothing did); `intent` says what a dry run would do. */
interface Described {
  detail: string;
  intent?: string;
}

export type ConnectPlan = Described & ({ kind: 'none'; connectorName: string } | { kind: 'put'; connectorName: string });

export function planConnect(connectors: readonly DataConnectorInfo[], subscriptionId: string): ConnectPlan {
  const existing = ascConnectorsFor(connectors, subscriptionId);
  const active = existing.find(isActive);
  if (active) return { kind: 'none', connectorName: active.name, detail: `already connected (connector ${active.name})` };
  // A disabled connector for this subscription is re-enabled in place rather than duplicated.
  const name = existing[0]?.name ?? connectorNameFor(subscriptionId);
  return existing.length
    ? { kind: 'put', connectorName: name, detail: `connector ${name} re-enabled`, intent: `would re-enable connector ${name}` }
    : { kind: 'put', connectorName: name, detail: `connector ${name} created`, intent: `would create connector ${name}` };
}

export interface DisconnectPlan extends Described {
  connectorNames: string[];
}

export function planDisconnect(connectors: readonly DataConnectorInfo[], subscriptionId: string): DisconnectPlan {
  const names = ascConnectorsFor(connectors, subscriptionId).map((c) => c.name);
  return names.length
    ? { connectorNames: names, detail: `connector ${names.join(', ')} deleted`, intent: `would delete connector ${names.join(', ')}` }
    : { connectorNames: [], detail: 'not connected' };
}

export interface SyncPlan extends Described {
  change: boolean;
}

/** A missing setting reads as off: Defender has never been asked to sync. */
export function planSync(current: AlertSyncSetting | undefined, enabled: boolean): SyncPlan {
  const now = current?.enabled ?? false;
  if (now === enabled) return { change: false, detail: `bi-directional sync already ${enabled ? 'on' : 'off'}` };
  return { change: true, detail: `bi-directional sync turned ${enabled ? 'on' : 'off'}`, intent: `would turn bi-directional sync ${enabled ? 'on' : 'off'}` };
}

export type ProviderPlan = Described & { kind: 'none' | 'wait' | 'register' };

export function planProviderRegistration(namespace: string, state: ProviderRegistrationState): ProviderPlan {
  if (state === 'Registered') return { kind: 'none', detail: `${namespace} already registered` };
  if (state === 'Registering') return { kind: 'wait', detail: `${namespace} registration already in progress` };
  return { kind: 'register', detail: `${namespace} registration started (was ${state})`, intent: `would register ${namespace} (now ${state})` };
}

export const INCIDENT_RULE_TEMPLATE_ID = '90586451-7ba8-4c1e-9904-7d1b7c3cc4d6';
export const INCIDENT_RULE_PRODUCT = 'Azure Security Center';
/** Deterministic id for the rule we create, so a re-run updates rather than duplicates it. */
export const INCIDENT_RULE_NAME = INCIDENT_RULE_TEMPLATE_ID;
const PRODUCT_ALIASES = [INCIDENT_RULE_PRODUCT, 'Microsoft Defender for Cloud'].map((p) => p.toLowerCase());

export function isDefenderIncidentRule(rule: IncidentRuleInfo): boolean {
  return rule.kind === 'MicrosoftSecurityIncidentCreation' && PRODUCT_ALIASES.includes((rule.productFilter ?? '').toLowerCase());
}

/** Prefer the rule made from the template (ours or the portal's), else the first matching one. */
export function findDefenderIncidentRule(rules: readonly IncidentRuleInfo[]): IncidentRuleInfo | undefined {
  const matching = rules.filter(isDefenderIncidentRule);
  return matching.find((r) => r.alertRuleTemplateName === INCIDENT_RULE_TEMPLATE_ID) ?? matching[0];
}

export type IncidentRulePlan = Described & ({ kind: 'none'; ruleName?: string } | { kind: 'put'; ruleName: string; rule: IncidentRuleSpec });

const sameSeverities = (a: readonly Severity[] | undefined, b: readonly Severity[]): boolean =>
  normalizeSeverities(a ?? []).join() === normalizeSeverities(b).join();

export function planIncidentRule(rules: readonly IncidentRuleInfo[], enabled: boolean, severities?: readonly Severity[]): IncidentRulePlan {
  const existing = findDefenderIncidentRule(rules);
  const wanted = normalizeSeverities(severities?.length ? severities : DEFAULT_INCIDENT_SEVERITIES);
  if (!enabled) {
    if (!existing || !existing.enabled) return { kind: 'none', ruleName: existing?.name, detail: 'incident creation already off' };
    return { kind: 'put', ruleName: existing.name, rule: specFrom(existing, false, existing.severitiesFilter ?? wanted), detail: `rule "${existing.displayName ?? existing.name}" disabled`, intent: `would disable rule "${existing.displayName ?? existing.name}"` };
  }
  if (existing && existing.enabled && sameSeverities(existing.severitiesFilter, wanted)) {
    return { kind: 'none', ruleName: existing.name, detail: `incident creation already on for ${wanted.join(', ')}` };
  }
  if (existing) {
    return { kind: 'put', ruleName: existing.name, rule: specFrom(existing, true, wanted), detail: `rule "${existing.displayName ?? existing.name}" enabled for ${wanted.join(', ')}`, intent: `would update rule "${existing.displayName ?? existing.name}" to ${wanted.join(', ')}` };
  }
  return {
    kind: 'put',
    ruleName: INCIDENT_RULE_NAME,
    rule: {
      displayName: 'Create incidents based on Microsoft Defender for Cloud',
      description: 'Create incidents based on all alerts generated in Microsoft Defender for Cloud',
      enabled: true,
      productFilter: INCIDENT_RULE_PRODUCT,
      severitiesFilter: wanted,
      alertRuleTemplateName: INCIDENT_RULE_TEMPLATE_ID,
    },
    detail: `incident creation rule created for ${wanted.join(', ')}`,
    intent: `would create the incident creation rule for ${wanted.join(', ')}`,
  };
}

function specFrom(rule: IncidentRuleInfo, enabled: boolean, severities: readonly Severity[]): IncidentRuleSpec {
  return {
    displayName: rule.displayName ?? 'Create incidents based on Microsoft Defender for Cloud',
    description: rule.description ?? 'Create incidents based on all alerts generated in Microsoft Defender for Cloud',
    enabled,
    productFilter: rule.productFilter ?? INCIDENT_RULE_PRODUCT,
    severitiesFilter: normalizeSeverities(severities),
    alertRuleTemplateName: rule.alertRuleTemplateName ?? INCIDENT_RULE_TEMPLATE_ID,
    etag: rule.etag,
  };
}

/** A determined classification needs a reason (the API rejects it otherwise); these pairs follow the enum meanings. */
export function classificationReasonFor(classification: string, reason?: string): string | undefined {
  if (reason) return reason;
  switch (classification) {
    case 'TruePositive': return 'SuspiciousActivity';
    case 'BenignPositive': return 'SuspiciousButExpected';
    case 'FalsePositive': return 'IncorrectAlertLogic';
    default: return undefined;
  }
}
