/**
 * Demo mode in one process: the Azure simulator (demo scenario, live alert feed), the Slack simulator, the bot's web
 * and worker roles wired to both, and the local workspace page. `startDemo` is what `npm run demo` and the browser
 * test share; the caller decides about ports, the alert feed and logging.
 */
import { startAzureSim, startAlertGenerator, type AzureSim } from '../azure';
import { startSlackSim, type SlackSim } from '../slack';
import { startBot } from '../../src/bot';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import { startPageServer, type PageInfo } from './page-server';
import { clearPrefix, ensureRedis, freePort } from '../local-redis';
import { createRedis } from '../../src/store/redis';

export const DEMO_REDIS_PREFIX = '{sentinel-demo}';
export const ALERT_CHANNEL = 'C_SOC';
export const COMMAND_CHANNEL = 'C_OPS';

export interface DemoOptions {
  /** Page port; 0 picks a free one. */
  port: number;
  host?: string;
  /** Tried first; without an answer the demo starts its own redis-server. */
  redisUrl?: string;
  /** Key prefix, wiped at start (default {sentinel-demo}); tests pass their own so they never meet a running demo. */
  redisPrefix?: string;
  /** 'live' posts alerts every few seconds; 'off' leaves alerts to the caller (tests). */
  alertFeed?: 'live' | 'off';
  /** The bot's log level (the demo's own output is the banner). */
  logLevel?: string;
}

export interface Demo {
  pageUrl: string;
  azure: AzureSim;
  slack: SlackSim;
  stop(): Promise<void>;
}

const PAGE_INFO: PageInfo = {
  hint: 'Type /sentinel status here to see every subscription, pick a few and connect them.',
  defaultChannel: COMMAND_CHANNEL,
  topics: {
    C_SOC: 'Defender for Cloud alerts (High and above) — resolve or dismiss them right on the card',
    C_OPS: 'Connector admin — try /sentinel status, /sentinel prereqs all, /sentinel help',
    C_GENERAL: 'Company-wide announcements',
  },
  users: ['U_ADMIN', 'U_ANALYST'],
};

export async function startDemo(opts: DemoOptions): Promise<Demo> {
  const host = opts.host ?? '127.0.0.1';
  // Stopped in reverse order; anything started before a failure is still cleaned up.
  const stops: Array<() => Promise<void>> = [];
  const stop = async (): Promise<void> => {
    for (const s of stops.splice(0).reverse()) await s().catch(() => undefined);
  };
  try {
    const redis = await ensureRedis(opts.redisUrl);
    stops.push(redis.stop);
    const prefix = opts.redisPrefix ?? DEMO_REDIS_PREFIX;
    const admin = createRedis(redis.url);
    await clearPrefix(admin, prefix).finally(() => admin.disconnect());

    const azure = await startAzureSim({ port: 0, scenario: 'demo' });
    stops.push(() => azure.close());

    const botPort = await freePort();
    const slack = await startSlackSim({ port: 0, botUrl: `http://${host}:${botPort}/slack/events` });
    stops.push(() => slack.close());

    const config = loadConfig({
      ...azure.env,
      ...slack.env,
      ROLE: 'all',
      HOST: host,
      PORT: String(botPort),
      REDIS_URL: redis.url,
      REDIS_PREFIX: prefix,
      ALERT_CHANNEL,
      ALERT_MIN_SEVERITY: 'High',
      ALERT_POLL_SECONDS: '5',
      ADMIN_SLACK_USERS: 'U_ADMIN',
      LOG_LEVEL: opts.logLevel ?? 'warn',
      SHUTDOWN_GRACE_SECONDS: '5',
    });
    const bot = await startBot(config, createLogger(config.logLevel));
    stops.push(() => bot.stop());

    if (opts.alertFeed !== 'off') {
      const feed = startAlertGenerator(azure, { intervalMs: 4000 });
      stops.push(async () => feed.stop());
    }

    const page = await startPageServer({ port: opts.port, host, slackSimUrl: slack.url, info: PAGE_INFO });
    stops.push(() => page.close());
    return { pageUrl: page.url, azure, slack, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
