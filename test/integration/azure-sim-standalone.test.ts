import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { ClientSecretCredential } from '@azure/identity';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';

const ROOT = resolve(__dirname, '../..');
const NAMES = ['AZURE_AUTHORITY_HOST', 'AZURE_ARM_ENDPOINT', 'AZURE_LOGS_ENDPOINT', 'NODE_EXTRA_CA_CERTS', 'AZURE_TENANT_ID', 'AZURE_CLIENT_ID',
  'AZURE_CLIENT_SECRET', 'SENTINEL_SUBSCRIPTION_ID', 'SENTINEL_RESOURCE_GROUP', 'SENTINEL_WORKSPACE_NAME'];

describe('azure sim: standalone `npm run sim:azure`', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    if (child?.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
  });

  test('prints only export lines on stdout and serves the printed environment', async () => {
    child = spawn('npm', ['run', 'sim:azure', '--', '--port', '0', '--scenario', 'small'], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
    });
    // Logs go to stderr; the assertions below only need stdout.
    const env = await new Promise<Record<string, string>>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`no environment block; stdout=${out} stderr=${err}`)), 30_000);
      child!.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const found = Object.fromEntries([...out.matchAll(/^export ([A-Z_]+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
        if (NAMES.every((n) => n in found)) {
          clearTimeout(timer);
          done(found);
        }
      });
    });
    // npm's own "> script" banner aside, every line the simulator writes to stdout is an export.
    const ours = out.split('\n').filter((l) => l.trim() && !l.startsWith('>'));
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
