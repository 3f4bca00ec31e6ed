import { armError, badRequest } from '../errors';
import { setAlertStatus } from '../flow';
import { noContent, ok, page, route, type Ctx, type Route } from '../http';
import { createAlert } from '../flow';
import { alertLink } from '../securityAlert';
import type { Plan } from '../plans';
import type { DefenderAlert, Subscription } from '../state';
import type { DefenderAlertStatus } from '../scenarios/types';
import { authorize, getSubscription, iso, requireResourceGroup, requireWritable } from './common';
import { V_ALERTS, V_PRICINGS, V_SETTINGS } from './versions';

const subScope = (s: Subscription): string => `/subscriptions/${s.subscriptionId}`;

// ---------- pricings ----------

/** 2022-03-01 (what arm-security 5 sends) lacks enablementTime/extensions; 2023+ adds them. */
function pricingJson(s: Subscription, p: Plan, apiVersion: string) {
  const props: Record<string, unknown> = { pricingTier: p.pricingTier, freeTrialRemainingTime: 'PT0S' };
  if (p.subPlan && p.pricingTier === 'Standard') props.subPlan = p.subPlan;
  if (p.deprecated) {
    props.deprecated = true;
    props.replacedBy = p.replacedBy;
  }
  if (apiVersion !== '2022-03-01') {
    props.enforce = 'False';
    props.inherited = 'False';
    if (p.pricingTier === 'Standard') {
      props.enablementTime = iso(p.enablementTime);
      props.resourcesCoverageStatus = 'FullyCovered';
    }
    if (p.extensions) props.extensions = p.extensions.map((name) => ({ name, isEnabled: p.pricingTier === 'Standard' ? 'True' : 'False' }));
  }
  return { id: `${subScope(s)}/providers/Microsoft.Security/pricings/${p.name}`, name: p.name, type: 'Microsoft.Security/pricings', properties: props };
}

function getPlan(s: Subscription, name: string): Plan {
  const p = s.plans.get(name.toLowerCase());
  if (!p) throw armError(404, 'NotFound', `Pricing '${name}' was not found.`);
  return p;
}

function updatePricing(ctx: Ctx) {
  const s = getSubscription(ctx);
  authorize(ctx, 'Microsoft.Security/pricings/write', subScope(s));
  requireWritable(s);
  const p = getPlan(s, ctx.params.name);
  const props = ctx.body?.properties;
  const tier = props?.pricingTier;
  if (tier !== 'Free' && tier !== 'Standard') throw badRequest("The 'pricingTier' property must be 'Free' or 'Standard'.", 'InvalidInputJson');
  if (p.deprecated && tier === 'Standard') {
    throw badRequest(`The '${p.name}' plan is deprecated and cannot be enabled; use '${(p.replacedBy ?? []).join("', '")}' instead.`);
  }
  if (tier === 'Standard' && p.pricingTier !== 'Standard') p.enablementTime = Date.now();
  p.pricingTier = tier;
  p.subPlan = tier === 'Standard' ? (props.subPlan ?? p.subPlan) : undefined;
  return ok(pricingJson(s, p, ctx.apiVersion));
}

// ---------- settings ----------

const SETTING_NAMES = ['MCAS', 'WDATP', 'WDATP_EXCLUDE_LINUX_PUBLIC_PREVIEW', 'WDATP_UNIFIED_SOLUTION', 'Sentinel'];

function settingJson(s: Subscription, name: string) {
  const base = { id: `${subScope(s)}/providers/Microsoft.Security/settings/${name}`, name, type: 'Microsoft.Security/settings' };
  if (name === 'Sentinel') return { ...base, kind: 'AlertSyncSettings', properties: { enabled: s.alertSync } };
  return { ...base, kind: 'DataExportSettings', properties: { enabled: s.dataExport[name] ?? false } };
}

function settingName(ctx: Ctx): string {
  const n = SETTING_NAMES.find((x) => x.toLowerCase() === ctx.params.name.toLowerCase());
  if (!n) throw badRequest(`The setting name '${ctx.params.name}' is invalid. Valid names: ${SETTING_NAMES.join(', ')}.`, 'InvalidInputJson');
  return n;
}

function updateSetting(ctx: Ctx) {
  const s = getSubscription(ctx);
  const name = settingName(ctx);
  authorize(ctx, 'Microsoft.Security/settings/write', subScope(s));
  requireWritable(s);
  const want = name === 'Sentinel' ? 'AlertSyncSettings' : 'DataExportSettings';
  if (ctx.body?.kind !== want) throw badRequest(`Setting '${name}' requires kind '${want}'.`, 'InvalidInputJson');
  const enabled = ctx.body?.properties?.enabled;
  if (typeof enabled !== 'boolean') throw badRequest("The 'properties.enabled' property is required and must be a boolean.", 'InvalidInputJson');
  if (name === 'Sentinel') s.alertSync = enabled;
  else s.dataExport[name] = enabled;
  return ok(settingJson(s, name));
}

// ---------- alerts ----------

export function alertJson(ctx: Ctx, a: DefenderAlert) {
  const ws = ctx.sim.state.workspace;
  const v2022 = ctx.apiVersion === '2022-01-01';
  const rgPart = a.resourceGroup ? `/resourceGroups/${a.resourceGroup}` : '';
  const props: Record<string, unknown> = {
    alertType: a.alertType,
    systemAlertId: a.name,
    productComponentName: a.productComponentName,
    alertDisplayName: a.displayName,
    description: a.description,
    severity: a.severity,
    intent: a.tactics[0] ?? 'Unknown',
    startTimeUtc: iso(a.startTime),
    endTimeUtc: iso(a.endTime),
    resourceIdentifiers: [
      { type: 'AzureResource', azureResourceId: a.resourceId },
      { type: 'LogAnalytics', workspaceId: ws.customerId, workspaceSubscriptionId: ws.subscriptionId, workspaceResourceGroup: ws.resourceGroup, agentId: '00000000-0000-0000-0000-000000000000' },
    ],
    remediationSteps: a.remediationSteps,
    vendorName: 'Microsoft',
    // 2021-11-01 predates InProgress; older clients see such alerts as Active.
    status: !v2022 && a.status === 'InProgress' ? 'Active' : a.status,
    extendedLinks: [],
    alertUri: alertLink(a),
    timeGeneratedUtc: iso(a.timeGenerated),
    productName: 'Azure Security Center',
    processingEndTimeUtc: iso(a.processingEndTime),
    entities: a.entities,
    isIncident: false,
    correlationKey: Buffer.from(a.systemAlertId).toString('base64'),
    extendedProperties: a.extendedProperties,
    compromisedEntity: a.compromisedEntity,
  };
  if (v2022) {
    props.version = '2022-01-01.0';
    props.techniques = a.techniques;
    props.subTechniques = a.subTechniques;
  }
  return { id: `/subscriptions/${a.subscriptionId}${rgPart}/providers/Microsoft.Security/locations/${a.location}/alerts/${a.name}`, name: a.name, type: 'Microsoft.Security/Locations/alerts', properties: props };
}

function alertsOf(ctx: Ctx, s: Subscription, filter: (a: DefenderAlert) => boolean): DefenderAlert[] {
  authorize(ctx, 'Microsoft.Security/locations/alerts/read', subScope(s));
  const out: DefenderAlert[] = [];
  for (const a of ctx.sim.state.alerts.values()) if (a.subscriptionId === s.subscriptionId && filter(a)) out.push(a);
  return out.sort((x, y) => y.timeGenerated - x.timeGenerated);
}

function findAlert(ctx: Ctx, s: Subscription): DefenderAlert {
  const a = ctx.sim.state.alerts.get(ctx.params.name.toLowerCase());
  const rg = ctx.params.rg;
  if (!a || a.subscriptionId !== s.subscriptionId || a.location.toLowerCase() !== ctx.params.loc.toLowerCase()
    || (rg !== undefined && a.resourceGroup?.toLowerCase() !== rg.toLowerCase())) {
    throw armError(404, 'NotFound', `Alert '${ctx.params.name}' was not found in location '${ctx.params.loc}'.`);
  }
  return a;
}

const ACTIONS: Record<string, DefenderAlertStatus> = { dismiss: 'Dismissed', resolve: 'Resolved', activate: 'Active', inprogress: 'InProgress' };

function changeStatus(ctx: Ctx) {
  const s = getSubscription(ctx);
  if (ctx.params.rg !== undefined) requireResourceGroup(s, ctx.params.rg);
  const verb = ctx.params.action.toLowerCase();
  const status = ACTIONS[verb];
  if (!status || (verb === 'inprogress' && ctx.apiVersion !== '2022-01-01')) {
    throw armError(404, 'InvalidResourceType', `The resource type 'alerts/${ctx.params.action}' could not be found in the namespace 'Microsoft.Security' for api version '${ctx.apiVersion}'.`);
  }
  authorize(ctx, `Microsoft.Security/locations/alerts/${verb === 'inprogress' ? 'inProgress' : verb}/action`, subScope(s));
  setAlertStatus(ctx.sim, findAlert(ctx, s), status);
  return noContent();
}

const LOC = '/subscriptions/{sub}/providers/Microsoft.Security/locations/{loc}/alerts';
const RG_LOC = '/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Security/locations/{loc}/alerts';

export const securityRoutes: Route[] = [
  route('GET', 'arm', 'pricings.list', '/subscriptions/{sub}/providers/Microsoft.Security/pricings', (ctx) => {
    const s = getSubscription(ctx);
    authorize(ctx, 'Microsoft.Security/pricings/read', subScope(s));
    const m = /^name\s+in\s+\(([^)]*)\)$/i.exec((ctx.query.get('$filter') ?? ctx.query.get('$Filter') ?? '').trim());
    const names = m ? new Set(m[1].split(',').map((x) => x.trim().replace(/^'|'$/g, '').toLowerCase())) : undefined;
    const plans = [...s.plans.values()].filter((p) => !names || names.has(p.name.toLowerCase()));
    return ok({ value: plans.map((p) => pricingJson(s, p, ctx.apiVersion)) });
  }, V_PRICINGS),
  route('GET', 'arm', 'pricings.get', '/subscriptions/{sub}/providers/Microsoft.Security/pricings/{name}', (ctx) => {
    const s = getSubscription(ctx);
    authorize(ctx, 'Microsoft.Security/pricings/read', subScope(s));
    return ok(pricingJson(s, getPlan(s, ctx.params.name), ctx.apiVersion));
  }, V_PRICINGS),
  route('PUT', 'arm', 'pricings.update', '/subscriptions/{sub}/providers/Microsoft.Security/pricings/{name}', updatePricing, V_PRICINGS),

  route('GET', 'arm', 'settings.list', '/subscriptions/{sub}/providers/Microsoft.Security/settings', (ctx) => {
    const s = getSubscription(ctx);
    authorize(ctx, 'Microsoft.Security/settings/read', subScope(s));
    return ok({ value: SETTING_NAMES.map((n) => settingJson(s, n)) });
  }, V_SETTINGS),
  route('GET', 'arm', 'settings.get', '/subscriptions/{sub}/providers/Microsoft.Security/settings/{name}', (ctx) => {
    const s = getSubscription(ctx);
    const name = settingName(ctx);
    authorize(ctx, 'Microsoft.Security/settings/read', subScope(s));
    return ok(settingJson(s, name));
  }, V_SETTINGS),
  route('PUT', 'arm', 'settings.update', '/subscriptions/{sub}/providers/Microsoft.Security/settings/{name}', updateSetting, V_SETTINGS),

  route('GET', 'arm', 'alerts.list', '/subscriptions/{sub}/providers/Microsoft.Security/alerts', (ctx) => {
    const s = getSubscription(ctx);
    return page(ctx, alertsOf(ctx, s, () => true), (a) => alertJson(ctx, a));
  }, V_ALERTS),
  route('GET', 'arm', 'alerts.listByResourceGroup', '/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Security/alerts', (ctx) => {
    const s = getSubscription(ctx);
    const rg = requireResourceGroup(s, ctx.params.rg).toLowerCase();
    return page(ctx, alertsOf(ctx, s, (a) => a.resourceGroup?.toLowerCase() === rg), (a) => alertJson(ctx, a));
  }, V_ALERTS),
  route('GET', 'arm', 'alerts.listSubscriptionLevelByRegion', LOC, (ctx) => {
    const s = getSubscription(ctx);
    const loc = ctx.params.loc.toLowerCase();
    return page(ctx, alertsOf(ctx, s, (a) => a.location.toLowerCase() === loc), (a) => alertJson(ctx, a));
  }, V_ALERTS),
  route('GET', 'arm', 'alerts.listResourceGroupLevelByRegion', RG_LOC, (ctx) => {
    const s = getSubscription(ctx);
    const rg = requireResourceGroup(s, ctx.params.rg).toLowerCase();
    const loc = ctx.params.loc.toLowerCase();
    return page(ctx, alertsOf(ctx, s, (a) => a.location.toLowerCase() === loc && a.resourceGroup?.toLowerCase() === rg), (a) => alertJson(ctx, a));
  }, V_ALERTS),
  route('POST', 'arm', 'alerts.simulate', `${LOC}/default/simulate`, (ctx) => {
    const s = getSubscription(ctx);
    authorize(ctx, 'Microsoft.Security/locations/alerts/simulate/action', subScope(s));
    const bundles: string[] = ctx.body?.properties?.bundles ?? ['VirtualMachines'];
    for (const b of bundles) {
      createAlert(ctx.sim, { subscriptionId: s.subscriptionId, location: ctx.params.loc, alertType: `SIMULATED_${b.toUpperCase()}`, displayName: `[Sample alert] ${b} test alert`, severity: 'High' });
    }
    return { status: 202 };
  }, V_ALERTS),
  route('GET', 'arm', 'alerts.getSubscriptionLevel', `${LOC}/{name}`, (ctx) => {
    const s = getSubscription(ctx);
    authorize(ctx, 'Microsoft.Security/locations/alerts/read', subScope(s));
    return ok(alertJson(ctx, findAlert(ctx, s)));
  }, V_ALERTS),
  route('GET', 'arm', 'alerts.getResourceGroupLevel', `${RG_LOC}/{name}`, (ctx) => {
    const s = getSubscription(ctx);
    requireResourceGroup(s, ctx.params.rg);
    authorize(ctx, 'Microsoft.Security/locations/alerts/read', subScope(s));
    return ok(alertJson(ctx, findAlert(ctx, s)));
  }, V_ALERTS),
  route('POST', 'arm', 'alerts.updateSubscriptionLevelState', `${LOC}/{name}/{action}`, changeStatus, V_ALERTS),
  route('POST', 'arm', 'alerts.updateResourceGroupLevelState', `${RG_LOC}/{name}/{action}`, changeStatus, V_ALERTS),
];
