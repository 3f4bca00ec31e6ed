/**
 * Bulk connect of N subscriptions (default 1,000) through the real job system: a worker process (src/main.ts,
 * ROLE=worker) against the Azure simulator at ARM's real write budget (200 burst, 10/s per principal) and the Slack
 * simulator. Reports wall time against the bound the budget implies, throttling, Slack update rate and worker RSS.
 * Run: node -r @swc-node/register bench/bulk-connect.bench.ts [--size 1000]   (needs Redis: REDIS_URL or 127.0.0.1:6379)
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startAzureSim } from '../sim/azure';
import { subId } from '../sim/azure/scenarios/build';
import { startSlackSim } from '../sim/slack';
import { createJobPort } from '../src/jobs';
import { createLogger } from '../src/log';
import { JobStore } from '../src/store/jobs-store';
import { createRedis } from '../src/store/redis';

const WRITE_BURST = 200;
const WRITE_PER_SEC = 10;
const CHANNEL = 'C_OPS';

function rssKb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Most calls inside any 1-second window. */
function maxPerSecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i] - sorted[j] >= 1000) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

function minGapMs(times: number[]): number | string {
  const sorted = [...times].sort((a, b) => a - b);
  const gaps = sorted.slice(1).map((t, i) => t - sorted[i]);
  return gaps.length ? Math.min(...gaps) : 'n/a';
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { size: { type: 'string', default: '1000' } } });
  const size = Number(values.size);
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `{bench-${randomUUID().slice(0, 8)}}`;
  const azure = await startAzureSim({ scenario: 'large', size, ingestionDelayMs: 0 });
  const slack = await startSlackSim();
  const redis = createRedis(redisUrl, 'worker');
  const store = new JobStore(redis, prefix);
  const port = createJobPort({ redisUrl, prefix, logger: createLogger('silent') });
  const worker = spawn(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], {
    cwd: path.resolve(__dirname, '..'),
    env: { PATH: process.env.PATH ?? '', ...azure.env, ...slack.env, ROLE: 'worker', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error', REDIS_URL: redisUrl, REDIS_PREFIX: prefix },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  let peakRssKb = 0;
  const sampler = setInterval(() => (peakRssKb = Math.max(peakRssKb, rssKb(worker.pid!))), 250);
  try {
    await new Promise((r) => setTimeout(r, 3000)); // worker boot
    const targets = Array.from({ length: size }, (_, i) => subId('large', String(i + 1).padStart(4, '0')));
    azure.clearRequests();
    slack.reset();
    const started = Date.now();
    const { jobId } = await port.enqueue({ kind: 'connect', subscriptionIds: targets, requestedBy: { userId: 'U_ADMIN' }, reply: { channel: CHANNEL, userId: 'U_ADMIN' } });
    for (;;) {
      const [summary] = (await store.recentSummaries(5)).filter((s) => s.jobId === jobId);
      if (summary?.finishedAt) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const wallMs = Date.now() - started;
    const record = (await store.final(jobId))!;
    const puts = azure.requests({ method: 'PUT', path: /dataConnectors\// });
    const throttled = puts.filter((p) => p.status === 429).length;
    const writes = puts.length - throttled;
    const boundS = Math.max(0, writes - WRITE_BURST) / WRITE_PER_SEC;
    const count = (o: string) => record.result.results.filter((r) => r.outcome === o).length;
    const throttlingFailures = record.result.results.filter((r) => r.outcome === 'failed' && (r.problem?.status === 429 || /throttl|TooMany/i.test(r.problem?.code ?? ''))).length;
    const updates = slack.calls('chat.update').map((c) => Date.parse(c.at));
    const posts = slack.calls('chat.postMessage').length;
    const durationS = wallMs / 1000;
    const rows: [string, string][] = [
      ['Subscriptions', String(size)],
      ['Outcome', `${count('changed')} changed, ${count('unchanged')} unchanged, ${count('failed')} failed (permanent: licence, registration, RBAC)`],
      ['Connector writes (PUT, excl. 429)', String(writes)],
      ['Bound: (writes − 200 burst) ÷ 10/s', `${boundS.toFixed(1)} s`],
      ['Wall time', `${durationS.toFixed(1)} s`],
      ['Wall ÷ bound', boundS > 0 ? `${(durationS / boundS).toFixed(2)}×` : 'n/a'],
      ['429 responses from ARM', String(throttled)],
      ['Subscriptions failed by throttling', String(throttlingFailures)],
      ['Slack chat.update calls', `${updates.length} (${(updates.length / durationS).toFixed(2)}/s avg, max ${maxPerSecond(updates)} in any 1 s, min gap ${minGapMs(updates)} ms)`],
      ['Slack chat.postMessage calls', String(posts)],
      ['Worker peak RSS', `${(peakRssKb / 1024).toFixed(0)} MB`],
    ];
    process.stdout.write(`\n### Bulk connect, ${size} subscriptions\n\n| Measure | Value |\n|---|---|\n${rows.map(([k, v]) => `| ${k} | ${v} |`).join('\n')}\n`);
  } finally {
    clearInterval(sampler);
    worker.kill('SIGTERM');
    await new Promise((r) => worker.once('exit', r));
    await port.close();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    await redis.quit();
    await slack.close();
    await azure.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
