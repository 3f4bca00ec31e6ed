// The real process entry, spawned as operators run it: config errors, health endpoints, graceful shutdown.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../../sim/local-redis';
import { redisUrl } from '../support/redis';

const root = path.resolve(__dirname, '../..');

function start(env: Record<string, string>): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  return Object.assign(child, { output: () => out });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function waitForHttp(url: string, timeoutMs = 20_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fetch(url);
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

const SECRET = 'sig-secret-do-not-print-0123456789';
const webEnv = (port: number, redis: string) => ({
  ROLE: 'web',
  PORT: String(port),
  HOST: '127.0.0.1',
  LOG_LEVEL: 'info',
  SLACK_BOT_TOKEN: 'xoxb-process-test-token',
  SLACK_SIGNING_SECRET: SECRET,
  SLACK_API_URL: 'http://127.0.0.1:9/api/',
  AZURE_TENANT_ID: '00000000-0000-0000-0000-0000000000a1',
  AZURE_CLIENT_ID: 'client',
  AZURE_CLIENT_SECRET: 'azure-secret-do-not-print',
  SENTINEL_SUBSCRIPTION_ID: '00000000-0000-0000-0000-0000000000a2',
  SENTINEL_RESOURCE_GROUP: 'soc-rg',
  SENTINEL_WORKSPACE_NAME: 'soc-ws',
  REDIS_URL: redis,
  REDIS_PREFIX: '{t-process}',
  SHUTDOWN_GRACE_SECONDS: '5',
});

describe('process entry', () => {
  it('exits 2 on an empty environment, naming every missing setting once and no secret', async () => {
    const child = start({});
    const code = await exited(child);
    expect(code).toBe(2);
    const lines = child.output().split('\n');
    for (const name of ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'AZURE_TENANT_ID', 'SENTINEL_SUBSCRIPTION_ID', 'SENTINEL_RESOURCE_GROUP', 'SENTINEL_WORKSPACE_NAME']) {
      expect(lines.filter((l) => l.trim().startsWith(`${name}:`))).toHaveLength(1);
    }
  });

  it('serves /healthz and /readyz against real Redis and stops gracefully on SIGTERM', async () => {
    const port = await freePort();
    const child = start(webEnv(port, redisUrl()));
    try {
      const health = await waitForHttp(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ redis: true });
      const unsigned = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body: 'command=/sentinel' });
      expect(unsigned.status).toBe(401);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited(child)).toBe(0);
    expect(child.output()).not.toContain(SECRET);
    expect(child.output()).not.toContain('azure-secret-do-not-print');
  });

  it('reports not ready when Redis does not answer, while staying alive', async () => {
    const port = await freePort();
    const deadRedis = `redis://127.0.0.1:${await freePort()}`;
    const child = start(webEnv(port, deadRedis));
    try {
      expect((await waitForHttp(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(503);
    } finally {
      child.kill('SIGTERM');
      await exited(child);
    }
  });
});
