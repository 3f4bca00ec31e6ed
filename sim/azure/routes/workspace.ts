import { ok, route, type Ctx, type Route } from '../http';
import { workspaceResourceId, type Workspace } from '../state';
import { authorize, getSubscription, getWorkspace, iso, requireResourceGroup } from './common';
import { V_WORKSPACES } from './versions';

function workspaceJson(ws: Workspace) {
  return {
    id: workspaceResourceId(ws),
    name: ws.name,
    type: 'Microsoft.OperationalInsights/workspaces',
    location: ws.location,
    tags: {},
    properties: {
      customerId: ws.customerId,
      provisioningState: 'Succeeded',
      sku: { name: 'PerGB2018', lastSkuUpdate: iso(ws.createdAt) },
      retentionInDays: 90,
      features: { enableLogAccessUsingOnlyResourcePermissions: true },
      workspaceCapping: { dailyQuotaGb: -1, quotaNextResetTime: iso(Date.now() + 3_600_000), dataIngestionStatus: 'RespectQuota' },
      publicNetworkAccessForIngestion: 'Enabled',
      publicNetworkAccessForQuery: 'Enabled',
      createdDate: iso(ws.createdAt),
      modifiedDate: iso(ws.createdAt),
    },
  };
}

function list(ctx: Ctx, rg?: string) {
  const s = getSubscription(ctx);
  const scope = rg ? `/subscriptions/${s.subscriptionId}/resourceGroups/${requireResourceGroup(s, rg)}` : `/subscriptions/${s.subscriptionId}`;
  authorize(ctx, 'Microsoft.OperationalInsights/workspaces/read', scope);
  const ws = ctx.sim.state.workspace;
  const here = ws.subscriptionId.toLowerCase() === s.subscriptionId.toLowerCase() && (!rg || rg.toLowerCase() === ws.resourceGroup.toLowerCase());
  return ok({ value: here ? [workspaceJson(ws)] : [] });
}

export const workspaceRoutes: Route[] = [
  route('GET', 'arm', 'workspaces.list', '/subscriptions/{sub}/providers/Microsoft.OperationalInsights/workspaces', (ctx) => list(ctx), V_WORKSPACES),
  route('GET', 'arm', 'workspaces.listByResourceGroup', '/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.OperationalInsights/workspaces', (ctx) => list(ctx, ctx.params.rg), V_WORKSPACES),
  route('GET', 'arm', 'workspaces.get', '/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.OperationalInsights/workspaces/{ws}', (ctx) => {
    const ws = getWorkspace(ctx);
    authorize(ctx, 'Microsoft.OperationalInsights/workspaces/read', workspaceResourceId(ws));
    return ok(workspaceJson(ws));
  }, V_WORKSPACES),
];
