import { requireAction } from '../authz';
import { armError } from '../errors';
import type { Ctx } from '../http';
import { providerState, workspaceResourceId, type Principal, type Subscription, type Workspace } from '../state';

export function principal(ctx: Ctx): Principal {
  if (!ctx.principal) throw armError(401, 'AuthenticationFailed', 'Authentication failed.');
  return ctx.principal;
}

export function getSubscription(ctx: Ctx, id = ctx.params.sub): Subscription {
  const sub = ctx.sim.state.subscriptions.get(id.toLowerCase());
  if (!sub || sub.state === 'Deleted') throw armError(404, 'SubscriptionNotFound', `The subscription '${id}' could not be found.`);
  return sub;
}

export function requireResourceGroup(sub: Subscription, rg: string): string {
  const name = sub.resourceGroups.get(rg.toLowerCase());
  if (!name) throw armError(404, 'ResourceGroupNotFound', `Resource group '${rg}' could not be found.`);
  return name;
}

export function authorize(ctx: Ctx, action: string, scope: string): void {
  requireAction(ctx.sim.state, principal(ctx), action, scope);
}

export function requireRegistered(sub: Subscription, namespace: string): void {
  const p = sub.providers.get(namespace.toLowerCase());
  if (!p || providerState(p) !== 'Registered') {
    throw armError(409, 'MissingSubscriptionRegistration',
      `The subscription is not registered to use namespace '${namespace}'. See https://aka.ms/rps-not-found for how to register subscriptions.`);
  }
}

/** Disabled subscriptions are read-only in ARM. */
export function requireWritable(sub: Subscription): void {
  if (sub.state === 'Disabled' || sub.state === 'Warned' || sub.state === 'PastDue') {
    throw armError(409, 'ReadOnlyDisabledSubscription',
      `The subscription '${sub.subscriptionId}' is disabled and therefore marked as read only. You cannot perform any write actions on this subscription until it is re-enabled.`);
  }
}

/** Resolves {sub}/{rg}/{ws} to the modelled workspace, failing the way ARM does for each missing level. */
export function getWorkspace(ctx: Ctx): Workspace {
  const sub = getSubscription(ctx);
  requireResourceGroup(sub, ctx.params.rg);
  const ws = ctx.sim.state.workspace;
  if (sub.subscriptionId.toLowerCase() !== ws.subscriptionId.toLowerCase() || ctx.params.rg.toLowerCase() !== ws.resourceGroup.toLowerCase()
    || ctx.params.ws.toLowerCase() !== ws.name.toLowerCase()) {
    throw armError(404, 'ResourceNotFound',
      `The Resource 'Microsoft.OperationalInsights/workspaces/${ctx.params.ws}' under resource group '${ctx.params.rg}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`);
  }
  return ws;
}

/** Workspace + Sentinel checks shared by every Microsoft.SecurityInsights call. */
export function sentinelWorkspace(ctx: Ctx, action: string): { ws: Workspace; wsId: string } {
  const ws = getWorkspace(ctx);
  const wsId = workspaceResourceId(ws);
  authorize(ctx, action, wsId);
  requireRegistered(getSubscription(ctx), 'Microsoft.SecurityInsights');
  return { ws, wsId };
}

export const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

export const systemData = (createdAt: number, modifiedAt = createdAt) => ({
  createdBy: 'sentinel-chatops', createdByType: 'Application', createdAt: iso(createdAt),
  lastModifiedBy: 'sentinel-chatops', lastModifiedByType: 'Application', lastModifiedAt: iso(modifiedAt),
});
