// The connector page as data: every visible subscription with connection, plans, sync, permissions and warnings.
// The connector list is read once; per-subscription reads run in parallel under a concurrency bound.
import pLimit from 'p-limit';
import { activeConnectorFor, ascConnectorsFor, overlappingRoutes, routeWarnings, type OverlappingRoutes } from '../domain/connectors';
import { evaluatePermissions } from '../domain/permissions';
import { plansPortalUrl, summarizePlans } from '../domain/plans';
import type { DataConnectorInfo, SubscriptionInfo } from '../domain/resources';
import type { Problem, SubscriptionStatus, TenantStatus, WorkspaceInfo } from '../domain/types';
import type { AzureGateway } from './ports';
import { problemIn, settle, valueOr } from './settle';

export interface StatusOptions {
  concurrency?: number;
  subscriptionIds?: string[];
}

export const DEFAULT_STATUS_CONCURRENCY = 16;

export function workspacePortalUrl(portalUrl: string, workspaceResourceId: string): string {
  return `${portalUrl}/#view/Microsoft_Azure_Security_Insights/MainMenuBlade/~/0/id/${encodeURIComponent(workspaceResourceId)}`;
}

export async function getStatus(gw: AzureGateway, opts: StatusOptions = {}): Promise<TenantStatus> {
  const env = gw.environment;
  const [subscriptions, connectors, workspace, workspacePermissions, onboarded] = await Promise.all([
    gw.listSubscriptions(),
    settle(gw.listDataConnectors()),
    settle(gw.getWorkspace()),
    settle(gw.getWorkspacePermissions()),
    settle(gw.isSentinelOnboarded()),
  ]);
  const wanted = opts.subscriptionIds?.map((s) => s.toLowerCase());
  const selected = wanted ? subscriptions.filter((s) => wanted.includes(s.subscriptionId.toLowerCase())) : subscriptions;
  const routes = overlappingRoutes(valueOr(connectors, []));
  const limit = pLimit(opts.concurrency ?? DEFAULT_STATUS_CONCURRENCY);

  const rows = await Promise.all(selected.map((s) => limit(() => subscriptionStatus(gw, s, {
    connectors: valueOr(connectors, undefined as DataConnectorInfo[] | undefined),
    connectorsProblem: problemIn(connectors),
    workspacePermissions: valueOr(workspacePermissions, undefined),
    routes,
  }))));
  rows.sort((a, b) => a.displayName.localeCompare(b.displayName) || a.subscriptionId.localeCompare(b.subscriptionId));

  const workspaceId = 'value' in workspace ? workspace.value.id
    : `/subscriptions/${env.workspace.subscriptionId}/resourceGroups/${env.workspace.resourceGroup}/providers/Microsoft.OperationalInsights/workspaces/${env.workspace.name}`;
  const info: WorkspaceInfo = {
    ...env.workspace,
    customerId: 'value' in workspace ? workspace.value.customerId : undefined,
    onboarded: valueOr(onboarded, false),
    portalUrl: workspacePortalUrl(env.portalUrl, workspaceId),
  };

  const warnings = routeWarnings(routes, rows.some((r) => r.connected));
  for (const [what, problem] of [['the workspace', problemIn(workspace)], ['the data connectors', problemIn(connectors)], ['the Sentinel onboarding state', problemIn(onboarded)]] as const) {
    if (problem) warnings.push(`Could not read ${what}: ${problem.message}`);
  }
  if ('value' in onboarded && !onboarded.value) warnings.push(`Microsoft Sentinel is not enabled on workspace ${env.workspace.name}.`);
  return { workspace: info, subscriptions: rows, warnings, generatedAt: new Date().toISOString() };
}

interface SharedFacts {
  connectors?: DataConnectorInfo[];
  connectorsProblem?: Problem;
  workspacePermissions?: { actions: string[]; notActions: string[] }[];
  routes: OverlappingRoutes;
}

async function subscriptionStatus(gw: AzureGateway, sub: SubscriptionInfo, shared: SharedFacts): Promise<SubscriptionStatus> {
  const syncAvailable = gw.environment.biDirectionalSyncAvailable;
  const [plans, sync, permissions] = await Promise.all([
    settle(gw.listPricings(sub.subscriptionId)),
    syncAvailable ? settle(gw.getAlertSyncSetting(sub.subscriptionId)) : Promise.resolve({ value: undefined }),
    settle(gw.getSubscriptionPermissions(sub.subscriptionId)),
  ]);
  const summary = summarizePlans(valueOr(plans, []));
  const active = shared.connectors ? activeConnectorFor(shared.connectors, sub.subscriptionId) : undefined;
  const all = shared.connectors ? ascConnectorsFor(shared.connectors, sub.subscriptionId) : [];
  const problem = shared.connectorsProblem ?? problemIn(plans) ?? problemIn(sync);
  const connected = !!active;

  const warnings: string[] = [];
  if (connected && 'value' in plans && summary.coverage === 'none') warnings.push('Connected, but no Defender plan is enabled: no alerts will arrive.');
  if (all.length > 1) warnings.push(`${all.length} connectors point at this subscription (${all.map((c) => c.name).join(', ')}): alerts may be duplicated.`);
  if (!connected && all.length) warnings.push(`Connector ${all[0].name} exists but its alerts are disabled.`);
  if (connected && shared.routes.tenantBased) warnings.push('Also covered by the tenant-based connector: duplicate alerts.');
  const permissionsProblem = problemIn(permissions);
  if (permissionsProblem) warnings.push(`Could not read permissions: ${permissionsProblem.message}`);

  return {
    subscriptionId: sub.subscriptionId,
    displayName: sub.displayName,
    state: sub.state,
    connection: problem ? 'error' : connected ? 'connected' : 'not-connected',
    connected,
    connectorName: active?.name,
    plans: summary.coverage,
    enabledPlans: summary.enabled,
    disabledPlans: summary.disabled,
    plansPortalUrl: plansPortalUrl(gw.environment.portalUrl, sub.subscriptionId),
    biDirectionalSync: !syncAvailable ? 'unavailable' : 'value' in sync && sync.value?.enabled ? 'on' : 'off',
    providerRegistered: 'unknown',
    permissions: evaluatePermissions(valueOr(permissions, undefined), shared.workspacePermissions),
    warnings,
    ...(problem ? { problem } : {}),
  };
}
