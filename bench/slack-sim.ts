/**
 * Simulator overhead, so bot benchmarks can subtract it: Web API call latency (real WebClient, limits off) and the
 * round trip of a signed slash command to a Bolt app that only acks.
 * Run: node -r @swc-node/register bench/slack-sim.ts [iterations]
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { App, LogLevel } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { startSlackSim } from '../sim/slack';

export interface SlackSimBenchResult {
  iterations: number;
  postMessage: Percentiles & { perSecond: number };
  commandRoundTrip: Percentiles;
}

interface Percentiles {
  p50: number;
  p95: number;
  max: number;
}

function percentiles(samples: number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: round(at(0.5)), p95: round(at(0.95)), max: round(sorted[sorted.length - 1]) };
}

const round = (ms: number) => Math.round(ms * 100) / 100;

export async function benchSlackSim(iterations = 500): Promise<SlackSimBenchResult> {
  const sim = await startSlackSim({ rateLimits: { enabled: false } });
  const app = new App({ token: sim.botToken, signingSecret: sim.signingSecret, clientOptions: { slackApiUrl: sim.apiUrl }, logLevel: LogLevel.ERROR });
  app.command('/sentinel', async ({ ack }) => ack());
  const server = (await app.start(0)) as Server;
  sim.setBotUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`);
  try {
    const client = new WebClient(sim.botToken, { slackApiUrl: sim.apiUrl, retryConfig: { retries: 0 } });
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*High* alert' } }];
    const post: number[] = [];
    const started = performance.now();
    for (let i = 0; i < iterations; i += 1) {
      const t = performance.now();
      await client.chat.postMessage({ channel: 'C_SOC', text: `alert ${i}`, blocks });
      post.push(performance.now() - t);
    }
    const perSecond = Math.round(iterations / ((performance.now() - started) / 1000));
    const command: number[] = [];
    for (let i = 0; i < Math.min(iterations, 200); i += 1) {
      command.push((await sim.command({ user: 'U_ANALYST', channel: 'C_SOC', text: 'status' })).ms);
    }
    return { iterations, postMessage: { ...percentiles(post), perSecond }, commandRoundTrip: percentiles(command) };
  } finally {
    await app.stop();
    await sim.close();
  }
}

if (require.main === module) {
  benchSlackSim(Number(process.argv[2] ?? 500)).then(
    (r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`),
    (err: unknown) => {
      process.stderr.write(`${String(err)}\n`);
      process.exit(1);
    },
  );
}
