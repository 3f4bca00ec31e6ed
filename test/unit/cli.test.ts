// The CLI's decisions with a fake gateway: parsing, name resolution, exit codes, output shapes.
import { main, table } from '../../src/cli';
import { loadConfig, ConfigError } from '../../src/config';
import { AzureProblemError } from '../../src/domain/errors';
import type { AzureGateway } from '../../src/operations';

const SUB_A = '11111111-1111-1111-1111-111111111111';
const SUB_B = '22222222-2222-2222-2222-222222222222';

function fakeGateway(over: Partial<AzureGateway> = {}, cloud = 'AzurePublicCloud'): AzureGateway {
  const unused = () => Promise.reject(new Error('not expected in this test'));
  return {
    environment: { workspace: { subscriptionId: SUB_A, resourceGroup: 'rg', name: 'ws' }, cloud, portalUrl: 'https://portal.azure.us', biDirectionalSyncAvailable: cloud !== 'AzureUSGovernment' },
    listSubscriptions: async () => [{ subscriptionId: SUB_A, displayName: 'Production', state: 'Enabled' }, { subscriptionId: SUB_B, displayName: 'Staging', state: 'Enabled' }],
    listDataConnectors: async () => [{ name: 'c1', kind: 'AzureSecurityCenter', subscriptionId: SUB_A, alertsState: 'Enabled' }],
    getWorkspace: async () => ({ id: '/ws', customerId: 'cid' }),
    getWorkspacePermissions: async () => [{ actions: ['*'], notActions: [] }],
    isSentinelOnboarded: async () => true,
    listPricings: async () => [{ name: 'VirtualMachines', tier: 'Standard' }],
    getAlertSyncSetting: async () => ({ enabled: true }),
    getSubscriptionPermissions: async () => [{ actions: ['*'], notActions: [] }],
    getProvider: unused, registerProvider: unused, setAlertSyncSetting: unused, listContentPackages: unused, putAscConnector: unused,
    deleteConnector: unused, checkAscRequirements: unused, listAlertRules: unused, putIncidentCreationRule: unused, listIncidents: unused,
    listIncidentAlertIds: unused, closeIncident: unused, getDefenderAlert: unused, setDefenderAlertStatus: unused, queryLogs: unused,
    ...over,
  };
}

async function run(argv: string[], gateway: AzureGateway = fakeGateway(), env: Record<string, string | undefined> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { env, gateway, io: { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) } });
  return { code, stdout, stderr };
}

describe('cli', () => {
  it('status --json reports sync as unavailable in Azure Government', async () => {
    const r = await run(['status', '--json'], fakeGateway({}, 'AzureUSGovernment'));
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.subscriptions.map((s: { biDirectionalSync: string }) => s.biDirectionalSync)).toEqual(['unavailable', 'unavailable']);
    expect(out.subscriptions[0].plansPortalUrl).toMatch(/^https:\/\/portal\.azure\.us\/#view\/Microsoft_Azure_Security\/PolicyMenuBlade/);
  });

  it('refuses sync in Azure Government with a clear problem (exit 1)', async () => {
    const r = await run(['sync', 'prod', 'on'], fakeGateway({}, 'AzureUSGovernment'));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/failed +Bi-directional alert sync is not available in AzureUSGovernment/);
  });

  it('resolves names and reports ambiguity or no match with candidates (exit 2)', async () => {
    const none = await run(['connect', 'prd', '--dry-run']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(`Production (${SUB_A})`);
    const dry = await run(['connect', 'stag', '--dry-run', '--json']);
    expect(JSON.parse(dry.stdout).results).toEqual([expect.objectContaining({ subscriptionId: SUB_B, displayName: 'Staging', outcome: 'would-change' })]);
  });

  it('validates arguments before calling Azure', async () => {
    for (const argv of [['sync', 'prod'], ['incidents', 'maybe'], ['register-provider'], ['disconnect', '--all'], ['alerts', '--limit', '0'], ['bogus'], ['query']]) {
      expect((await run(argv)).code).toBe(2);
    }
    expect((await run([])).code).toBe(2);
    expect((await run(['help'])).stdout).toMatch(/Usage: sentinel-chatops/);
  });

  it('prints an Azure problem with its fix and exits 1', async () => {
    const gw = fakeGateway({ listSubscriptions: () => Promise.reject(new AzureProblemError({ code: 'AuthorizationFailed', message: 'Not allowed.', fix: 'Grant Reader.', retryable: false })) });
    const r = await run(['subscriptions'], gw);
    expect(r).toMatchObject({ code: 1, stderr: 'Error (AuthorizationFailed): Not allowed.\nFix: Grant Reader.\n' });
  });

  it('lists the sample queries without needing Azure', async () => {
    const r = await run(['query', '--list', '--json']);
    expect(JSON.parse(r.stdout).queries.map((q: { name: string }) => q.name)).toContain('last-data');
  });

  it('aligns table columns', () => {
    expect(table(['A', 'Long header'], [['value', 'x'], ['v', 'y']]).split('\n')).toEqual(['A      Long header', '-----  -----------', 'value  x', 'v      y']);
  });

  it('needs no Slack variables when loading config for Azure only', () => {
    const env = { AZURE_TENANT_ID: 't', SENTINEL_SUBSCRIPTION_ID: SUB_A, SENTINEL_RESOURCE_GROUP: 'rg', SENTINEL_WORKSPACE_NAME: 'ws' };
    expect(loadConfig(env, { need: ['azure'] }).workspace.name).toBe('ws');
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig({}, { need: ['azure'] });
    } catch (e) {
      expect((e as ConfigError).problems.every((p) => !p.startsWith('SLACK_'))).toBe(true);
      expect((e as ConfigError).problems.length).toBeGreaterThanOrEqual(4);
    }
  });
});
