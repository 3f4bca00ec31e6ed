// Both simulators in-process, real Redis, the real Bolt app with the alert registrar, and startAlerting.
import { WebClient } from '@slack/web-api';
import { startAzureSim, SMALL_SUBSCRIPTIONS, type AzureSim, type AlertInput } from '../../sim/azure';
import { startSlackSim, type SlackSim, type MessageView } from '../../sim/slack';
import { createAzureGateway } from '../../src/azure';
import { loadConfig, type Config } from '../../src/config';
import { startAlerting, type Alerting, type AlertingOptions } from '../../src/jobs/alerts';
import { createJobPort, type ClosableJobPort } from '../../src/jobs';
import { createLogger } from '../../src/log';
import type { AzureGateway } from '../../src/operations/ports';
import { createSlackApp, type SlackApp } from '../../src/slack/app';
import { registerAlertActions } from '../../src/slack/alerts';
import { createRedis, type Redis } from '../../src/store/redis';
import { createRouteStore } from '../../src/store/routes';
import { cleanPrefix, redisUrl, testPrefix } from '../support/redis';

export const SUBS = SMALL_SUBSCRIPTIONS;
export const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');

export interface Harness {
  azure: AzureSim;
  slack: SlackSim;
  config: Config;
  gateway: AzureGateway;
  redis: Redis;
  prefix: string;
  app: SlackApp;
  jobs: ClosableJobPort;
  alerting: Alerting;
  slackClient: WebClient;
  startAlertingAgain(options?: AlertingOptions): Promise<Alerting>;
  addRoute(channel: string, minSeverity: Config['alerts']['minSeverity'], subscriptionIds?: string[]): Promise<void>;
  createAlerts(inputs: AlertInput[]): ReturnType<AzureSim['createAlerts']>;
  /** Polls once and waits until every notification job has run. */
  pollAndSettle(): Promise<void>;
  cards(channel: string): MessageView[];
  enableIncidentRule(): void;
  close(): Promise<void>;
}

export const FAST: AlertingOptions = { scheduler: false, pacing: { channelGapMs: 1000, workspaceGapMs: 50, updateGapMs: 100 } };

export async function startHarness(name: string, options: AlertingOptions = FAST, azureOptions: Parameters<typeof startAzureSim>[0] = {}): Promise<Harness> {
  const azure = await startAzureSim({ throttleScale: 0, ingestionDelayMs: 0, syncDelayMs: 300, registrationDelayMs: 0, ...azureOptions });
  const slack = await startSlackSim();
  const prefix = testPrefix(name);
  const config = loadConfig({
    ...azure.env,
    ...slack.env,
    REDIS_URL: redisUrl(),
    REDIS_PREFIX: prefix,
    ALERT_CHANNEL: 'C_SOC',
    ADMIN_SLACK_USERS: 'U_ADMIN',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
  });
  const gateway = createAzureGateway(config);
  const redis = createRedis(redisUrl(), 'worker');
  const jobs = createJobPort({ redisUrl: redisUrl(), prefix, logger });
  const app = createSlackApp({ config, jobs, redis, logger, registrars: [registerAlertActions] });
  await app.start();
  slack.setBotUrl(`http://127.0.0.1:${app.port()}/slack/events`);
  const slackClient = new WebClient(slack.botToken, { slackApiUrl: slack.apiUrl });
  const start = (o: AlertingOptions) => startAlerting({ config, gateway, slackClient, redisUrl: redisUrl(), prefix, logger }, o);
  const h: Harness = {
    azure, slack, config, gateway, redis, prefix, app, jobs, slackClient,
    alerting: await start(options),
    async startAlertingAgain(o = options) {
      h.alerting = await start(o);
      return h.alerting;
    },
    async addRoute(channel, minSeverity, subscriptionIds) {
      await createRouteStore(redis, prefix).add({ channel, minSeverity, subscriptionIds, createdBy: 'U_ADMIN' });
    },
    createAlerts: (inputs) => azure.createAlerts(inputs),
    async pollAndSettle() {
      await h.alerting.pollOnce();
      await h.alerting.idle(60_000);
    },
    cards: (channel) => slack.messages(channel).filter((m) => m.metadata?.event_type === 'sentinel_alert'),
    enableIncidentRule() {
      azure.state.workspace.alertRules.set('create-incidents', {
        name: 'create-incidents', kind: 'MicrosoftSecurityIncidentCreation', etag: '"1"', createdAt: Date.now(),
        properties: { productFilter: 'Azure Security Center', enabled: true, displayName: 'Create incidents based on Microsoft Defender for Cloud' },
      });
    },
    async close() {
      await h.alerting.close();
      await app.stop();
      await jobs.close();
      await cleanPrefix(redis, prefix);
      await redis.quit();
      await slack.close();
      await azure.close();
    },
  };
  // Start from now: the scenario's seeded alerts are history, not news.
  await h.alerting.store.advanceWatermark(new Date().toISOString());
  return h;
}

/** Text of a message's blocks, for assertions. */
export function blockText(m: MessageView): string {
  return JSON.stringify(m.blocks ?? []);
}

export function buttonIds(m: MessageView): string[] {
  return (m.blocks ?? []).filter((b) => b.type === 'actions').flatMap((b) => (b.elements as { action_id: string; url?: string }[]).filter((e) => !e.url).map((e) => e.action_id));
}
