import { seesSubscription } from '../authz';
import { armError } from '../errors';
import { ok, page, route, type Ctx, type Route } from '../http';
import { DEFAULT_NAMESPACES, providerState, type Subscription } from '../state';
import { authorize, getSubscription, principal, requireWritable } from './common';
import { V_PROVIDERS, V_SUBSCRIPTIONS } from './versions';

function subscriptionJson(ctx: Ctx, s: Subscription) {
  return {
    id: `/subscriptions/${s.subscriptionId}`,
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    subscriptionId: s.subscriptionId,
    tenantId: ctx.sim.state.tenantId,
    displayName: s.displayName,
    state: s.state,
    subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: 'EnterpriseAgreement_2014-09-01', spendingLimit: 'Off' },
    tags: s.tags,
  };
}

/** Resource types listed per namespace; enough for a realistic provider document. */
const RESOURCE_TYPES: Record<string, string[]> = {
  'microsoft.securityinsights': ['alertRules', 'dataConnectors', 'incidents', 'onboardingStates', 'contentPackages', 'operations'],
  'microsoft.security': ['pricings', 'settings', 'alerts', 'locations', 'locations/alerts', 'operations'],
  'microsoft.operationalinsights': ['workspaces', 'workspaces/query', 'operations'],
};

function providerJson(s: Subscription, namespace: string) {
  const p = s.providers.get(namespace.toLowerCase());
  const ns = p?.namespace ?? namespace;
  return {
    id: `/subscriptions/${s.subscriptionId}/providers/${ns}`,
    namespace: ns,
    registrationState: p ? providerState(p) : 'NotRegistered',
    registrationPolicy: 'RegistrationRequired',
    resourceTypes: (RESOURCE_TYPES[ns.toLowerCase()] ?? ['operations']).map((resourceType) => ({
      resourceType, locations: ['West Europe', 'East US', 'Central US'], apiVersions: ['2024-03-01'],
    })),
  };
}

function knownNamespace(s: Subscription, ns: string): void {
  if (!s.providers.has(ns.toLowerCase())) {
    throw armError(404, 'InvalidResourceNamespace', `The resource namespace '${ns}' is invalid.`);
  }
}

/** Reading a subscription or its providers needs nothing beyond some access inside it. */
function requireVisible(ctx: Ctx, s: Subscription): void {
  if (!seesSubscription(ctx.sim.state, principal(ctx).objectId, s.subscriptionId)) {
    authorize(ctx, 'Microsoft.Resources/subscriptions/read', `/subscriptions/${s.subscriptionId}`);
  }
}

export const subscriptionRoutes: Route[] = [
  route('GET', 'arm', 'subscriptions.list', '/subscriptions', (ctx) => {
    const oid = principal(ctx).objectId;
    const visible = ctx.sim.state.subscriptionList.filter((s) => s.state !== 'Deleted' && seesSubscription(ctx.sim.state, oid, s.subscriptionId));
    return page(ctx, visible, (s) => subscriptionJson(ctx, s));
  }, V_SUBSCRIPTIONS),
  route('GET', 'arm', 'subscriptions.get', '/subscriptions/{sub}', (ctx) => {
    const s = getSubscription(ctx);
    requireVisible(ctx, s);
    return ok(subscriptionJson(ctx, s));
  }, V_SUBSCRIPTIONS),
  route('GET', 'arm', 'providers.list', '/subscriptions/{sub}/providers', (ctx) => {
    const s = getSubscription(ctx);
    requireVisible(ctx, s);
    return ok({ value: DEFAULT_NAMESPACES.map((ns) => providerJson(s, ns)) });
  }, V_PROVIDERS),
  route('GET', 'arm', 'providers.get', '/subscriptions/{sub}/providers/{ns}', (ctx) => {
    const s = getSubscription(ctx);
    requireVisible(ctx, s);
    knownNamespace(s, ctx.params.ns);
    return ok(providerJson(s, ctx.params.ns));
  }, V_PROVIDERS),
  route('POST', 'arm', 'providers.register', '/subscriptions/{sub}/providers/{ns}/register', (ctx) => {
    const s = getSubscription(ctx);
    knownNamespace(s, ctx.params.ns);
    const reg = s.providers.get(ctx.params.ns.toLowerCase())!;
    authorize(ctx, `${reg.namespace}/register/action`, `/subscriptions/${s.subscriptionId}`);
    requireWritable(s);
    if (providerState(reg) !== 'Registered') {
      const delay = ctx.sim.opts.registrationDelayMs;
      // Even with no delay the register call itself reports Registering, as ARM does.
      reg.state = 'Registering';
      reg.readyAt = Date.now() + delay;
      return ok({ ...providerJson(s, reg.namespace), registrationState: 'Registering' });
    }
    return ok(providerJson(s, reg.namespace));
  }, V_PROVIDERS),
  route('POST', 'arm', 'providers.unregister', '/subscriptions/{sub}/providers/{ns}/unregister', (ctx) => {
    const s = getSubscription(ctx);
    knownNamespace(s, ctx.params.ns);
    const reg = s.providers.get(ctx.params.ns.toLowerCase())!;
    authorize(ctx, `${reg.namespace}/unregister/action`, `/subscriptions/${s.subscriptionId}`);
    requireWritable(s);
    reg.state = 'NotRegistered';
    reg.readyAt = undefined;
    return ok(providerJson(s, reg.namespace));
  }, V_PROVIDERS),
];
