import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { SMALL_SUBSCRIPTIONS as S, type AzureSim } from '../../sim/azure';
import { clients, control, startSim, type RawResponse } from './azure-sim-clients';

/**
 * Conformance: every operation the bot uses, and every x-ms-example the specs ship for operations the simulator
 * implements, is sent to the simulator; the status must be a documented success status and the body must validate
 * against the response schema (with $refs resolved across files and discriminated subtypes checked).
 * The specs live in ../shared/azure-specs beside the repository (as in CI).
 */
const SPECS = resolve(__dirname, '../../../shared/azure-specs');

type Json = any;
interface Operation {
  file: string;
  path: string;
  method: string;
  id: string;
  op: Json;
  pathParams: Json[];
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.json') ? [p] : [];
  });
}

/**
 * Azure swagger conventions: x-ms-enum modelAsString means "open enum"; x-nullable allows null; a bare
 * `{"type": "object"}` is AutoRest's "any". ARM omits nextLink on the last page although some list schemas mark it
 * required, so that one requirement is dropped.
 */
function prepare(node: Json): Json {
  if (Array.isArray(node)) return node.map(prepare);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) out[k] = prepare(v);
  if (out['x-ms-enum']?.modelAsString) delete out.enum;
  if (out['x-nullable'] === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  if (out.type === 'object' && !out.properties && !out.additionalProperties && !out.allOf && !out.$ref) delete out.type;
  if (Array.isArray(out.required) && out.properties?.nextLink) out.required = out.required.filter((r: string) => r !== 'nextLink');
  return out;
}

const docs = new Map<string, Json>();
const ajv = new Ajv({ strict: false, validateSchema: false, allErrors: true, discriminator: false });
addFormats(ajv);
for (const f of ['arm-id', 'duration', 'url', 'unixtime', 'base64url', 'file', 'date-time-rfc1123', 'decimal', 'int32', 'int64', 'float', 'double']) ajv.addFormat(f, true);

const uri = (file: string): string => pathToFileURL(file).href;
const operations: Operation[] = [];

beforeAll(() => {
  if (!existsSync(SPECS)) throw new Error(`specs not found at ${SPECS}`);
  for (const f of walk(SPECS).filter((p) => !p.includes('/examples/'))) {
    const doc = prepare(JSON.parse(readFileSync(f, 'utf8')));
    docs.set(uri(f), doc);
    ajv.addSchema(doc, uri(f));
    for (const [p, item] of Object.entries<Json>(doc.paths ?? {})) {
      for (const [m, op] of Object.entries<Json>(item)) {
        if (m === 'parameters') continue;
        operations.push({ file: f, path: p, method: m.toUpperCase(), id: op.operationId, op, pathParams: item.parameters ?? [] });
      }
    }
  }
});

/** Follows a $ref (relative to `base`) to [target, its absolute URI]. */
function deref(node: Json, base: string): [Json, string] {
  let cur = node;
  let at = base;
  while (cur?.$ref) {
    const abs = new URL(cur.$ref, at).href;
    const [file, frag = ''] = abs.split('#');
    const doc = docs.get(file);
    if (!doc) throw new Error(`unresolved $ref ${abs}`);
    cur = frag.split('/').filter(Boolean).reduce((o: Json, k) => o[decodeURIComponent(k).replace(/~1/g, '/').replace(/~0/g, '~')], doc);
    at = abs;
  }
  return [cur, at];
}

const pointer = (segments: string[]): string => segments.map((s) => encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');
const validators = new Map<string, ValidateFunction>();
function validatorFor(ref: string): ValidateFunction {
  let v = validators.get(ref);
  if (!v) {
    v = ajv.compile({ $ref: ref });
    validators.set(ref, v);
  }
  return v;
}

/** Validates `body` against the documented response schema, then each discriminated object against its subtype. */
function validate(o: Operation, status: number, body: Json): string[] {
  const resp = o.op.responses[String(status)];
  if (!resp?.schema) return body === undefined || body === '' ? [] : [`no schema for ${status} but body present`];
  const ref = `${uri(o.file)}#/${pointer(['paths', o.path, o.method.toLowerCase(), 'responses', String(status), 'schema'])}`;
  const v = validatorFor(ref);
  const errors = v(body) ? [] : (v.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  const [schema, at] = deref(resp.schema, uri(o.file));
  const itemSchema = schema.properties?.value?.items;
  const items: Array<[Json, Json]> = itemSchema ? (body?.value ?? []).map((x: Json) => [x, itemSchema]) : [[body, resp.schema]];
  for (const [item, s] of items) {
    const [def, defAt] = deref(s, at);
    if (!def?.discriminator) continue;
    const doc = docs.get(defAt.split('#')[0]);
    const kind = item?.[def.discriminator];
    const baseName = defAt.split('/').pop();
    const sub = Object.entries<Json>(doc.definitions).find(([, d]) => d['x-ms-discriminator-value'] === kind
      && (d.allOf ?? []).some((a: Json) => String(a.$ref).endsWith(`/definitions/${baseName}`)));
    if (!sub) continue;
    const sv = validatorFor(`${defAt.split('#')[0]}#/definitions/${sub[0]}`);
    if (!sv(item)) errors.push(...(sv.errors ?? []).map((e) => `[${kind}]${e.instancePath} ${e.message}`));
  }
  return errors;
}

function paramsOf(o: Operation): Json[] {
  return [...o.pathParams, ...(o.op.parameters ?? [])].map((p) => deref(p, uri(o.file))[0]);
}

function findOp(fileSuffix: string, operationId: string): Operation {
  const o = operations.find((x) => x.file.endsWith(fileSuffix) && x.id.toLowerCase() === operationId.toLowerCase());
  if (!o) throw new Error(`operation ${operationId} not in ${fileSuffix}`);
  return o;
}

describe('azure sim conformance with the REST specs', () => {
  let sim: AzureSim;
  let raw: ReturnType<typeof clients>['raw'];
  let logsToken: string;
  const WS = { subscriptionId: S.secops, resourceGroupName: 'rg-sentinel', workspaceName: 'law-sentinel-prod' };

  beforeAll(async () => {
    sim = await startSim();
    raw = clients(sim).raw;
    logsToken = (await (await import('./azure-sim-clients')).credential(sim).getToken('https://api.loganalytics.io/.default'))!.token;
  });
  afterAll(() => sim.close());

  /** Sends the operation with the given parameter values (path, query, body) and returns the response. */
  async function send(o: Operation, values: Record<string, Json>): Promise<RawResponse> {
    const params = paramsOf(o);
    let path = o.path;
    const query = new URLSearchParams();
    let body: Json;
    for (const p of params) {
      const v = values[p.name];
      if (p.in === 'path') {
        if (v === undefined) throw new Error(`${o.id}: missing path parameter ${p.name}`);
        path = path.replace(`{${p.name}}`, p['x-ms-skip-url-encoding'] ? String(v) : encodeURIComponent(String(v)));
      } else if (p.in === 'query' && v !== undefined) query.set(p.name, String(v));
      else if (p.in === 'body') body = v;
    }
    if (o.file.includes('/data-plane/')) {
      const res = await fetch(`${sim.url}/v1${path}?${query}`, { method: o.method, headers: { authorization: `Bearer ${logsToken}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: {} };
    }
    return raw(o.method as 'GET', `${path.replace(/^\/\//, '/')}?${query}`, body);
  }

  async function expectConformant(o: Operation, values: Record<string, Json>): Promise<void> {
    const res = await send(o, values);
    const documented = Object.keys(o.op.responses).filter((k) => k !== 'default');
    expect({ op: o.id, status: res.status, ok: documented.includes(String(res.status)), body: documented.includes(String(res.status)) ? undefined : res.body }).toEqual({ op: o.id, status: res.status, ok: true, body: undefined });
    expect({ op: `${o.id} (${relative(SPECS, o.file)})`, errors: validate(o, res.status, res.body) }).toEqual({ op: `${o.id} (${relative(SPECS, o.file)})`, errors: [] });
  }

  const SI_PREVIEW = 'securityinsights/resource-manager/Microsoft.SecurityInsights/preview/2022-09-01-preview/';
  const SI_STABLE = 'securityinsights/resource-manager/Microsoft.SecurityInsights/stable/2024-03-01/';
  const SI_2024_09 = 'securityinsights/resource-manager/Microsoft.SecurityInsights/stable/2024-09-01/';
  const SEC = 'security/resource-manager/Microsoft.Security/stable/';

  test('every operation the bot uses answers schema-valid responses', async () => {
    const ruleBase = `/subscriptions/${S.secops}/resourceGroups/rg-sentinel/providers/Microsoft.OperationalInsights/workspaces/law-sentinel-prod/providers/Microsoft.SecurityInsights/alertRules`;
    await raw('PUT', `${ruleBase}/asc?api-version=2022-09-01-preview`, { kind: 'MicrosoftSecurityIncidentCreation', properties: { displayName: 'asc', enabled: true, productFilter: 'Azure Security Center' } });
    const [alert] = sim.createAlerts({ subscriptionId: S.payments, severity: 'High', tactics: ['Execution'], techniques: ['T1059'] });
    await control(sim, 'POST', '/alerts', { subscriptionId: S.payments, severity: 'Low' });
    const incident = [...sim.state.workspace.incidents.values()][0]?.name;
    const asc = { kind: 'AzureSecurityCenter', properties: { subscriptionId: S.sandbox, dataTypes: { alerts: { state: 'Enabled' } } } };
    const rule = { kind: 'MicrosoftSecurityIncidentCreation', properties: { displayName: 'Create incidents based on Microsoft Defender for Cloud', enabled: true, productFilter: 'Azure Security Center', severitiesFilter: ['High', 'Medium', 'Low'], alertRuleTemplateName: '90586451-7ba8-4c1e-9904-7d1b7c3cc4d6' } };
    const calls: Array<[string, string, Record<string, Json>]> = [
      ['resources/resource-manager/Microsoft.Resources/stable/2022-12-01/subscriptions.json', 'Subscriptions_List', { 'api-version': '2022-12-01' }],
      ['resources/resource-manager/Microsoft.Resources/stable/2022-12-01/subscriptions.json', 'Subscriptions_Get', { 'api-version': '2022-12-01', subscriptionId: S.web }],
      ['resources/resource-manager/Microsoft.Resources/stable/2024-03-01/resources.json', 'Providers_Get', { 'api-version': '2024-03-01', subscriptionId: S.archive, resourceProviderNamespace: 'Microsoft.SecurityInsights' }],
      ['resources/resource-manager/Microsoft.Resources/stable/2024-03-01/resources.json', 'Providers_Register', { 'api-version': '2024-03-01', subscriptionId: S.archive, resourceProviderNamespace: 'Microsoft.SecurityInsights' }],
      ['resources/resource-manager/Microsoft.Resources/stable/2024-03-01/resources.json', 'Providers_List', { 'api-version': '2024-03-01', subscriptionId: S.web }],
      ['authorization-RoleAssignmentsCalls.json', 'RoleAssignments_ListForSubscription', { 'api-version': '2022-04-01', subscriptionId: S.secops, $filter: `assignedTo('${sim.state.botPrincipalId}')` }],
      ['authorization-RoleAssignmentsCalls.json', 'RoleAssignments_ListForScope', { 'api-version': '2022-04-01', scope: `subscriptions/${S.secops}/resourceGroups/rg-sentinel/providers/Microsoft.OperationalInsights/workspaces/law-sentinel-prod`, $filter: 'atScope()' }],
      ['authorization-RoleDefinitionsCalls.json', 'RoleDefinitions_Get', { 'api-version': '2022-04-01', scope: `subscriptions/${S.secops}`, roleDefinitionId: 'ab8e14d6-4a74-4a29-9ba8-549422addade' }],
      ['authorization-RoleDefinitionsCalls.json', 'Permissions_ListForResourceGroup', { 'api-version': '2022-04-01', subscriptionId: S.secops, resourceGroupName: 'rg-sentinel' }],
      ['authorization-RoleDefinitionsCalls.json', 'Permissions_ListForResource', { 'api-version': '2022-04-01', subscriptionId: S.secops, resourceGroupName: 'rg-sentinel', resourceProviderNamespace: 'Microsoft.OperationalInsights', parentResourcePath: '', resourceType: 'workspaces', resourceName: 'law-sentinel-prod' }],
      [`${SEC}2022-03-01/pricings.json`, 'Pricings_List', { 'api-version': '2022-03-01', subscriptionId: S.analytics }],
      [`${SEC}2022-03-01/pricings.json`, 'Pricings_Get', { 'api-version': '2022-03-01', subscriptionId: S.web, pricingName: 'VirtualMachines' }],
      [`${SEC}2022-03-01/pricings.json`, 'Pricings_Update', { 'api-version': '2022-03-01', subscriptionId: S.web, pricingName: 'SqlServers', pricing: { properties: { pricingTier: 'Standard' } } }],
      [`${SEC}2024-01-01/pricings.json`, 'Pricings_List', { 'api-version': '2024-01-01', scopeId: `subscriptions/${S.payments}` }],
      [`${SEC}2024-01-01/pricings.json`, 'Pricings_Update', { 'api-version': '2024-01-01', scopeId: `subscriptions/${S.web}`, pricingName: 'StorageAccounts', pricing: { properties: { pricingTier: 'Standard', subPlan: 'DefenderForStorageV2' } } }],
      [`${SEC}2021-07-01/settings.json`, 'Settings_List', { 'api-version': '2021-07-01', subscriptionId: S.web }],
      [`${SEC}2021-07-01/settings.json`, 'Settings_Get', { 'api-version': '2021-07-01', subscriptionId: S.web, settingName: 'Sentinel' }],
      [`${SEC}2021-07-01/settings.json`, 'Settings_Update', { 'api-version': '2021-07-01', subscriptionId: S.web, settingName: 'Sentinel', setting: { kind: 'AlertSyncSettings', properties: { enabled: true } } }],
      [`${SEC}2022-05-01/settings.json`, 'Settings_Update', { 'api-version': '2022-05-01', subscriptionId: S.web, settingName: 'Sentinel', setting: { kind: 'AlertSyncSettings', properties: { enabled: false } } }],
      ...['2021-11-01', '2022-01-01'].flatMap((v): Array<[string, string, Record<string, Json>]> => [
        [`${SEC}${v}/alerts.json`, 'Alerts_List', { 'api-version': v, subscriptionId: S.payments }],
        [`${SEC}${v}/alerts.json`, 'Alerts_ListByResourceGroup', { 'api-version': v, subscriptionId: S.payments, resourceGroupName: 'rg-payments' }],
        [`${SEC}${v}/alerts.json`, 'Alerts_ListSubscriptionLevelByRegion', { 'api-version': v, subscriptionId: S.payments, ascLocation: alert.location }],
        [`${SEC}${v}/alerts.json`, 'Alerts_GetSubscriptionLevel', { 'api-version': v, subscriptionId: S.payments, ascLocation: alert.location, alertName: alert.name }],
        [`${SEC}${v}/alerts.json`, 'Alerts_GetResourceGroupLevel', { 'api-version': v, subscriptionId: S.payments, resourceGroupName: 'rg-payments', ascLocation: alert.location, alertName: alert.name }],
        [`${SEC}${v}/alerts.json`, 'Alerts_UpdateSubscriptionLevelStateToDismiss', { 'api-version': v, subscriptionId: S.payments, ascLocation: alert.location, alertName: alert.name }],
        [`${SEC}${v}/alerts.json`, 'Alerts_UpdateSubscriptionLevelStateToActivate', { 'api-version': v, subscriptionId: S.payments, ascLocation: alert.location, alertName: alert.name }],
      ]),
      [`${SEC}2022-01-01/alerts.json`, 'Alerts_UpdateSubscriptionLevelStateToInProgress', { 'api-version': '2022-01-01', subscriptionId: S.payments, ascLocation: alert.location, alertName: alert.name }],
      [`${SEC}2022-01-01/alerts.json`, 'Alerts_UpdateSubscriptionLevelStateToResolve', { 'api-version': '2022-01-01', subscriptionId: S.payments, ascLocation: alert.location, alertName: alert.name }],
      ['Microsoft.OperationalInsights/stable/2023-09-01/Workspaces.json', 'Workspaces_Get', { 'api-version': '2023-09-01', ...WS }],
      ...[SI_PREVIEW, SI_STABLE, SI_2024_09].flatMap((dir): Array<[string, string, Record<string, Json>]> => {
        const v = dir.split('/').at(-2)!;
        const base = { 'api-version': v, ...WS, operationalInsightsResourceProvider: 'Microsoft.OperationalInsights' };
        const files = dir === SI_PREVIEW ? { dc: 'dataConnectors.json', rules: 'AlertRules.json' } : { dc: 'DataConnectors.json', rules: 'AlertRules.json' };
        const out: Array<[string, string, Record<string, Json>]> = [
          [`${dir}${files.dc}`, 'DataConnectors_List', base],
          [`${dir}${files.dc}`, 'DataConnectors_CreateOrUpdate', { ...base, dataConnectorId: `asc-${v}`, dataConnector: asc }],
          [`${dir}${files.dc}`, 'DataConnectors_Get', { ...base, dataConnectorId: `asc-${v}` }],
          [`${dir}${files.dc}`, 'DataConnectors_Delete', { ...base, dataConnectorId: `asc-${v}` }],
          [`${dir}${files.rules}`, 'AlertRules_CreateOrUpdate', { ...base, ruleId: `rule-${v}`, alertRule: rule }],
          [`${dir}${files.rules}`, 'AlertRules_List', base],
          [`${dir}${files.rules}`, 'AlertRules_Get', { ...base, ruleId: `rule-${v}` }],
          [`${dir}Incidents.json`, 'Incidents_List', { ...base, $filter: "properties/status ne 'Closed'", $orderby: 'properties/createdTimeUtc desc', $top: 50 }],
          [`${dir}Incidents.json`, 'Incidents_Get', { ...base, incidentId: incident }],
          [`${dir}Incidents.json`, 'Incidents_ListAlerts', { ...base, incidentId: incident }],
          [`${dir}Incidents.json`, 'Incidents_CreateOrUpdate', { ...base, incidentId: `inc-${v}`, incident: { properties: { title: 'Manual', severity: 'Low', status: 'New' } } }],
          [`${dir}Incidents.json`, 'Incidents_Delete', { ...base, incidentId: `inc-${v}` }],
          [`${dir}AlertRules.json`, 'AlertRules_Delete', { ...base, ruleId: `rule-${v}` }],
        ];
        if (dir !== SI_2024_09) {
          out.push([`${dir}OnboardingStates.json`, 'SentinelOnboardingStates_List', base], [`${dir}OnboardingStates.json`, 'SentinelOnboardingStates_Get', { ...base, sentinelOnboardingStateName: 'default' }],
            [`${dir}OnboardingStates.json`, 'SentinelOnboardingStates_Create', { ...base, sentinelOnboardingStateName: 'default', sentinelOnboardingStateParameter: { properties: { customerManagedKey: false } } }]);
        }
        if (dir === SI_PREVIEW) out.push([`${dir}dataConnectors.json`, 'DataConnectorsCheckRequirements_Post', { ...base, DataConnectorsCheckRequirements: { kind: 'AzureSecurityCenter', properties: { subscriptionId: S.qa } } }]);
        if (dir === SI_STABLE) {
          out.push([`${dir}ContentPackages.json`, 'ContentPackages_List', base], [`${dir}ContentPackages.json`, 'ContentPackages_Get', { ...base, packageId: 'azuresentinel.azure-sentinel-solution-microsoftdefenderforcloud' }],
            [`${dir}ContentProductPackages.json`, 'ProductPackages_List', base], [`${dir}ContentProductPackages.json`, 'ProductPackage_Get', { ...base, packageId: 'azuresentinel.azure-sentinel-solution-microsoftdefenderforcloud' }]);
        }
        return out;
      }),
      // The v1 document types every cell as string; 2022-10-27 (same /v1 endpoint) corrects that to any JSON value.
      ['data-plane/Microsoft.OperationalInsights/stable/2022-10-27/OperationalInsights.json', 'Query_Execute', { workspaceId: sim.state.workspace.customerId, body: { query: 'SecurityAlert | summarize arg_max(TimeGenerated, *) by SystemAlertId', timespan: 'P1D' } }],
      ['data-plane/Microsoft.OperationalInsights/stable/2022-10-27/OperationalInsights.json', 'Query_Get', { workspaceId: sim.state.workspace.customerId, query: 'SecurityAlert | summarize count() by AlertSeverity', timespan: 'PT12H' }],
    ];
    expect(incident).toBeDefined();
    for (const [file, id, values] of calls) await expectConformant(findOp(file, id), values);
  });

  /** Examples that target things the simulated tenant deliberately does not contain. */
  const SKIPPED: Record<string, string> = {
    'GetProvider.json': "fictional namespace 'Microsoft.TestRP1'",
    'GetProviderPermissions.json': 'providerPermissions is not simulated',
    'GetRoleDefinitionById.json': "placeholder id 'roleDefinitionId'",
    'GetRoleDefinitionByName.json': "placeholder scope 'scope' / id 'roleDefinitionId'",
    'GetPackageById.json': "package 'str.azure-sentinel-solution-str' is not in the simulated Content Hub",
    'GetProductPackageById.json': "package 'str.azure-sentinel-solution-str' is not in the simulated Content Hub",
    'InstallPackage.json': "package 'str.azure-sentinel-solution-str' is not in the simulated Content Hub",
    'GetAlertRuleTemplateById.json': 'only the Defender for Cloud incident template is simulated',
    'oms-get-example.json': "table 'Usage' is not simulated (only SecurityAlert)",
    'oms-post-example.json': "table 'AzureActivity' is not simulated (only SecurityAlert)",
    'oms-get-cross-workspace-example.json': 'cross-workspace union is outside the KQL subset',
    'oms-post-cross-workspace-example.json': 'cross-workspace union is outside the KQL subset',
    'la-get-example.json': "table 'Usage' is not simulated (only SecurityAlert)",
    'la-post-example.json': "table 'AzureActivity' is not simulated (only SecurityAlert)",
    'metadata-post.json': 'metadata API is not simulated',
  };

  /** Operations the simulator implements; examples of other operations in the same spec files are not replayed. */
  const IMPLEMENTED = new Set([
    'Subscriptions_List', 'Subscriptions_Get', 'Providers_Get', 'Providers_List', 'Providers_Register', 'RoleAssignments_ListForSubscription',
    'RoleAssignments_ListForScope', 'RoleAssignments_ListForResourceGroup', 'RoleDefinitions_Get', 'Permissions_ListForResourceGroup', 'Permissions_ListForResource',
    'Pricings_List', 'Pricings_Get', 'Pricings_Update', 'Settings_List', 'Settings_Get', 'Settings_Update', 'Alerts_List', 'Alerts_ListByResourceGroup',
    'Alerts_ListSubscriptionLevelByRegion', 'Alerts_ListResourceGroupLevelByRegion', 'Alerts_GetSubscriptionLevel', 'Alerts_GetResourceGroupLevel',
    'Alerts_UpdateSubscriptionLevelStateToDismiss', 'Alerts_UpdateSubscriptionLevelStateToResolve', 'Alerts_UpdateSubscriptionLevelStateToActivate',
    'Alerts_UpdateSubscriptionLevelStateToInProgress', 'Alerts_UpdateResourceGroupLevelStateToResolve', 'Alerts_UpdateResourceGroupLevelStateToDismiss',
    'Alerts_UpdateResourceGroupLevelStateToActivate', 'Alerts_UpdateResourceGroupLevelStateToInProgress', 'Alerts_Simulate', 'Workspaces_Get',
    'Workspaces_ListByResourceGroup', 'SentinelOnboardingStates_Get', 'SentinelOnboardingStates_Create', 'SentinelOnboardingStates_Delete',
    'SentinelOnboardingStates_List', 'DataConnectors_List', 'DataConnectors_Get', 'DataConnectors_CreateOrUpdate', 'DataConnectors_Delete',
    'DataConnectorsCheckRequirements_Post', 'AlertRules_List', 'AlertRules_Get', 'AlertRules_CreateOrUpdate', 'AlertRules_Delete', 'AlertRuleTemplates_List',
    'AlertRuleTemplates_Get', 'Incidents_List', 'Incidents_Get', 'Incidents_CreateOrUpdate', 'Incidents_Delete', 'Incidents_ListAlerts', 'ContentPackages_List',
    'ContentPackages_Get', 'ContentPackage_Install', 'ProductPackages_List', 'ProductPackage_Get', 'Query_Execute', 'Query_Get',
  ].map((x) => x.toLowerCase()));

  test('x-ms-examples replay: request parameters and bodies give documented statuses and schema-valid bodies', async () => {
    const examples = operations.filter((o) => IMPLEMENTED.has(o.id.toLowerCase())).flatMap((o) => Object.values<Json>(o.op['x-ms-examples'] ?? {}).map((e) => ({ o, file: resolve(o.file, '..', e.$ref) })))
      .filter((x) => existsSync(x.file));
    const replayed: string[] = [];
    for (const { o, file } of examples) {
      const name = file.split('/').pop()!;
      if (SKIPPED[name]) continue;
      // Each example runs against a fresh tenant; what it refers to is created first.
      sim.loadScenario('small');
      const ex = JSON.parse(readFileSync(file, 'utf8'));
      const v: Record<string, Json> = { ...ex.parameters };
      // Scope parameters point at the simulated workspace subscription; names, bodies and queries are replayed as written.
      if (v.subscriptionId) v.subscriptionId = S.secops;
      if (v.resourceGroupName) v.resourceGroupName = 'rg-sentinel';
      if (v.workspaceName) v.workspaceName = 'law-sentinel-prod';
      if (v.scopeId) v.scopeId = `subscriptions/${S.secops}`;
      if (v.scope) v.scope = `subscriptions/${S.secops}`;
      if (v.workspaceId) v.workspaceId = sim.state.workspace.customerId;
      if (v.alertName && !sim.state.alerts.has(String(v.alertName).toLowerCase())) {
        await control(sim, 'POST', '/alerts', { subscriptionId: S.secops, name: v.alertName, location: v.ascLocation, resourceGroup: 'rg-sentinel' });
      }
      const base = `/subscriptions/${S.secops}/resourceGroups/rg-sentinel/providers/Microsoft.OperationalInsights/workspaces/law-sentinel-prod/providers/Microsoft.SecurityInsights`;
      if (v.dataConnectorId && o.method !== 'PUT' && name.includes('AzureSecurityCenter')) {
        await raw('PUT', `${base}/dataConnectors/${v.dataConnectorId}?api-version=2024-03-01`, { kind: 'AzureSecurityCenter', properties: { subscriptionId: S.sandbox, dataTypes: { alerts: { state: 'Enabled' } } } });
      }
      if (v.ruleId && o.method !== 'PUT') {
        await raw('PUT', `${base}/alertRules/${v.ruleId}?api-version=2024-03-01`, { kind: 'MicrosoftSecurityIncidentCreation', properties: { displayName: 'Replay', enabled: true, productFilter: 'Azure Security Center' } });
      }
      if (v.incidentId && o.method !== 'PUT' && !sim.state.workspace.incidents.has(String(v.incidentId).toLowerCase())) {
        await raw('PUT', `${base}/incidents/${v.incidentId}?api-version=2024-03-01`, { properties: { title: 'Replay', severity: 'Medium', status: 'New' } });
      }
      await expectConformant(o, v);
      replayed.push(`${relative(SPECS, o.file)} ${o.id} ${name}`);
    }
    expect(replayed.length).toBeGreaterThanOrEqual(40);
  });
});
