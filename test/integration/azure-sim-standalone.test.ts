import { resolve } from 'node:path';
import { ClientSecretCredential } from '@azure/identity';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { ROOT, startStandalone, type Standalone } from '../support/standalone';

const NAMES = ['AZURE_AUTHORITY_HOST', 'AZURE_ARM_ENDPOINT', 'AZURE_LOGS_ENDPOINT', 'NODE_EXTRA_CA_CERTS', 'AZURE_TENANT_ID', 'AZURE_CLIENT_ID',
  'AZURE_CLIENT_SECRET', 'SENTINEL_SUBSCRIPTION_ID', 'SENTINEL_RESOURCE_GROUP', 'SENTINEL_WORKSPACE_NAME'];

describe('azure sim: standalone `npm run sim:azure`', () => {
  let sim: Standalone | undefined;
  afterEach(() => sim?.stop());

  test('prints only export lines on stdout and serves the printed environment', async () => {
    sim = await startStandalone('sim:azure', ['--port', '0', '--scenario', 'small'], NAMES);
    const { env } = sim;
    // npm's own "> script" banner aside, every line the simulator writes to stdout is an export.
    const ours = sim.stdout().split('\n').filter((l) => l.trim() && !l.startsWith('>'));
    expect(ours.every((l) => /^export [A-Z_]+=\S+$/.test(l))).toBe(true);
    expect(Object.keys(env).sort()).toEqual([...NAMES].sort());
    expect(env.AZURE_LOGS_ENDPOINT).toBe(`${env.AZURE_ARM_ENDPOINT}/v1`);
    expect(env.NODE_EXTRA_CA_CERTS).toBe(resolve(ROOT, 'sim/tls/ca.pem'));

    const cred = new ClientSecretCredential(env.AZURE_TENANT_ID, env.AZURE_CLIENT_ID, env.AZURE_CLIENT_SECRET, { authorityHost: env.AZURE_AUTHORITY_HOST, disableInstanceDiscovery: true });
    const subs = [];
    for await (const s of new SubscriptionClient(cred, { endpoint: env.AZURE_ARM_ENDPOINT }).subscriptions.list()) subs.push(s.subscriptionId);
    expect(subs).toContain(env.SENTINEL_SUBSCRIPTION_ID);
    expect(subs).toHaveLength(13);
  });
});
