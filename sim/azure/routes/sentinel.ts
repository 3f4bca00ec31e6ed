import { authorizationFailed, can } from '../authz';
import { armError, badRequest } from '../errors';
import { onIncidentClosed } from '../flow';
import { newEtag } from '../ids';
import { noContent, ok, page, route, type Ctx, type Reply, type Route } from '../http';
import { odataFilter, odataOrderBy } from '../odata';
import { hasStandardPlan } from '../plans';
import { alertLink, sentinelStatus } from '../securityAlert';
import { ascConnectorProperties, ASC_PRODUCT, type Incident, type StoredResource, type Workspace } from '../state';
import { iso, principal, requireRegistered, requireWritable, sentinelWorkspace } from './common';
import { V_SENTINEL, V_SENTINEL_PREVIEW, WS_BASE } from './versions';

const WS = WS_BASE;
const SEVERITIES = ['High', 'Medium', 'Low', 'Informational'];
const PRODUCTS = ['Microsoft Cloud App Security', 'Azure Security Center', 'Azure Advanced Threat Protection', 'Azure Active Directory Identity Protection',
  'Azure Security Center for IoT', 'Office 365 Advanced Threat Protection', 'Microsoft Defender Advanced Threat Protection'];
export const INCIDENT_RULE_TEMPLATE = '90586451-7ba8-4c1e-9904-7d1b7c3cc4d6';

/** Every Sentinel call except onboarding needs the workspace onboarded. */
function onboarded(ctx: Ctx, action: string): { ws: Workspace; wsId: string } {
  const r = sentinelWorkspace(ctx, action);
  if (!r.ws.onboarding) throw badRequest(`Microsoft Sentinel is not enabled on workspace '${r.ws.name}'. Create onboardingStates/default first.`, 'WorkspaceNotOnboarded');
  return r;
}

const resourceJson = (wsId: string, type: string, r: StoredResource) => ({
  id: `${wsId}/providers/Microsoft.SecurityInsights/${type}/${r.name}`,
  name: r.name,
  type: `Microsoft.SecurityInsights/${type}`,
  ...(r.kind ? { kind: r.kind } : {}),
  etag: r.etag,
  properties: r.properties,
});

function checkEtag(ctx: Ctx, existing: { etag: string } | undefined): void {
  const sent = ctx.body?.etag ?? ctx.headers['if-match'];
  if (sent && existing && sent !== '*' && sent !== existing.etag) {
    throw armError(412, 'PreconditionFailed', `The etag '${sent}' does not match the current etag '${existing.etag}'.`);
  }
}

/** PUT bookkeeping shared by connectors, rules and packages: 201 on create, 200 on update, etag bumps only on change. */
function upsert(ctx: Ctx, map: Map<string, StoredResource>, name: string, kind: string | undefined, properties: Record<string, any>): { status: number; res: StoredResource } {
  const key = name.toLowerCase();
  const prev = map.get(key);
  const same = prev && prev.kind === kind && JSON.stringify(prev.properties) === JSON.stringify(properties);
  const res: StoredResource = prev && same ? prev : { name: prev?.name ?? name, kind, etag: newEtag(), properties, createdAt: prev?.createdAt ?? Date.now() };
  map.set(key, res);
  ctx.log.created = !prev;
  return { status: prev ? 200 : 201, res };
}

// ---------- data connectors ----------

function validateAsc(ctx: Ctx, props: any): Record<string, any> {
  const subId = props?.subscriptionId;
  const state = props?.dataTypes?.alerts?.state;
  if (typeof subId !== 'string' || !subId) throw badRequest("The 'properties.subscriptionId' field is required for kind 'AzureSecurityCenter'.");
  if (state !== 'Enabled' && state !== 'Disabled') throw badRequest("The 'properties.dataTypes.alerts.state' field must be 'Enabled' or 'Disabled'.");
  const p = principal(ctx);
  const state_ = ctx.sim.state;
  const target = state_.subscriptions.get(subId.toLowerCase());
  const scope = `/subscriptions/${subId}`;
  // Linked access check: the caller needs write rights on the subscription being connected (Contributor/Owner).
  if (!target || !can(state_, p.objectId, 'Microsoft.SecurityInsights/dataConnectors/write', scope)) {
    throw authorizationFailed(p, 'Microsoft.SecurityInsights/dataConnectors/write', scope);
  }
  requireWritable(target);
  requireRegistered(target, 'Microsoft.SecurityInsights');
  if (!hasStandardPlan(target.plans)) {
    throw badRequest(`License is invalid: subscription '${subId}' has no Microsoft Defender for Cloud plan enabled. Enable at least one Defender plan to connect it.`, 'InvalidLicense');
  }
  return ascConnectorProperties(target.subscriptionId, state);
}

function putConnector(ctx: Ctx): Reply {
  const { ws, wsId } = onboarded(ctx, 'Microsoft.SecurityInsights/dataConnectors/write');
  const kind = ctx.body?.kind;
  if (typeof kind !== 'string' || !kind) throw badRequest("The 'kind' property is required.");
  const name = ctx.params.id;
  const existing = ws.connectors.get(name.toLowerCase());
  if (existing && existing.kind !== kind) throw badRequest(`Data connector '${name}' is of kind '${existing.kind}'; the kind cannot be changed.`);
  checkEtag(ctx, existing);
  let props: Record<string, any>;
  if (kind === 'AzureSecurityCenter') {
    props = validateAsc(ctx, ctx.body.properties);
    const clash = [...ws.connectors.values()].find((c) => c.kind === kind && c.name.toLowerCase() !== name.toLowerCase()
      && String(c.properties.subscriptionId).toLowerCase() === props.subscriptionId.toLowerCase());
    if (clash) throw armError(409, 'Conflict', `Subscription '${props.subscriptionId}' is already connected by data connector '${clash.name}'.`);
  } else {
    if (typeof ctx.body.properties !== 'object' || ctx.body.properties === null) throw badRequest("The 'properties' object is required.");
    props = ctx.body.properties;
  }
  const { status, res } = upsert(ctx, ws.connectors, name, kind, props);
  return ok(resourceJson(wsId, 'dataConnectors', res), status);
}

function checkRequirements(ctx: Ctx): Reply {
  onboarded(ctx, 'Microsoft.SecurityInsights/dataConnectorsCheckRequirements/action');
  const kind = ctx.body?.kind;
  if (typeof kind !== 'string') throw badRequest("The 'kind' property is required.");
  if (kind !== 'AzureSecurityCenter') return ok({ authorizationState: 'Valid', licenseState: 'Valid' });
  const subId = ctx.body?.properties?.subscriptionId;
  if (typeof subId !== 'string') throw badRequest("The 'properties.subscriptionId' field is required for kind 'AzureSecurityCenter'.");
  const state = ctx.sim.state;
  const sub = state.subscriptions.get(subId.toLowerCase());
  const authorized = !!sub && can(state, principal(ctx).objectId, 'Microsoft.SecurityInsights/dataConnectors/write', `/subscriptions/${subId}`);
  const canRead = !!sub && can(state, principal(ctx).objectId, 'Microsoft.Security/pricings/read', `/subscriptions/${subId}`);
  return ok({ authorizationState: authorized ? 'Valid' : 'Invalid', licenseState: !canRead ? 'Unknown' : hasStandardPlan(sub!.plans) ? 'Valid' : 'Invalid' });
}

// ---------- alert rules ----------

function validateRule(kind: string, props: any): Record<string, any> {
  if (typeof props !== 'object' || props === null) throw badRequest("The 'properties' object is required.");
  if (kind !== 'MicrosoftSecurityIncidentCreation') return props;
  if (typeof props.displayName !== 'string' || !props.displayName) throw badRequest("The 'properties.displayName' field is required.");
  if (typeof props.enabled !== 'boolean') throw badRequest("The 'properties.enabled' field is required.");
  if (!PRODUCTS.includes(props.productFilter)) throw badRequest(`The 'properties.productFilter' value '${props.productFilter}' is invalid.`);
  if (props.severitiesFilter !== undefined && (!Array.isArray(props.severitiesFilter) || props.severitiesFilter.some((s: unknown) => !SEVERITIES.includes(String(s))))) {
    throw badRequest("The 'properties.severitiesFilter' must list High, Medium, Low or Informational.");
  }
  const { lastModifiedUtc: _ignored, ...rest } = props;
  return rest;
}

function putRule(ctx: Ctx): Reply {
  const { ws, wsId } = onboarded(ctx, 'Microsoft.SecurityInsights/alertRules/write');
  const kind = ctx.body?.kind;
  if (typeof kind !== 'string' || !kind) throw badRequest("The 'kind' property is required.");
  const existing = ws.alertRules.get(ctx.params.id.toLowerCase());
  if (existing && existing.kind !== kind) throw badRequest(`Alert rule '${ctx.params.id}' is of kind '${existing.kind}'; the kind cannot be changed.`);
  checkEtag(ctx, existing);
  const props = validateRule(kind, ctx.body.properties);
  const prevModified = existing?.properties.lastModifiedUtc;
  const { status, res } = upsert(ctx, ws.alertRules, ctx.params.id, kind, { ...props, lastModifiedUtc: prevModified ?? '' });
  if (res !== existing) res.properties.lastModifiedUtc = new Date().toISOString();
  return ok(resourceJson(wsId, 'alertRules', res), status);
}

const TEMPLATE = {
  name: INCIDENT_RULE_TEMPLATE,
  kind: 'MicrosoftSecurityIncidentCreation',
  properties: {
    displayName: 'Create incidents based on Microsoft Defender for Cloud',
    description: 'Create incidents based on all alerts generated in Microsoft Defender for Cloud',
    productFilter: ASC_PRODUCT,
    severitiesFilter: ['Low', 'Medium', 'High'],
    alertRulesCreatedByTemplateCount: 0,
    createdDateUTC: '2019-07-16T00:00:00Z',
    status: 'Available',
    requiredDataConnectors: [{ connectorId: 'AzureSecurityCenter', dataTypes: ['SecurityAlert (ASC)'] }],
  },
};

function templateJson(ctx: Ctx, wsId: string) {
  const used = [...ctx.sim.state.workspace.alertRules.values()].filter((r) => r.properties.alertRuleTemplateName === INCIDENT_RULE_TEMPLATE).length;
  return {
    id: `${wsId}/providers/Microsoft.SecurityInsights/alertRuleTemplates/${TEMPLATE.name}`, name: TEMPLATE.name, type: 'Microsoft.SecurityInsights/alertRuleTemplates',
    kind: TEMPLATE.kind, properties: { ...TEMPLATE.properties, alertRulesCreatedByTemplateCount: used },
  };
}

// ---------- incidents ----------

function incidentJson(wsId: string, i: Incident) {
  return {
    id: `${wsId}/providers/Microsoft.SecurityInsights/incidents/${i.name}`,
    name: i.name,
    type: 'Microsoft.SecurityInsights/incidents',
    etag: i.etag,
    properties: { ...i.properties, additionalData: { ...i.properties.additionalData, alertsCount: i.alertNames.length } },
  };
}

function getIncident(ws: Workspace, id: string): Incident {
  const i = ws.incidents.get(id.toLowerCase());
  if (!i) throw armError(404, 'NotFound', `Incident '${id}' was not found.`);
  return i;
}

const CLASSIFICATIONS = ['Undetermined', 'TruePositive', 'BenignPositive', 'FalsePositive'];
const REASONS = ['SuspiciousActivity', 'SuspiciousButExpected', 'IncorrectAlertLogic', 'InaccurateData'];

function putIncident(ctx: Ctx): Reply {
  const { ws, wsId } = onboarded(ctx, 'Microsoft.SecurityInsights/incidents/write');
  const p = ctx.body?.properties;
  if (typeof p !== 'object' || p === null) throw badRequest("The 'properties' object is required.");
  for (const f of ['title', 'severity', 'status']) if (typeof p[f] !== 'string' || !p[f]) throw badRequest(`The '${f}' field is required.`);
  if (!SEVERITIES.includes(p.severity)) throw badRequest(`Invalid severity '${p.severity}'.`);
  if (!['New', 'Active', 'Closed'].includes(p.status)) throw badRequest(`Invalid status '${p.status}'.`);
  if (p.status === 'Closed') {
    if (!CLASSIFICATIONS.includes(p.classification)) throw badRequest('Closing an incident requires a classification.');
    if (p.classification !== 'Undetermined' && !REASONS.includes(p.classificationReason)) {
      throw badRequest(`classification '${p.classification}' must have classificationReason`);
    }
  }
  const existing = ws.incidents.get(ctx.params.id.toLowerCase());
  checkEtag(ctx, existing);
  const now = new Date().toISOString();
  const editable = ['title', 'description', 'severity', 'status', 'classification', 'classificationReason', 'classificationComment', 'owner', 'labels', 'firstActivityTimeUtc', 'lastActivityTimeUtc'];
  const changes = Object.fromEntries(editable.filter((k) => p[k] !== undefined).map((k) => [k, p[k]]));
  if (p.status !== 'Closed') for (const k of ['classification', 'classificationReason', 'classificationComment']) delete changes[k];
  let incident: Incident;
  if (existing) {
    const wasClosed = existing.properties.status === 'Closed';
    if (p.status !== 'Closed') for (const k of ['classification', 'classificationReason', 'classificationComment']) delete existing.properties[k];
    Object.assign(existing.properties, changes, { lastModifiedTimeUtc: now });
    existing.etag = newEtag();
    incident = existing;
    if (!wasClosed && p.status === 'Closed') onIncidentClosed(ctx.sim, existing);
  } else {
    const number = ++ws.incidentCounter;
    incident = {
      name: ctx.params.id, etag: newEtag(), number, alertNames: [],
      properties: {
        owner: {}, labels: [], ...changes, createdTimeUtc: now, lastModifiedTimeUtc: now, incidentNumber: number, providerName: 'Azure Sentinel', providerIncidentId: String(number),
        incidentUrl: `https://portal.azure.com/#asset/Microsoft_Azure_Security_Insights/Incident${wsId}/providers/Microsoft.SecurityInsights/Incidents/${ctx.params.id}`,
        relatedAnalyticRuleIds: [], additionalData: { alertsCount: 0, bookmarksCount: 0, commentsCount: 0, alertProductNames: [], tactics: [] },
      },
    };
    ws.incidents.set(ctx.params.id.toLowerCase(), incident);
  }
  ctx.log.created = !existing;
  return ok(incidentJson(wsId, incident), existing ? 200 : 201);
}

function incidentAlerts(ctx: Ctx): Reply {
  const { ws, wsId } = onboarded(ctx, 'Microsoft.SecurityInsights/incidents/read');
  const i = getIncident(ws, ctx.params.id);
  const value = i.alertNames.map((n) => ctx.sim.state.alerts.get(n.toLowerCase())).filter((a) => a !== undefined).map((a) => ({
    id: `${wsId}/providers/Microsoft.SecurityInsights/entities/${a.systemAlertId}`,
    name: a.systemAlertId,
    type: 'Microsoft.SecurityInsights/Entities',
    kind: 'SecurityAlert',
    properties: {
      additionalData: { 'Alert Id': a.name, Location: a.location },
      alertDisplayName: a.displayName,
      alertType: a.alertType,
      alertLink: alertLink(a),
      compromisedEntity: a.compromisedEntity,
      confidenceLevel: 'Unknown',
      description: a.description,
      endTimeUtc: iso(a.endTime),
      friendlyName: a.displayName,
      processingEndTime: iso(a.processingEndTime),
      productComponentName: a.productComponentName,
      productName: ASC_PRODUCT,
      providerAlertId: a.name,
      remediationSteps: a.remediationSteps,
      resourceIdentifiers: [{ type: 'AzureResource', resourceId: a.resourceId }],
      severity: a.severity,
      startTimeUtc: iso(a.startTime),
      status: sentinelStatus(a.status),
      systemAlertId: a.systemAlertId,
      tactics: a.tactics,
      timeGenerated: iso(a.timeGenerated),
      vendorName: 'Microsoft',
    },
  }));
  return ok({ value });
}

// ---------- onboarding ----------

function onboardingJson(wsId: string, r: StoredResource) {
  return { id: `${wsId}/providers/Microsoft.SecurityInsights/onboardingStates/${r.name}`, name: r.name, type: 'Microsoft.SecurityInsights/onboardingStates', etag: r.etag, properties: r.properties };
}

function requireDefault(ctx: Ctx): void {
  if (ctx.params.name.toLowerCase() !== 'default') throw badRequest(`Only the 'default' onboarding state is supported, not '${ctx.params.name}'.`);
}

export const sentinelRoutes: Route[] = [
  route('GET', 'arm', 'sentinelOnboardingStates.list', `${WS}/onboardingStates`, (ctx) => {
    const { ws, wsId } = sentinelWorkspace(ctx, 'Microsoft.SecurityInsights/onboardingStates/read');
    return ok({ value: ws.onboarding ? [onboardingJson(wsId, ws.onboarding)] : [] });
  }, V_SENTINEL),
  route('GET', 'arm', 'sentinelOnboardingStates.get', `${WS}/onboardingStates/{name}`, (ctx) => {
    const { ws, wsId } = sentinelWorkspace(ctx, 'Microsoft.SecurityInsights/onboardingStates/read');
    if (ctx.params.name.toLowerCase() !== 'default' || !ws.onboarding) throw armError(404, 'NotFound', `Sentinel onboarding state '${ctx.params.name}' was not found.`);
    return ok(onboardingJson(wsId, ws.onboarding));
  }, V_SENTINEL),
  route('PUT', 'arm', 'sentinelOnboardingStates.create', `${WS}/onboardingStates/{name}`, (ctx) => {
    requireDefault(ctx);
    const { ws, wsId } = sentinelWorkspace(ctx, 'Microsoft.SecurityInsights/onboardingStates/write');
    const created = !ws.onboarding;
    ws.onboarding ??= { name: 'default', etag: newEtag(), properties: { customerManagedKey: ctx.body?.properties?.customerManagedKey ?? false }, createdAt: Date.now() };
    ctx.log.created = created;
    return ok(onboardingJson(wsId, ws.onboarding), created ? 201 : 200);
  }, V_SENTINEL),
  route('DELETE', 'arm', 'sentinelOnboardingStates.delete', `${WS}/onboardingStates/{name}`, (ctx) => {
    const { ws } = sentinelWorkspace(ctx, 'Microsoft.SecurityInsights/onboardingStates/delete');
    if (ctx.params.name.toLowerCase() !== 'default' || !ws.onboarding) return noContent();
    ws.onboarding = undefined;
    return ok(undefined);
  }, V_SENTINEL),

  route('GET', 'arm', 'dataConnectors.list', `${WS}/dataConnectors`, (ctx) => {
    const { ws, wsId } = onboarded(ctx, 'Microsoft.SecurityInsights/dataConnectors/read');
    return page(ctx, [...ws.connectors.values()], (c) => resourceJson(wsId, 'dataConnectors', c));
  }, V_SENTINEL),
  route('GET', 'arm', 'dataConnectors.get', `${WS}/dataConnectors/{id}`, (ctx) => {
    const { ws, wsId } = onboarded(ctx, 'Microsoft.SecurityInsights/dataConnectors/read');
    const c = ws.connectors.get(ctx.params.id.toLowerCase());
    if (!c) throw armError(404, 'NotFound', `Data connector '${ctx.params.id}' was not found.`);
    return ok(resourceJson(wsId, 'dataConnectors', c));
  }, V_SENTINEL),
  route('PUT', 'arm', 'dataConnectors.createOrUpdate', `${WS}/dataConnectors/{id}`, putConnector, V_SENTINEL),
  route('DELETE', 'arm', 'dataConnectors.delete', `${WS}/dataConnectors/{id}`, (ctx) => {
    const { ws } = onboarded(ctx, 'Microsoft.SecurityInsights/dataConnectors/delete');
    return ws.connectors.delete(ctx.params.id.toLowerCase()) ? ok(undefined) : noContent();
  }, V_SENTINEL),
  route('POST', 'arm', 'dataConnectorsCheckRequirements.post', `${WS}/dataConnectorsCheckRequirements`, checkRequirements, V_SENTINEL_PREVIEW),

  route('GET', 'arm', 'alertRules.list', `${WS}/alertRules`, (ctx) => {
    const { ws, wsId } = onboarded(ctx, 'Microsoft.SecurityInsights/alertRules/read');
    return page(ctx, [...ws.alertRules.values()], (r) => resourceJson(wsId, 'alertRules', r));
  }, V_SENTINEL),
  route('GET', 'arm', 'alertRules.get', `${WS}/alertRules/{id}`, (ctx) => {
    const { ws, wsId } = onboarded(ctx, 'Microsoft.SecurityInsights/alertRules/read');
    const r = ws.alertRules.get(ctx.params.id.toLowerCase());
    if (!r) throw armError(404, 'NotFound', `Alert rule '${ctx.params.id}' was not found.`);
    return ok(resourceJson(wsId, 'alertRules', r));
  }, V_SENTINEL),
  route('PUT', 'arm', 'alertRules.createOrUpdate', `${WS}/alertRules/{id}`, putRule, V_SENTINEL),
  route('DELETE', 'arm', 'alertRules.delete', `${WS}/alertRules/{id}`, (ctx) => {
    const { ws } = onboarded(ctx, 'Microsoft.SecurityInsights/alertRules/delete');
    return ws.alertRules.delete(ctx.params.id.toLowerCase()) ? ok(undefined) : noContent();
  }, V_SENTINEL),
  route('GET', 'arm', 'alertRuleTemplates.list', `${WS}/alertRuleTemplates`, (ctx) => {
    const { wsId } = onboarded(ctx, 'Microsoft.SecurityInsights/alertRuleTemplates/read');
    return ok({ value: [templateJson(ctx, wsId)] });
  }, V_SENTINEL),
  route('GET', 'arm', 'alertRuleTemplates.get', `${WS}/alertRuleTemplates/{id}`, (ctx) => {
    const { wsId } = onboarded(ctx, 'Microsoft.SecurityInsights/alertRuleTemplates/read');
    if (ctx.params.id.toLowerCase() !== INCIDENT_RULE_TEMPLATE) throw armError(404, 'NotFound', `Alert rule template '${ctx.params.id}' was not found.`);
    return ok(templateJson(ctx, wsId));
  }, V_SENTINEL),

  route('GET', 'arm', 'incidents.list', `${WS}/incidents`, (ctx) => {
    const { ws, wsId } = onboarded(ctx, 'Microsoft.SecurityInsights/incidents/read');
    const all = [...ws.incidents.values()].map((i) => incidentJson(wsId, i));
    const filtered = all.filter(odataFilter(ctx.query.get('$filter')));
    const order = odataOrderBy(ctx.query.get('$orderby'));
    if (order) filtered.sort(order);
    return page(ctx, filtered, (x) => x);
  }, V_SENTINEL),
  route('GET', 'arm', 'incidents.get', `${WS}/incidents/{id}`, (ctx) => {
    const { ws, wsId } = onboarded(ctx, 'Microsoft.SecurityInsights/incidents/read');
    return ok(incidentJson(wsId, getIncident(ws, ctx.params.id)));
  }, V_SENTINEL),
  route('PUT', 'arm', 'incidents.createOrUpdate', `${WS}/incidents/{id}`, putIncident, V_SENTINEL),
  route('DELETE', 'arm', 'incidents.delete', `${WS}/incidents/{id}`, (ctx) => {
    const { ws } = onboarded(ctx, 'Microsoft.SecurityInsights/incidents/delete');
    return ws.incidents.delete(ctx.params.id.toLowerCase()) ? ok(undefined) : noContent();
  }, V_SENTINEL),
  route('POST', 'arm', 'incidents.listAlerts', `${WS}/incidents/{id}/alerts`, incidentAlerts, V_SENTINEL),
];
