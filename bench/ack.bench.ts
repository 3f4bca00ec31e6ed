/**
 * Acknowledgement latency of signed `/sentinel …` slash commands at 50 concurrent requests while Azure is slow: every
 * Azure simulator call answers after 2 s (faults API). The web role and the worker role run as their own processes
 * (src/main.ts, ROLE=web / ROLE=worker) as in production; the Slack simulator signs and delivers each command over HTTP
 * and measures the time to the HTTP answer. The web role never calls Azure, so acks stay fast.
 * Run: NODE_EXTRA_CA_CERTS=./sim/tls/ca.pem node -r @swc-node/register bench/ack.bench.ts [--requests 2000] [--concurrency 50]
 *      (needs Redis: REDIS_URL or 127.0.0.1:6379)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CA_PATH, startAzureSim } from '../sim/azure';
import { clearPrefix, freePort } from '../sim/local-redis';
import { signRequest, startSlackSim, type SlackSim } from '../sim/slack';
import { createRedis } from '../src/store/redis';
import { createSubscriptionsCache } from '../src/store/subscriptions-cache';

export interface AckStats {
  /** `burst`: 50 commands arrive at the same instant, then a pause; `saturated`: 50 clients send back to back. */
  mode: 'burst' | 'saturated';
  requests: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  non200: number;
  timedOut: number;
}

export interface AckBenchResult {
  concurrency: number;
  azureLatencyMs: number;
  runs: AckStats[];
}

const COMMANDS: { user: string; text: string }[] = [
  { user: 'U_ANALYST', text: 'status' },
  { user: 'U_ANALYST', text: 'status not-connected' },
  { user: 'U_ADMIN', text: 'connect "Contoso Prod - Data" "Contoso Dev - Sandbox" --dry-run' },
  { user: 'U_ADMIN', text: 'sync all on' },
  { user: 'U_ANALYST', text: 'prereqs all' },
  { user: 'U_MALLORY', text: 'connect all' },
  { user: 'U_ANALYST', text: 'alerts --severity high --since 24h' },
  { user: 'U_ANALYST', text: 'help' },
  { user: 'U_ANALYST', text: 'stauts' },
];

const MAIN = path.resolve(__dirname, '../src/main.ts');

function role(name: 'web' | 'worker', env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['-r', '@swc-node/register', MAIN], { env: { ...env, ROLE: name }, stdio: ['ignore', 'ignore', 'inherit'] });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** The web role is up when a signed command gets its 200. */
async function waitForWeb(slack: SlackSim): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const r = await slack.command({ user: 'U_ANALYST', channel: 'C_SOC', text: 'help' }).catch(() => undefined);
    if (r?.status === 200) return;
    await new Promise((res) => setTimeout(res, 250));
  }
  throw new Error('the web role did not come up within 60 s');
}

const pct = (sorted: number[], q: number): number => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] * 10) / 10;

export async function runAckBench(opts: { requests?: number; concurrency?: number; azureLatencyMs?: number } = {}): Promise<AckBenchResult> {
  const requests = opts.requests ?? 2000;
  const concurrency = opts.concurrency ?? 50;
  const azureLatencyMs = opts.azureLatencyMs ?? 2000;
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `{bench-ack-${randomUUID().slice(0, 8)}}`;

  const azure = await startAzureSim({ scenario: 'small', ingestionDelayMs: 0, registrationDelayMs: 0 });
  azure.setFaults({ latencyMs: azureLatencyMs });
  const slack = await startSlackSim({ rateLimits: { enabled: false }, responseUrlLimits: { maxUses: 100 } });
  const redis = createRedis(redisUrl, 'worker');
  await createSubscriptionsCache(redis, prefix).save(azure.state.subscriptionList);
  const port = await freePort();
  const env = {
    PATH: process.env.PATH ?? '',
    ...azure.env,
    ...slack.env,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    ADMIN_SLACK_USERS: 'U_ADMIN',
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'error',
  };
  const roles = [role('web', env), role('worker', { ...env, PORT: '0' })];
  slack.setBotUrl(`http://127.0.0.1:${port}/slack/events`);
  await waitForWeb(slack);

  // A lean load generator: bodies are signed like Slack signs them and POSTed over keep-alive connections, so the
  // numbers are the web role's, not the simulator's. response_url points at a sink that answers 200.
  const sink = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('ok'));
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const sinkUrl = `http://127.0.0.1:${(sink.address() as net.AddressInfo).port}/response`;
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const send = (i: number): Promise<{ status: number; ms: number }> => {
    const { user, text } = COMMANDS[i % COMMANDS.length];
    const body = new URLSearchParams({
      token: 'unused', team_id: 'T0SENTINEL', team_domain: 'sentinel-secops', channel_id: 'C_SOC', channel_name: 'soc-alerts',
      user_id: user, user_name: user.toLowerCase(), command: '/sentinel', text, api_app_id: 'A_SENTINEL',
      response_url: `${sinkUrl}/${i}`, trigger_id: `${i}.trigger`,
    }).toString();
    const headers = { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), ...signRequest(slack.signingSecret, body) };
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: '/slack/events', method: 'POST', headers, agent }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
      });
      req.on('error', reject);
      req.end(body);
    });
  };
  const stats = (mode: AckStats['mode'], samples: { status: number; ms: number }[]): AckStats => {
    const sorted = samples.map((x) => x.ms).sort((a, b) => a - b);
    return {
      mode,
      requests: samples.length,
      p50: pct(sorted, 0.5),
      p90: pct(sorted, 0.9),
      p99: pct(sorted, 0.99),
      max: Math.round(sorted.at(-1)! * 10) / 10,
      non200: samples.filter((x) => x.status !== 200).length,
      timedOut: samples.filter((x) => x.ms > 3000).length,
    };
  };
  const runs: AckStats[] = [];
  let n = 0;
  try {
    await Promise.all(Array.from({ length: concurrency }, () => send(n++))); // warm-up
    const burst: { status: number; ms: number }[] = [];
    for (let round = 0; round < Math.ceil(requests / concurrency); round++) {
      burst.push(...(await Promise.all(Array.from({ length: concurrency }, () => send(n++)))));
      await new Promise((r) => setTimeout(r, 100));
    }
    runs.push(stats('burst', burst));
    const saturated: { status: number; ms: number }[] = [];
    const end = n + requests;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (n < end) saturated.push(await send(n++));
      }),
    );
    runs.push(stats('saturated', saturated));
  } finally {
    agent.destroy();
    sink.close();
    await Promise.all(roles.map(stop));
    await clearPrefix(redis, prefix);
    await redis.quit();
    await slack.close();
    await azure.close();
  }
  return { concurrency, azureLatencyMs, runs };
}

export function ackTable(r: AckBenchResult): string {
  return [
    '| mode | requests | concurrency | Azure latency | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) | non-200 | > 3 s |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...r.runs.map((x) => `| ${x.mode} | ${x.requests} | ${r.concurrency} | ${r.azureLatencyMs} ms | ${x.p50} | ${x.p90} | ${x.p99} | ${x.max} | ${x.non200} | ${x.timedOut} |`),
  ].join('\n');
}

if (require.main === module) {
  // The Azure simulator serves HTTPS with a test CA that Node must trust from start-up.
  if (path.resolve(process.env.NODE_EXTRA_CA_CERTS ?? '') !== CA_PATH) {
    const child = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit', env: { ...process.env, NODE_EXTRA_CA_CERTS: CA_PATH } });
    process.exit(child.status ?? 1);
  }
  const { values } = parseArgs({ options: { requests: { type: 'string' }, concurrency: { type: 'string' }, latency: { type: 'string' } } });
  runAckBench({
    requests: values.requests ? Number(values.requests) : undefined,
    concurrency: values.concurrency ? Number(values.concurrency) : undefined,
    azureLatencyMs: values.latency ? Number(values.latency) : undefined,
  }).then(
    (r) => {
      console.log(ackTable(r));
      const burst = r.runs.find((x) => x.mode === 'burst')!;
      console.log(`\n${burst.p99 < 100 ? 'PASS' : 'FAIL'}: burst p99 ${burst.p99} ms (target < 100 ms)`);
      process.exit(burst.p99 < 100 ? 0 : 1);
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
