/**
 * `sentinel-chatops status --json` against the simulator's large tenant (1,000 subscriptions + the workspace one),
 * throttling at real ARM rates (scale 1). Records wall time and the ARM requests made, next to the bound those
 * requests imply if they all drew on one read bucket (requests ÷ 25/s refill).
 * Run: node -r @swc-node/register bench/status.bench.ts [--size 1000] [--concurrency 16] [--runs 3]
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startAzureSim } from '../sim/azure';

export interface StatusBenchResult {
  subscriptions: number;
  concurrency: number;
  runs: { wallMs: number; armRequests: number; tokenRequests: number; throttled: number; failedRows: number }[];
  /** ARM read bucket refill at throttle scale 1. */
  readRefillPerSec: number;
}

const READ_REFILL_PER_SEC = 25;
const BIN = path.resolve(__dirname, '../bin/sentinel-chatops.js');

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

export async function runStatusBench(opts: { size?: number; concurrency?: number; runs?: number } = {}): Promise<StatusBenchResult> {
  const size = opts.size ?? 1000;
  const concurrency = opts.concurrency ?? 16;
  // Default simulator options: throttle scale 1, page size 100.
  const sim = await startAzureSim({ port: 0, scenario: 'large', size });
  const result: StatusBenchResult = { subscriptions: 0, concurrency, runs: [], readRefillPerSec: READ_REFILL_PER_SEC };
  try {
    for (let i = 0; i < (opts.runs ?? 3); i++) {
      sim.setThrottleScale(1); // fresh buckets per run
      sim.clearRequests();
      const started = performance.now();
      const run = await runCli(['status', '--json', '--concurrency', String(concurrency)], sim.env);
      const wallMs = performance.now() - started;
      if (run.code !== 0) throw new Error(`status exited ${run.code}: ${run.stderr}`);
      const status = JSON.parse(run.stdout) as { subscriptions: { connection: string }[] };
      const log = sim.requests();
      const token = log.filter((r) => /\/oauth2\/v2\.0\/token$|\/token$/.test(r.path));
      result.subscriptions = status.subscriptions.length;
      result.runs.push({
        wallMs: Math.round(wallMs),
        armRequests: log.length - token.length,
        tokenRequests: token.length,
        throttled: log.filter((r) => r.status === 429).length,
        failedRows: status.subscriptions.filter((s) => s.connection === 'error').length,
      });
    }
  } finally {
    await sim.close();
  }
  return result;
}

export function statusBenchTable(r: StatusBenchResult): string {
  const rows = r.runs.map((run, i) => {
    const boundS = run.armRequests / r.readRefillPerSec;
    return `| ${i + 1} | ${r.subscriptions} | ${r.concurrency} | ${(run.wallMs / 1000).toFixed(2)} s | ${run.armRequests} (+${run.tokenRequests} token) | ${(run.armRequests / r.subscriptions).toFixed(2)} | ${boundS.toFixed(1)} s | ${run.throttled} | ${run.failedRows} |`;
  });
  return [
    '| run | subscriptions | concurrency | wall time | ARM requests | requests / subscription | bound (requests ÷ 25/s) | 429s | error rows |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

if (require.main === module) {
  const { values } = parseArgs({ options: { size: { type: 'string' }, concurrency: { type: 'string' }, runs: { type: 'string' } } });
  runStatusBench({
    size: values.size ? Number(values.size) : undefined,
    concurrency: values.concurrency ? Number(values.concurrency) : undefined,
    runs: values.runs ? Number(values.runs) : undefined,
  })
    .then((r) => process.stdout.write(`${statusBenchTable(r)}\n`))
    .catch((e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
      process.exitCode = 1;
    });
}
