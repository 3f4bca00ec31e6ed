import { randomUUID } from 'node:crypto';
import { SMALL_SUBSCRIPTIONS as S, type AzureSim } from '../../sim/azure';
import { clients, credential, failure, startSim, workspaceArgs, wsPath } from './azure-sim-clients';

const ASC = (subscriptionId: string, state: 'Enabled' | 'Disabled' = 'Enabled') => ({ kind: 'AzureSecurityCenter' as const, subscriptionId, dataTypes: { alerts: { state } } });

describe('azure sim: Sentinel operations through @azure/arm-securityinsight (2022-09-01-preview)', () => {
  let sim: AzureSim;
  let c: ReturnType<typeof clients>;
  let rg: string;
  let ws: string;
  beforeAll(async () => {
    sim = await startSim();
    c = clients(sim);
    [rg, ws] = workspaceArgs(sim);
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    sim.loadScenario('small');
    sim.clearRequests();
  });

  test('onboarding state get/list/create', async () => {
    expect((await c.sentinel.sentinelOnboardingStates.get(rg, ws, 'default')).customerManagedKey).toBe(false);
    const s = sim.state.workspace;
    s.onboarding = undefined;
    expect((await c.sentinel.sentinelOnboardingStates.list(rg, ws)).value).toEqual([]);
    expect((await failure(c.sentinel.sentinelOnboardingStates.get(rg, ws, 'default'))).statusCode).toBe(404);
    await c.sentinel.sentinelOnboardingStates.create(rg, ws, 'default', { sentinelOnboardingStateParameter: { customerManagedKey: false } });
    expect(sim.requests({ method: 'PUT' })[0]).toMatchObject({ status: 201, created: true, apiVersion: '2022-09-01-preview' });
  });

  test('data connectors: list/get/create (201) /idempotent update (200) /delete, created flag in the request log', async () => {
    const listed = [];
    for await (const d of c.sentinel.dataConnectors.list(rg, ws)) listed.push(d);
    expect(listed.filter((d) => d.kind === 'AzureSecurityCenter')).toHaveLength(4);
    const id = randomUUID();
    const created = await c.sentinel.dataConnectors.createOrUpdate(rg, ws, id, ASC(S.data));
    expect(created).toMatchObject({ kind: 'AzureSecurityCenter', subscriptionId: S.data, dataTypes: { alerts: { state: 'Enabled' } } });
    const again = await c.sentinel.dataConnectors.createOrUpdate(rg, ws, id, ASC(S.data));
    expect(again.etag).toBe(created.etag);
    const puts = sim.requests({ method: 'PUT', path: /dataConnectors/ });
    expect(puts.map((p) => [p.status, p.created])).toEqual([[201, true], [200, false]]);
    expect(puts[0].body).toEqual({ kind: 'AzureSecurityCenter', properties: { subscriptionId: S.data, dataTypes: { alerts: { state: 'Enabled' } } } });
    expect((await c.sentinel.dataConnectors.get(rg, ws, id)).name).toBe(id);
    await c.sentinel.dataConnectors.delete(rg, ws, id);
    expect((await failure(c.sentinel.dataConnectors.get(rg, ws, id))).statusCode).toBe(404);
    expect(sim.requests({ method: 'DELETE' })[0].status).toBe(200);
  });

  test('connect without any Standard plan → 400 InvalidLicense', async () => {
    const err = await failure(c.sentinel.dataConnectors.createOrUpdate(rg, ws, randomUUID(), ASC(S.qa)));
    expect(err.statusCode).toBe(400);
    expect(err.code).toBe('InvalidLicense');
    expect(err.message).toMatch(/License is invalid/);
  });

  test('connect without Microsoft.SecurityInsights registered on the target → 409 MissingSubscriptionRegistration', async () => {
    const err = await failure(c.sentinel.dataConnectors.createOrUpdate(rg, ws, randomUUID(), ASC(S.archive)));
    expect(err.statusCode).toBe(409);
    expect(err.code).toBe('MissingSubscriptionRegistration');
    expect(err.message).toContain("namespace 'Microsoft.SecurityInsights'");
  });

  test('connect without Contributor/Owner on the target (Reader, Security Admin) → 403 AuthorizationFailed', async () => {
    for (const sub of [S.finance, S.partner]) {
      const err = await failure(c.sentinel.dataConnectors.createOrUpdate(rg, ws, randomUUID(), ASC(sub)));
      expect(err.statusCode).toBe(403);
      expect(err.code).toBe('AuthorizationFailed');
      expect(err.message).toContain(`over scope '/subscriptions/${sub}'`);
    }
  });

  test('workspace write is required too: the readonly principal gets 403 on the workspace scope', async () => {
    const ro = clients(sim, credential(sim, 'readonly'));
    const err = await failure(ro.sentinel.dataConnectors.createOrUpdate(rg, ws, randomUUID(), ASC(S.data)));
    expect(err.code).toBe('AuthorizationFailed');
    expect(err.message).toContain(wsPath(sim));
  });

  test('a Disabled subscription cannot be connected (read-only)', async () => {
    const err = await failure(c.sentinel.dataConnectors.createOrUpdate(rg, ws, randomUUID(), ASC(S.decommissioned)));
    expect(err.statusCode).toBe(409);
    expect(err.code).toBe('ReadOnlyDisabledSubscription');
  });

  test('tenant-based and Defender XDR connectors can be stored next to the subscription connectors (overlap detection)', async () => {
    await c.sentinel.dataConnectors.createOrUpdate(rg, ws, 'xdr', { kind: 'MicrosoftThreatProtection', tenantId: sim.env.AZURE_TENANT_ID, dataTypes: { incidents: { state: 'Enabled' } } } as any);
    const tenantBased = await c.raw('PUT', `${wsPath(sim)}/providers/Microsoft.SecurityInsights/dataConnectors/mdc-tenant?api-version=2024-09-01`, {
      kind: 'MicrosoftDefenderForCloudTenantBased', properties: { tenantId: sim.env.AZURE_TENANT_ID, dataTypes: { alerts: { state: 'Enabled' } } },
    });
    expect(tenantBased.status).toBe(201);
    const kinds = [];
    for await (const d of c.sentinel.dataConnectors.list(rg, ws)) kinds.push(d.kind);
    expect(kinds).toEqual(expect.arrayContaining(['MicrosoftThreatProtection', 'MicrosoftDefenderForCloudTenantBased', 'AzureSecurityCenter']));
  });

  test('dataConnectorsCheckRequirements derives authorization/license state from roles and plans', async () => {
    const check = (sub: string) => c.sentinel.dataConnectorsCheckRequirementsOperations.post(rg, ws, { kind: 'AzureSecurityCenter', subscriptionId: sub } as any);
    expect(await check(S.data)).toEqual({ authorizationState: 'Valid', licenseState: 'Valid' });
    expect(await check(S.qa)).toEqual({ authorizationState: 'Valid', licenseState: 'Invalid' });
    expect(await check(S.finance)).toEqual({ authorizationState: 'Invalid', licenseState: 'Valid' });
    const stable = await c.raw('POST', `${wsPath(sim)}/providers/Microsoft.SecurityInsights/dataConnectorsCheckRequirements?api-version=2024-03-01`, { kind: 'AzureSecurityCenter', properties: { subscriptionId: S.data } });
    expect(stable.body.error.code).toBe('InvalidApiVersionParameter');
  });

  test('alert rules: create incidents rule (MicrosoftSecurityIncidentCreation) create/get/list/delete, validation', async () => {
    const body = {
      kind: 'MicrosoftSecurityIncidentCreation' as const, displayName: 'Create incidents based on Microsoft Defender for Cloud', enabled: true,
      productFilter: 'Azure Security Center', severitiesFilter: ['High', 'Medium', 'Low'], alertRuleTemplateName: '90586451-7ba8-4c1e-9904-7d1b7c3cc4d6',
    };
    const rule = await c.sentinel.alertRules.createOrUpdate(rg, ws, 'asc-incidents', body);
    expect(rule).toMatchObject({ kind: 'MicrosoftSecurityIncidentCreation', productFilter: 'Azure Security Center', severitiesFilter: ['High', 'Medium', 'Low'] });
    expect((rule as { lastModifiedUtc?: Date }).lastModifiedUtc).toBeInstanceOf(Date);
    const list = [];
    for await (const r of c.sentinel.alertRules.list(rg, ws)) list.push(r);
    expect(list.map((r) => r.name)).toContain('asc-incidents');
    expect((await c.sentinel.alertRules.get(rg, ws, 'asc-incidents')).name).toBe('asc-incidents');
    const bad = await failure(c.sentinel.alertRules.createOrUpdate(rg, ws, 'bad', { ...body, productFilter: 'Nope' } as any));
    expect(bad.statusCode).toBe(400);
    await c.sentinel.alertRules.delete(rg, ws, 'asc-incidents');
    expect((await failure(c.sentinel.alertRules.get(rg, ws, 'asc-incidents'))).statusCode).toBe(404);
    const template = await c.raw('GET', `${wsPath(sim)}/providers/Microsoft.SecurityInsights/alertRuleTemplates/90586451-7ba8-4c1e-9904-7d1b7c3cc4d6?api-version=2024-03-01`);
    expect(template.body.properties.displayName).toBe('Create incidents based on Microsoft Defender for Cloud');
  });

  test('incidents: list with $filter/$orderby/$top, get, update (close needs classification), listAlerts', async () => {
    await c.sentinel.alertRules.createOrUpdate(rg, ws, 'r', { kind: 'MicrosoftSecurityIncidentCreation', displayName: 'r', enabled: true, productFilter: 'Azure Security Center' } as any);
    sim.createAlerts([{ subscriptionId: S.payments, severity: 'High', displayName: 'A' }, { subscriptionId: S.web, severity: 'Low', displayName: 'B' }]);
    const open = [];
    for await (const i of c.sentinel.incidents.list(rg, ws, { filter: "properties/status ne 'Closed'", orderby: 'properties/createdTimeUtc desc', top: 50 })) open.push(i);
    expect(open.map((i) => i.title).sort()).toEqual(['A', 'B']);
    const inc = open.find((i) => i.title === 'A')!;
    const alerts = await c.sentinel.incidents.listAlerts(rg, ws, inc.name!);
    expect(alerts.value).toHaveLength(1);
    expect(alerts.value![0]).toMatchObject({ kind: 'SecurityAlert', productName: 'Azure Security Center', status: 'New', severity: 'High' });
    const noReason = await failure(c.sentinel.incidents.createOrUpdate(rg, ws, inc.name!, { ...inc, status: 'Closed', classification: 'BenignPositive' }));
    expect(noReason.statusCode).toBe(400);
    expect(noReason.message).toContain("classification 'BenignPositive' must have classificationReason");
    const closed = await c.sentinel.incidents.createOrUpdate(rg, ws, inc.name!, { etag: inc.etag, title: inc.title!, severity: inc.severity!, status: 'Closed', classification: 'FalsePositive', classificationReason: 'IncorrectAlertLogic', classificationComment: 'from test' });
    expect(closed).toMatchObject({ status: 'Closed', classification: 'FalsePositive' });
    const stale = await failure(c.sentinel.incidents.createOrUpdate(rg, ws, inc.name!, { etag: inc.etag, title: 'x', severity: 'High', status: 'Active' }));
    expect(stale.statusCode).toBe(412);
    const stillOpen = [];
    for await (const i of c.sentinel.incidents.list(rg, ws, { filter: "properties/status ne 'Closed'" })) stillOpen.push(i);
    expect(stillOpen.map((i) => i.title)).toEqual(['B']);
    expect((await c.sentinel.incidents.get(rg, ws, inc.name!)).status).toBe('Closed');
  });

  test('Content Hub: installed packages and the product catalogue show the Defender for Cloud solution and version', async () => {
    const base = `${wsPath(sim)}/providers/Microsoft.SecurityInsights`;
    const installed = await c.raw('GET', `${base}/contentPackages?api-version=2024-03-01`);
    const mdc = installed.body.value.find((p: any) => p.name === 'azuresentinel.azure-sentinel-solution-microsoftdefenderforcloud');
    expect(mdc.properties).toMatchObject({ displayName: 'Microsoft Defender for Cloud', version: '3.0.3', contentKind: 'Solution' });
    sim.state.workspace.solution.installed = false;
    expect((await c.raw('GET', `${base}/contentPackages/azuresentinel.azure-sentinel-solution-microsoftdefenderforcloud?api-version=2025-12-01`)).status).toBe(404);
    const product = await c.raw('GET', `${base}/contentProductPackages/azuresentinel.azure-sentinel-solution-microsoftdefenderforcloud?api-version=2024-03-01`);
    expect(product.body.properties.installedVersion).toBeUndefined();
    const install = await c.raw('PUT', `${base}/contentPackages/azuresentinel.azure-sentinel-solution-microsoftdefenderforcloud?api-version=2024-03-01`, { properties: { contentId: 'azuresentinel.azure-sentinel-solution-microsoftdefenderforcloud', contentKind: 'Solution', version: '3.0.3', displayName: 'Microsoft Defender for Cloud' } });
    expect(install.status).toBe(201);
    const after = await c.raw('GET', `${base}/contentProductPackages?api-version=2024-03-01`);
    expect(after.body.value.find((p: any) => p.name.endsWith('microsoftdefenderforcloud')).properties.installedVersion).toBe('3.0.3');
  });

  test('Sentinel calls accept the stable api-versions too', async () => {
    for (const v of ['2024-03-01', '2024-09-01', '2025-12-01']) {
      const r = await c.raw('GET', `${wsPath(sim)}/providers/Microsoft.SecurityInsights/dataConnectors?api-version=${v}`);
      expect(r.status).toBe(200);
    }
  });
});
