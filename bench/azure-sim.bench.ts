/**
 * Azure simulator throughput: requests/s for a list call and an idempotent data-connector PUT over HTTPS keep-alive.
 * The simulator runs in a child process (as in `npm run sim:azure`) so client and server don't share an event loop.
 * Run: node -r @swc-node/register bench/azure-sim.bench.ts [--seconds 5] [--concurrency 32]
 */
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:https';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = resolve(__dirname, '..');
const { values } = parseArgs({ options: { seconds: { type: 'string', default: '5' }, concurrency: { type: 'string', default: '32' } } });
const SECONDS = Number(values.seconds);
const CONCURRENCY = Number(values.concurrency);

const CA = readFileSync(resolve(ROOT, 'sim/tls/ca.pem'));

function call(base: URL, agent: Agent, method: string, path: string, token: string, body?: string, type = 'application/json'): Promise<string> {
  return new Promise((done, fail) => {
    const req = request({ host: base.hostname, port: base.port, method, path, agent, headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}) } }, (res) => {
      let s = '';
      res.on('data', (d: Buffer) => (s += d.toString()));
      res.on('end', () => done(s));
    });
    req.on('error', fail);
    req.end(body);
  });
}

interface Case {
  name: string;
  method: 'GET' | 'PUT';
  path: string;
  body?: string;
}

function startSim(): Promise<{ env: Record<string, string>; stop(): void }> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'sim/azure/main.ts', '--port', '0', '--scenario', 'small', '--throttle-scale', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((done, fail) => {
    let out = '';
    child.on('exit', (code) => fail(new Error(`simulator exited with ${code}`)));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const env = Object.fromEntries([...out.matchAll(/^export ([A-Z_]+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
      if (env.SENTINEL_WORKSPACE_NAME) done({ env, stop: () => child.kill('SIGTERM') });
    });
  });
}

async function run(c: Case, base: URL, token: string, agent: Agent): Promise<{ n: number; secs: number; p50: number; p99: number; errors: number }> {
  const lat: number[] = [];
  let errors = 0;
  const end = Date.now() + SECONDS * 1000;
  const one = (): Promise<void> => new Promise((done) => {
    const t0 = performance.now();
    const req = request({ host: base.hostname, port: base.port, path: c.path, method: c.method, agent,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(c.body ? { 'content-length': Buffer.byteLength(c.body) } : {}) } }, (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode! >= 300) errors++;
        lat.push(performance.now() - t0);
        done();
      });
    });
    req.on('error', () => {
      errors++;
      done();
    });
    req.end(c.body);
  });
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (Date.now() < end) await one();
  }));
  const secs = (performance.now() - t0) / 1000;
  lat.sort((a, b) => a - b);
  return { n: lat.length, secs, p50: lat[Math.floor(lat.length * 0.5)], p99: lat[Math.floor(lat.length * 0.99)], errors };
}

async function main(): Promise<void> {
  const sim = await startSim();
  try {
    const e = sim.env;
    const base = new URL(e.AZURE_ARM_ENDPOINT);
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY, ca: CA });
    // Client-credentials token straight from the token endpoint (the bench measures the simulator, not MSAL).
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: e.AZURE_CLIENT_ID, client_secret: e.AZURE_CLIENT_SECRET, scope: 'https://management.azure.com/.default' }).toString();
    const token = (JSON.parse(await call(base, agent, 'POST', `/${e.AZURE_TENANT_ID}/oauth2/v2.0/token`, '', form, 'application/x-www-form-urlencoded')) as { access_token: string }).access_token;
    const ws = `/subscriptions/${e.SENTINEL_SUBSCRIPTION_ID}/resourceGroups/${e.SENTINEL_RESOURCE_GROUP}/providers/Microsoft.OperationalInsights/workspaces/${e.SENTINEL_WORKSPACE_NAME}/providers/Microsoft.SecurityInsights`;
    const cases: Case[] = [
      { name: 'GET dataConnectors (list)', method: 'GET', path: `${ws}/dataConnectors?api-version=2022-09-01-preview` },
      { name: 'GET pricings (list, 15 plans)', method: 'GET', path: `/subscriptions/${e.SENTINEL_SUBSCRIPTION_ID}/providers/Microsoft.Security/pricings?api-version=2022-03-01` },
      { name: 'PUT dataConnector (idempotent)', method: 'PUT', path: `${ws}/dataConnectors/bench?api-version=2022-09-01-preview`,
        body: JSON.stringify({ kind: 'AzureSecurityCenter', properties: { subscriptionId: e.SENTINEL_SUBSCRIPTION_ID, dataTypes: { alerts: { state: 'Enabled' } } } }) },
    ];
    // The workspace subscription is already connected by the scenario's own connector; free it for the PUT case.
    const list = JSON.parse(await call(base, agent, 'GET', `${ws}/dataConnectors?api-version=2022-09-01-preview`, token)) as { value: Array<{ name: string; properties: { subscriptionId?: string } }> };
    const own = list.value.find((c) => c.properties.subscriptionId === e.SENTINEL_SUBSCRIPTION_ID);
    if (own) await call(base, agent, 'DELETE', `${ws}/dataConnectors/${own.name}?api-version=2022-09-01-preview`, token);

    const lines = ['| operation | requests | concurrency | seconds | req/s | p50 ms | p99 ms | errors |', '|---|---:|---:|---:|---:|---:|---:|---:|'];
    for (const c of cases) {
      await run(c, base, token, agent); // warm-up pass is discarded
      const r = await run(c, base, token, agent);
      lines.push(`| ${c.name} | ${r.n} | ${CONCURRENCY} | ${r.secs.toFixed(1)} | ${Math.round(r.n / r.secs)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.errors} |`);
    }
    agent.destroy();
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    sim.stop();
  }
}

void main();
