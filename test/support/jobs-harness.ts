// Real Redis + the Azure and Slack simulators + the real gateway and presenter, wired like the worker role.
import { startAzureSim, type AzureSim, type StartOptions } from '../../sim/azure';
import { startSlackSim, type SlackSim } from '../../sim/slack';
import { createAzureGateway } from '../../src/azure';
import { loadConfig, type Config } from '../../src/config';
import { createJobPort, startWorkers, type ClosableJobPort, type RunningWorkers, type WriteBudget } from '../../src/jobs';
import { createLogger } from '../../src/log';
import type { JobRequest } from '../../src/ports';
import { createWebClient } from '../../src/slack/client';
import { createSlackPresenter } from '../../src/slack/presenter';
import { JobStore, type FinalBulkRecord } from '../../src/store/jobs-store';
import { createRedis, type Redis } from '../../src/store/redis';
import { cleanPrefix, redisUrl, testPrefix } from './redis';

export const CHANNEL = 'C_OPS';
export const USER = 'U_ADMIN';

export interface JobsHarness {
  azure: AzureSim;
  slack: SlackSim;
  config: Config;
  redis: Redis;
  prefix: string;
  store: JobStore;
  port: ClosableJobPort;
  workers?: RunningWorkers;
  startWorkers(opts?: { concurrency?: number; writeBudget?: WriteBudget }): Promise<RunningWorkers>;
  request(overrides: Partial<JobRequest>): JobRequest;
  waitForFinal(jobId: string, timeoutMs?: number): Promise<FinalBulkRecord>;
  /** Subscriptions with an AzureSecurityCenter connector in the simulated workspace. */
  connectedSubscriptions(): Promise<Set<string>>;
  close(): Promise<void>;
}

export function configFor(azure: AzureSim, slack: SlackSim, prefix: string, extra: Record<string, string> = {}): Config {
  return loadConfig({ ...azure.env, ...slack.env, REDIS_URL: redisUrl(), REDIS_PREFIX: prefix, LOG_LEVEL: 'warn', ...extra });
}

export async function startJobsHarness(name: string, azureOpts: StartOptions = {}): Promise<JobsHarness> {
  const azure = await startAzureSim({ ingestionDelayMs: 0, registrationDelayMs: 0, ...azureOpts });
  const slack = await startSlackSim();
  const prefix = testPrefix(name);
  const config = configFor(azure, slack, prefix);
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const redis = createRedis(redisUrl(), 'worker');
  const store = new JobStore(redis, prefix);
  const port = createJobPort({ redisUrl: redisUrl(), prefix, logger });
  const gateway = createAzureGateway(config);
  const presenter = createSlackPresenter({ client: createWebClient(config), redis, prefix, logger });

  const harness: JobsHarness = {
    azure,
    slack,
    config,
    redis,
    prefix,
    store,
    port,
    async startWorkers(opts = {}) {
      harness.workers = await startWorkers({ config, gateway, presenter, redisUrl: redisUrl(), prefix, logger, ...opts });
      return harness.workers;
    },
    request: (overrides) => ({ kind: 'connect', requestedBy: { userId: USER }, reply: { channel: CHANNEL, userId: USER }, ...overrides }),
    async waitForFinal(jobId, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        // finishedAt is written after the final message went out.
        const [summary] = (await store.recentSummaries(50)).filter((s) => s.jobId === jobId);
        const record = summary?.finishedAt ? await store.final(jobId) : undefined;
        if (record) return record;
        if (Date.now() > deadline) throw new Error(`job ${jobId} did not finish within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async connectedSubscriptions() {
      const connectors = await gateway.listDataConnectors();
      return new Set(connectors.filter((c) => c.kind === 'AzureSecurityCenter' && c.subscriptionId).map((c) => c.subscriptionId!.toLowerCase()));
    },
    async close() {
      await harness.workers?.close(5_000);
      await port.close();
      await cleanPrefix(redis, prefix);
      await redis.quit();
      await slack.close();
      await azure.close();
    },
  };
  return harness;
}
