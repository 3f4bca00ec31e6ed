// The gateway's own contract against the simulator: api-versions the SDKs cannot send, token audiences kept under an
// overridden endpoint, SDK retry configurable, and each kind of failure translated into a Problem.
import { loadConfig, type Config } from '../../src/config';
import { AzureProblemError, createAzureGateway } from '../../src/azure';
import type { AzureGateway } from '../../src/operations';
import { SMALL_SUBSCRIPTIONS as S, startAzureSim, type AzureSim } from '../../sim/azure';

let sim: AzureSim;
let config: Config;
let gw: AzureGateway;

beforeAll(async () => {
  sim = await startAzureSim({ port: 0, scenario: 'small', ingestionDelayMs: 0, registrationDelayMs: 0, syncDelayMs: 0 });
  config = loadConfig(sim.env, { need: ['azure'] });
  gw = createAzureGateway(config, { maxRetries: 0 });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.loadScenario('small');
  sim.clearFaults();
  sim.clearRequests();
});

async function problemOf(promise: Promise<unknown>) {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AzureProblemError);
  return (error as AzureProblemError).problem;
}

const apiVersionOf = (path: RegExp, method = 'GET') => sim.requests({ path, method }).map((r) => r.apiVersion);

describe('AzureGateway over the SDKs', () => {
  it('keeps the public-cloud token audiences although the endpoints point at another host', async () => {
    expect(config.azure.armEndpoint).toBe(sim.url);
    expect(config.azure.armScope).toBe('https://management.azure.com/.default');
    // The simulator rejects tokens minted for any other audience (InvalidAuthenticationTokenAudience).
    await expect(gw.listSubscriptions()).resolves.toHaveLength(13);
    await expect(gw.queryLogs('SecurityAlert | take 1')).resolves.toBeDefined();
  });

  it('uses the api-versions that keep the fields it needs', async () => {
    const plans = await gw.listPricings(S.analytics);
    expect(plans.find((p) => p.name === 'Dns')).toMatchObject({ tier: 'Standard', deprecated: true });
    expect(apiVersionOf(/pricings$/)).toEqual(['2024-01-01']);

    await gw.getSubscriptionPermissions(S.finance);
    expect(apiVersionOf(new RegExp(`/subscriptions/${S.finance}/providers/Microsoft.Authorization/permissions$`, 'i'))).toEqual(['2022-04-01']);

    expect(await gw.listContentPackages()).toEqual(expect.arrayContaining([expect.objectContaining({ contentId: 'azuresentinel.azure-sentinel-solution-microsoftdefenderforcloud', version: '3.0.3' })]));
    expect(apiVersionOf(/contentPackages$/)).toEqual(['2024-03-01']);

    const alert = sim.state.alerts.values().next().value!;
    await gw.setDefenderAlertStatus({ subscriptionId: alert.subscriptionId, location: alert.location, name: alert.name }, 'inProgress');
    expect(apiVersionOf(/\/inProgress$/i, 'POST')).toEqual(['2022-01-01']);
    expect((await gw.getDefenderAlert({ subscriptionId: alert.subscriptionId, location: alert.location, name: alert.name })).status).toBe('InProgress');
  });

  it('reads the pieces status and prerequisites need', async () => {
    expect((await gw.getWorkspace()).customerId).toBe(sim.state.workspace.customerId);
    expect(await gw.isSentinelOnboarded()).toBe(true);
    expect((await gw.getWorkspacePermissions()).length).toBeGreaterThan(0);
    expect(await gw.getAlertSyncSetting(S.payments)).toEqual({ enabled: true });
    expect((await gw.getProvider(S.archive, 'Microsoft.SecurityInsights')).registrationState).toBe('NotRegistered');
    expect(await gw.checkAscRequirements(S.data)).toEqual({ authorizationState: 'Valid', licenseState: 'Valid' });
    const connectors = await gw.listDataConnectors();
    expect(connectors.filter((c) => c.kind === 'AzureSecurityCenter').map((c) => c.alertsState).sort()).toEqual(['Disabled', 'Enabled', 'Enabled', 'Enabled']);
  });

  it('lets the SDK retry a 429 that carries Retry-After, unless retries are turned off', async () => {
    sim.setFaults({ path: 'pricings$', status: 429, retryAfter: 1, count: 1 });
    const retrying = createAzureGateway(config);
    await expect(retrying.listPricings(S.payments)).resolves.toContainEqual({ name: 'VirtualMachines', tier: 'Standard', subPlan: 'P2' });
    expect(sim.requests({ path: /pricings$/ }).map((r) => r.status)).toEqual([429, 200]);

    sim.setFaults({ path: 'settings/Sentinel$', status: 429, retryAfter: 2, count: 1 });
    expect(await problemOf(gw.getAlertSyncSetting(S.payments))).toMatchObject({ code: 'TooManyRequests', retryable: true, retryAfterMs: 2000 });
  });

  it('translates server errors as retryable and query errors as permanent', async () => {
    sim.setFaults({ path: 'dataConnectors$', status: 503, count: 1 });
    expect(await problemOf(gw.listDataConnectors())).toMatchObject({ retryable: true, status: 503 });
    const bad = await problemOf(gw.queryLogs('SecurityAlert | where NoSuchColumn == 1'));
    expect(bad).toMatchObject({ retryable: false, status: 400 });
    expect(bad.message).toMatch(/Log Analytics rejected the query/);
  });

  it('explains a workspace that does not exist and a wrong client secret', async () => {
    const missing = createAzureGateway(loadConfig({ ...sim.env, SENTINEL_WORKSPACE_NAME: 'nope' }, { need: ['azure'] }), { maxRetries: 0 });
    const notFound = await problemOf(missing.getWorkspace());
    expect(notFound.fix).toMatch(/SENTINEL_WORKSPACE_NAME/);

    const wrongSecret = createAzureGateway(loadConfig({ ...sim.env, AZURE_CLIENT_SECRET: 'wrong' }, { need: ['azure'] }), { maxRetries: 0 });
    const auth = await problemOf(wrongSecret.listSubscriptions());
    expect(auth).toMatchObject({ retryable: false });
    expect(auth.fix).toMatch(/AZURE_CLIENT_SECRET/);
    expect(JSON.stringify(auth)).not.toContain('wrong');
  });
});
