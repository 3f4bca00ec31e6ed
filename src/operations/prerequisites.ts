// Prerequisite report for the workspace and for one, several or all subscriptions.
import pLimit from 'p-limit';
import { overlappingRoutes, routeWarnings } from '../domain/connectors';
import { evaluatePermissions } from '../domain/permissions';
import { plansPortalUrl } from '../domain/plans';
import { buildReport, PROVIDER_NAMESPACE, subscriptionChecks, workspaceChecks } from '../domain/prerequisites';
import type { PermissionSet, SubscriptionInfo } from '../domain/resources';
import type { PrerequisiteReport } from '../domain/types';
import type { AzureGateway } from './ports';
import { problemIn, settle, valueOr } from './settle';
import { DEFAULT_STATUS_CONCURRENCY } from './status';

export interface PrerequisiteOptions {
  /** Omit for workspace checks only. */
  subscriptionIds?: string[] | 'all';
  concurrency?: number;
}

export async function checkPrerequisites(gw: AzureGateway, opts: PrerequisiteOptions = {}): Promise<PrerequisiteReport> {
  const ws = gw.environment.workspace;
  const [workspace, permissions, onboarded, packages, connectors, subscriptions] = await Promise.all([
    settle(gw.getWorkspace()),
    settle(gw.getWorkspacePermissions()),
    settle(gw.isSentinelOnboarded()),
    settle(gw.listContentPackages()),
    settle(gw.listDataConnectors()),
    opts.subscriptionIds ? gw.listSubscriptions() : Promise.resolve([] as SubscriptionInfo[]),
  ]);
  const connectorList = valueOr(connectors, []);
  const workspaceResult = workspaceChecks({
    workspaceName: ws.name,
    workspace,
    permissions,
    onboarded,
    packages,
    routeWarnings: routeWarnings(overlappingRoutes(connectorList), connectorList.some((c) => c.kind === 'AzureSecurityCenter')),
  });

  const targets = targetSubscriptions(subscriptions, opts.subscriptionIds);
  const limit = pLimit(opts.concurrency ?? DEFAULT_STATUS_CONCURRENCY);
  const rows = await Promise.all(targets.map((s) => limit(() => subscriptionReport(gw, s, valueOr(permissions, undefined)))));
  return buildReport(workspaceResult, rows);
}

/** Named subscriptions the identity cannot see still get a row: their checks will explain why they fail. */
function targetSubscriptions(visible: SubscriptionInfo[], ids: string[] | 'all' | undefined): SubscriptionInfo[] {
  if (!ids) return [];
  if (ids === 'all') return visible;
  return ids.map((id) => visible.find((s) => s.subscriptionId.toLowerCase() === id.toLowerCase()) ?? { subscriptionId: id, displayName: id, state: 'Unknown' });
}

async function subscriptionReport(gw: AzureGateway, sub: SubscriptionInfo, workspacePermissions: PermissionSet[] | undefined) {
  const id = sub.subscriptionId;
  const [permissions, provider, plans, requirements] = await Promise.all([
    settle(gw.getSubscriptionPermissions(id)),
    settle(gw.getProvider(id, PROVIDER_NAMESPACE).then((p) => p.registrationState)),
    settle(gw.listPricings(id)),
    settle(gw.checkAscRequirements(id)),
  ]);
  const checks = subscriptionChecks({
    subscriptionId: id,
    displayName: sub.displayName,
    permissions: evaluatePermissions(valueOr(permissions, undefined), workspacePermissions),
    permissionsProblem: problemIn(permissions),
    provider,
    plans,
    plansPortalUrl: plansPortalUrl(gw.environment.portalUrl, id),
    requirements,
  });
  return { subscriptionId: id, displayName: sub.displayName, checks };
}
