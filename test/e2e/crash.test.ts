// A worker SIGKILLed in the middle of a 300-subscription bulk connect loses nothing: after a new worker starts,
// every subscription ends connected, no connector is created twice, and the one Slack message ends correct.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { startAzureSim, type AzureSim } from '../../sim/azure';
import { subId } from '../../sim/azure/scenarios/build';
import { startSlackSim, type SlackSim } from '../../sim/slack';
import { createJobPort, type ClosableJobPort } from '../../src/jobs';
import { createLogger } from '../../src/log';
import { JobStore } from '../../src/store/jobs-store';
import { createRedis, type Redis } from '../../src/store/redis';
import { cleanPrefix, redisUrl, testPrefix } from '../support/redis';

jest.setTimeout(240_000);

const root = path.resolve(__dirname, '../..');
const CHANNEL = 'C_OPS';
const SIZE = 300;

/** Subscriptions of the large scenario that can be connected and are not yet (see sim/azure/scenarios/large.ts). */
function connectableUnconnected(count: number): string[] {
  const ids: string[] = [];
  for (let i = 1; ids.length < count; i++) {
    const unconnectable = i % 50 === 7 || i % 97 === 3 || i % 250 === 5;
    if (!unconnectable && i % 20 !== 0) ids.push(subId('large', String(i).padStart(4, '0')));
  }
  return ids;
}

let azure: AzureSim;
let slack: SlackSim;
let redis: Redis;
let port: ClosableJobPort;
let store: JobStore;
const prefix = testPrefix('crash');
const children: ChildProcess[] = [];

function startWorkerProcess(): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      ...azure.env,
      ...slack.env,
      ROLE: 'worker',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      REDIS_URL: redisUrl(),
      REDIS_PREFIX: prefix,
      SHUTDOWN_GRACE_SECONDS: '5',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  children.push(child);
  return Object.assign(child, { output: () => out });
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  azure = await startAzureSim({ scenario: 'large', size: 340, ingestionDelayMs: 0 });
  slack = await startSlackSim();
  redis = createRedis(redisUrl(), 'worker');
  store = new JobStore(redis, prefix);
  port = createJobPort({ redisUrl: redisUrl(), prefix, logger: createLogger('silent') });
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await port?.close();
  if (redis) {
    await cleanPrefix(redis, prefix);
    await redis.quit();
  }
  await slack?.close();
  await azure?.close();
});

it('finishes a bulk connect after the worker is SIGKILLed midway', async () => {
  const targets = connectableUnconnected(SIZE);
  const first = startWorkerProcess();
  const { jobId } = await port.enqueue({ kind: 'connect', subscriptionIds: targets, requestedBy: { userId: 'U_ADMIN' }, reply: { channel: CHANNEL, userId: 'U_ADMIN' } });

  // Kill it once a good part is done: the write budget's first window (200) is under way.
  const doneAtKill = await until(async () => {
    const n = await store.resultCount(jobId);
    return n >= 80 ? n : undefined;
  }, 90_000, 'progress before the kill');
  first.kill('SIGKILL');
  await exited(first);
  expect(doneAtKill).toBeLessThan(SIZE);

  const second = startWorkerProcess();
  const finishedAt = await until(async () => {
    const [summary] = (await store.recentSummaries(10)).filter((s) => s.jobId === jobId);
    return summary?.finishedAt;
  }, 180_000, `the bulk to finish (worker output: ${second.output().slice(-2000)})`);
  expect(finishedAt).toBeTruthy();

  const record = (await store.final(jobId))!;
  expect(record.cancelled).toBe(false);
  expect(record.result.results).toHaveLength(SIZE);
  const failed = record.result.results.filter((r) => r.outcome === 'failed');
  expect(failed).toEqual([]);
  // A subscription whose write landed just before the kill but was not yet recorded reads as "unchanged" on resume.
  const unchanged = record.result.results.filter((r) => r.outcome === 'unchanged');
  expect(unchanged.length).toBeLessThanOrEqual(16);
  process.stdout.write(`crash: killed after ${doneAtKill}/${SIZE}; resumed run reported ${unchanged.length} unchanged\n`);

  // Every subscription ends connected.
  const connectorFor = new Map<string, string>();
  const puts = azure.requests({ method: 'PUT', path: /dataConnectors\// });
  for (const put of puts) {
    const target = /sc-([0-9a-f-]{36})/.exec(put.path)?.[1];
    if (target && put.status < 300) connectorFor.set(target, put.path);
  }
  for (const id of targets) expect(connectorFor.has(id)).toBe(true);

  // No connector created twice: at most one creating PUT per subscription.
  const creates = new Map<string, number>();
  for (const put of puts.filter((p) => p.created)) {
    const target = /sc-([0-9a-f-]{36})/.exec(put.path)![1];
    creates.set(target, (creates.get(target) ?? 0) + 1);
  }
  expect([...creates.values()].every((n) => n === 1)).toBe(true);
  expect(creates.size).toBe(SIZE);

  // One progress message, updated in place to the final counts.
  const messages = slack.messages(CHANNEL).filter((m) => /^Connect/.test(m.text ?? ''));
  expect(messages).toHaveLength(1);
  expect(messages[0].text).toContain(`finished, ${SIZE}/${SIZE} done`);
  expect(messages[0].text).toMatch(/\b0 failed/);

  // Graceful shutdown within its bound.
  const started = Date.now();
  second.kill('SIGTERM');
  expect(await exited(second)).toBe(0);
  expect(Date.now() - started).toBeLessThan(10_000);
});
