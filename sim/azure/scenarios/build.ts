import { stableGuid } from '../ids';
import type { AlertInput, Scenario, ScenarioAlertRule, ScenarioConnector, ScenarioPrincipal, ScenarioRoleAssignment, ScenarioSubscription } from './types';

/** Shared principals and helpers so every built-in scenario has the same bot identity. */
export const TENANT_ID = stableGuid('tenant:contoso');
export const BOT = {
  objectId: stableGuid('principal:bot:oid'),
  clientId: stableGuid('principal:bot:client'),
  clientSecret: 'sim-bot-secret',
  displayName: 'sentinel-chatops-bot',
};
export const READONLY = {
  objectId: stableGuid('principal:readonly:oid'),
  clientId: stableGuid('principal:readonly:client'),
  clientSecret: 'sim-readonly-secret',
  displayName: 'sentinel-chatops-readonly',
};
export const SECOPS_GROUP = { objectId: stableGuid('principal:group:secops'), displayName: 'SecOps Automation' };

export const WORKSPACE = { resourceGroup: 'rg-sentinel', name: 'law-sentinel-prod', location: 'westeurope' };

export const subId = (scenario: string, key: string): string => stableGuid(`${scenario}:sub:${key}`);

export interface SubDef extends ScenarioSubscription {
  /** Bot's role on the subscription (default Contributor; null = no assignment). */
  botRole?: string | null;
  /** AzureSecurityCenter connector: true = Enabled, 'disabled' = connector present with alerts Disabled. */
  connected?: boolean | 'disabled';
}

export interface ScenarioParts {
  name: string;
  subs: SubDef[];
  /** Index in `subs` of the workspace subscription. */
  workspaceSub: number;
  alertRules?: ScenarioAlertRule[];
  extraConnectors?: ScenarioConnector[];
  alerts?: AlertInput[];
}

export const INCIDENT_RULE: ScenarioAlertRule = {
  name: stableGuid('rule:create-incidents-asc'),
  displayName: 'Create incidents based on Microsoft Defender for Cloud',
  description: 'Create incidents based on all alerts generated in Microsoft Defender for Cloud',
  enabled: true,
  productFilter: 'Azure Security Center',
  severitiesFilter: ['High', 'Medium', 'Low'],
  alertRuleTemplateName: '90586451-7ba8-4c1e-9904-7d1b7c3cc4d6',
};

export function buildScenario(p: ScenarioParts): Scenario {
  const wsSub = p.subs[p.workspaceSub];
  const wsScope = `/subscriptions/${wsSub.subscriptionId}/resourceGroups/${WORKSPACE.resourceGroup}/providers/Microsoft.OperationalInsights/workspaces/${WORKSPACE.name}`;
  const principals: ScenarioPrincipal[] = [
    { ...BOT, type: 'ServicePrincipal', memberOf: [SECOPS_GROUP.objectId] },
    { ...READONLY, type: 'ServicePrincipal' },
    { ...SECOPS_GROUP, type: 'Group' },
  ];
  const roleAssignments: ScenarioRoleAssignment[] = [
    { principalId: SECOPS_GROUP.objectId, role: 'Microsoft Sentinel Contributor', scope: wsScope },
    { principalId: READONLY.objectId, role: 'Microsoft Sentinel Reader', scope: wsScope },
  ];
  const connectors: ScenarioConnector[] = [];
  const subscriptions: ScenarioSubscription[] = p.subs.map((s) => {
    const { botRole, connected, ...sub } = s;
    const role = botRole === undefined ? 'Contributor' : botRole;
    if (role) roleAssignments.push({ principalId: BOT.objectId, role, scope: `/subscriptions/${s.subscriptionId}` });
    roleAssignments.push({ principalId: READONLY.objectId, role: 'Reader', scope: `/subscriptions/${s.subscriptionId}` });
    if (connected) connectors.push({ name: stableGuid(`${p.name}:connector:${s.subscriptionId}`), kind: 'AzureSecurityCenter', subscriptionId: s.subscriptionId, state: connected === 'disabled' ? 'Disabled' : 'Enabled' });
    return sub;
  });
  return {
    name: p.name,
    tenantId: TENANT_ID,
    botPrincipalId: BOT.objectId,
    principals,
    subscriptions,
    roleAssignments,
    workspace: {
      subscriptionId: wsSub.subscriptionId, ...WORKSPACE, customerId: stableGuid(`${p.name}:workspace`), sentinelOnboarded: true,
      solution: { installed: true, version: '3.0.3' }, connectors: [...connectors, ...(p.extraConnectors ?? [])], alertRules: p.alertRules ?? [],
    },
    alerts: p.alerts,
  };
}
