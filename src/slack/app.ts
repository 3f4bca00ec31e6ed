// The web role's Slack front door: Bolt over HTTP (/slack/events) or Socket Mode. Listeners verify (Bolt), parse,
// authorize, enqueue and ack; anything that talks to Azure runs in the worker behind the JobPort.
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, type Logger as BoltLogger } from '@slack/bolt';
import { LogLevel as WebLogLevel, WebClient } from '@slack/web-api';
import type { Config } from '../config';
import { routeServer, type Route } from '../http/routes';
import type { Logger } from '../log';
import type { JobPort } from '../ports';
import type { Redis } from '../store/redis';
import * as actions from './actions';
import { createAuthz } from './authz';
import * as commands from './commands';
import { createStores, type SlackAppContext } from './context';
import * as events from './events';
import { answerEveryRequest, dedupeEvents } from './middleware';
import * as options from './options';
import { createRouter, type SlackRouter } from './router';

export type { SlackAppContext } from './context';

export interface SlackAppDeps {
  config: Config;
  jobs: JobPort;
  redis: Redis;
  logger: Logger;
  customRoutes?: Route[];
  /** Extra routes (e.g. alert-card actions) added to the same router, with the same context, after the built-in ones. */
  registrars?: ((router: SlackRouter, ctx: SlackAppContext) => void)[];
}

export interface SlackApp {
  app: App;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The bound HTTP port once started (useful with port 0). */
  port(): number | undefined;
}

/** Bolt's logger interface over pino, so Bolt's own messages land in the same structured log. */
function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'bolt' });
  let level = LogLevel.INFO;
  const at = (lvl: 'debug' | 'info' | 'warn' | 'error') => (...m: unknown[]) => {
    if (child.isLevelEnabled(lvl)) child[lvl](m.map(String).join(' '));
  };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

export function createSlackApp(deps: SlackAppDeps): SlackApp {
  const { config, jobs, redis, logger } = deps;
  const prefix = config.redis.prefix;
  const customRoutes = deps.customRoutes ?? [];
  const socketMode = Boolean(config.slack.appToken);
  const blogger = boltLogger(logger);

  const clientOptions = config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {};
  const receiver = socketMode
    ? new SocketModeReceiver({
        appToken: config.slack.appToken!,
        logger: blogger,
        // Sends apps.connections.open to SLACK_API_URL too; a copy, as the Socket Mode client writes its retry policy into it.
        installerOptions: { clientOptions: { ...clientOptions } },
      })
    : new HTTPReceiver({
        signingSecret: config.slack.signingSecret,
        endpoints: ['/slack/events'],
        processBeforeResponse: false,
        customRoutes,
        logger: blogger,
      });

  const client = new WebClient(config.slack.botToken, { ...clientOptions, logLevel: WebLogLevel.ERROR });
  // Bolt's own token check either blocks start-up on Slack (and refuses every request if that first auth.test failed)
  // or, switched off, calls auth.test on every request. The bot's identity is read once in start(), off the ack path.
  const identity: { botId?: string; botUserId?: string } = {};
  const app = new App({
    authorize: async () => ({ botToken: config.slack.botToken, ...identity }),
    receiver,
    logger: blogger,
    clientOptions,
    // Unused; the default in-memory store builds an Error (with stack) for every request it has no entry for.
    convoStore: false,
  });

  const stores = createStores(redis, prefix);
  const ctx: SlackAppContext = {
    config,
    jobs,
    redis,
    logger,
    prefix,
    authz: createAuthz({ config, client, redis, prefix, logger }),
    audit: stores.audit,
    stores: { routes: stores.routes, snapshot: stores.snapshot, subscriptions: stores.subscriptions, jobRecords: stores.jobRecords },
  };

  answerEveryRequest(app);
  app.use(dedupeEvents(redis, prefix, logger));
  commands.register(app, ctx);
  events.register(app, ctx);
  options.register(app, ctx);
  const router = createRouter();
  actions.register(router, ctx);
  for (const registrar of deps.registrars ?? []) registrar(router, ctx);
  router.mount(app);
  app.error(async (error) => {
    logger.error({ err: { message: error.message, code: error.code } }, 'slack listener error');
  });

  let server: http.Server | undefined;
  let sideServer: http.Server | undefined;
  const port = (): number | undefined => ((server ?? sideServer)?.address() as AddressInfo | null | undefined)?.port;
  return {
    app,
    async start() {
      client.auth.test().then(
        (r) => Object.assign(identity, { botId: r.bot_id, botUserId: r.user_id }),
        (err: unknown) => logger.warn({ err: (err as Error).message }, 'auth.test failed; the bot will not recognise its own events'),
      );
      if (socketMode) {
        await app.start();
        if (customRoutes.length) {
          sideServer = routeServer(customRoutes);
          await new Promise<void>((resolve) => sideServer!.listen(config.port, config.host, resolve));
        }
      } else {
        server = (await app.start({ port: config.port, host: config.host })) as http.Server;
      }
      logger.info({ mode: socketMode ? 'socket' : 'http', port: port() }, 'slack app started');
    },
    async stop() {
      await app.stop();
      if (sideServer) await new Promise<void>((resolve) => sideServer!.close(() => resolve()));
      server = undefined;
      sideServer = undefined;
    },
    port,
  };
}
