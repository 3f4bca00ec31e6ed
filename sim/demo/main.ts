/**
 * `npm run demo`: the whole bot against simulated Slack and Azure, with a local workspace page. No Slack workspace,
 * no Azure tenant, nothing downloaded at run time. PORT (default 3000) picks the page port, REDIS_URL an existing Redis.
 */
import { rerunTrustingSimCa, trustsSimCa } from './ca';
import { COMMAND_CHANNEL, startDemo, type Demo } from './demo';
import { RedisUnavailableError } from '../local-redis';

const STOP_TIMEOUT_MS = 15_000;

function banner(demo: Demo): string {
  return [
    '',
    '  Sentinel ChatOps demo is running',
    '',
    `  Open ${demo.pageUrl}`,
    '',
    `  First try: type /sentinel status in #secops (${COMMAND_CHANNEL}), pick two "not connected" subscriptions`,
    '  in the menu and press "Connect selected". High-severity alerts arrive in #soc-alerts every few seconds;',
    '  resolve one from its card. Switch to Sam Analyst (bottom left) to see what a non-admin may do.',
    '',
    '  Ctrl-C stops everything.',
    '',
  ].join('\n');
}

async function main(): Promise<number> {
  if (!trustsSimCa()) return rerunTrustingSimCa();
  let demo: Demo;
  try {
    demo = await startDemo({
      port: Number(process.env.PORT ?? 3000),
      host: process.env.HOST ?? '127.0.0.1',
      redisUrl: process.env.REDIS_URL,
      logLevel: process.env.LOG_LEVEL,
    });
  } catch (err) {
    if (err instanceof RedisUnavailableError) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      process.stderr.write(`Port ${process.env.PORT ?? 3000} is in use: stop whatever holds it or pick another, e.g. PORT=3100 npm run demo\n`);
      return 1;
    }
    throw err;
  }
  process.stdout.write(banner(demo));
  return new Promise((resolve) => {
    let stopping = false;
    const stop = (): void => {
      if (stopping) return;
      stopping = true;
      process.stdout.write('\n  Stopping the demo…\n');
      // Never hang on the way out: the bot gets its own grace period plus a margin, then the process ends.
      setTimeout(() => resolve(1), STOP_TIMEOUT_MS).unref();
      demo.stop().then(
        () => resolve(0),
        () => resolve(1),
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`The demo could not start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
