// Composition root: wires config, Redis, the Slack front door, the job workers and alerting for one process.
import type { Config } from './config';
import type { Logger } from './log';
import { createRedis } from './store/redis';
import { operationalRoutes, routeServer, type ReadinessState } from './http/routes';
import { createAzureGateway } from './azure';
import { createJobPort, startWorkers } from './jobs';
import { startAlerting } from './jobs/alerts';
import { createSlackApp } from './slack/app';
import { createSlackPresenter } from './slack/presenter';
import { createWebClient } from './slack/client';
import { registerAlertActions } from './slack/alerts';

export interface RunningBot {
  /** Stops accepting work, lets running jobs finish up to the grace period, closes connections. */
  stop(): Promise<void>;
}

export async function startBot(config: Config, logger: Logger): Promise<RunningBot> {
  const readiness: ReadinessState = { accepting: true };
  const redis = createRedis(config.redis.url, 'producer');
  const routes = operationalRoutes(redis, readiness);
  const prefix = config.redis.prefix;
  const stops: (() => Promise<void>)[] = [];

  if (config.role === 'worker' || config.role === 'all') {
    const gateway = createAzureGateway(config);
    const slackClient = createWebClient(config);
    // The presenter writes snapshots and job records from jobs: it waits out a Redis blip rather than failing fast.
    const workerRedis = createRedis(config.redis.url, 'worker');
    const presenter = createSlackPresenter({ client: slackClient, redis: workerRedis, prefix, logger, portalUrl: config.azure.portalUrl });
    const workers = await startWorkers({ config, gateway, presenter, redisUrl: config.redis.url, prefix, logger });
    const alerting = await startAlerting({ config, gateway, slackClient, redisUrl: config.redis.url, prefix, logger });
    stops.push(
      () => alerting.close(),
      () => workers.close(config.shutdownGraceMs),
      () => workerRedis.quit().then(() => undefined, () => workerRedis.disconnect()),
    );
  }

  if (config.role === 'web' || config.role === 'all') {
    const jobs = createJobPort({ redisUrl: config.redis.url, prefix, logger });
    const slack = createSlackApp({ config, jobs, redis, logger, customRoutes: routes, registrars: [registerAlertActions] });
    await slack.start();
    // Web stops first so no new work arrives while workers drain.
    stops.unshift(() => slack.stop(), () => jobs.close());
  } else {
    const server = routeServer(routes);
    await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
    stops.unshift(() => new Promise<void>((resolve) => server.close(() => resolve())));
  }
  logger.info({ role: config.role, port: config.port }, 'sentinel-chatops started');

  return {
    async stop() {
      readiness.accepting = false;
      for (const stop of stops) {
        await stop().catch((err: unknown) => logger.warn({ err }, 'error during shutdown'));
      }
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
