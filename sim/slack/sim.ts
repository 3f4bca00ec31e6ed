/** `startSlackSim()`: wires the workspace, Web API, response_urls, deliveries and control API onto one HTTP server. */
import type { AddressInfo } from 'node:net';
import { CallLog, type ApiCall } from './calllog';
import { Deliverer, type DeliveryOverrides, type DeliveryResult } from './deliver';
import { IdFactory } from './ids';
import {
  Interactions,
  type ActionInput,
  type ActionResult,
  type CommandInput,
  type CommandResult,
  type HomeOpenedInput,
  type ViewSubmissionInput,
  type ViewSubmissionResult,
} from './interactions';
import type { MessageView } from './messages';
import { RateLimiter, type RateLimitConfig } from './ratelimit';
import { ResponseUrls, type ResponseUrlLimits } from './responseurl';
import { createSimServer } from './server';
import { SocketMode, type SocketModeInfo } from './socket-mode';
import type { Json } from './state';
import { TriggerRegistry } from './triggers';
import { Suggestions, type SuggestInput, type SuggestResult } from './suggestions';
import type { ViewView } from './views';
import { defaultWorkspace, Workspace, type WorkspaceSeed } from './workspace';

export const DEFAULT_BOT_TOKEN = 'xoxb-sim-0000000000-0000000000000-sentinelsimtoken';
export const DEFAULT_SIGNING_SECRET = 'sim0signing0secret0000000000000000';
export const DEFAULT_VERIFICATION_TOKEN = 'simVerificationToken';
export const DEFAULT_APP_TOKEN = 'xapp-1-A_SENTINEL-0000000000000-sim0app0level0token';

/** `auto`: over Socket Mode while an app is connected and no bot URL is set, else HTTP. */
export type DeliveryMode = 'http' | 'socket' | 'auto';

export interface SlackSimOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** The bot's request URL, e.g. http://127.0.0.1:3000/slack/events. Can be set later with setBotUrl(). */
  botUrl?: string;
  signingSecret?: string;
  botToken?: string;
  /** Legacy verification token sent in payloads' `token` field. */
  verificationToken?: string;
  rateLimits?: RateLimitConfig;
  /** Merged over the default workspace (arrays replace the defaults). */
  workspace?: Partial<WorkspaceSeed>;
  /** trigger_id lifetime (Slack: 3000 ms); 0 disables expiry. */
  triggerTtlMs?: number;
  responseUrlLimits?: Partial<ResponseUrlLimits>;
  /** How long to wait for the bot before giving up on a delivery (default 10 s; Slack's 3 s window is flagged separately). */
  deliveryTimeoutMs?: number;
  /** App-level token `apps.connections.open` accepts. */
  appToken?: string;
  /** Puts SLACK_APP_TOKEN in `env`, so a bot configured from it connects over Socket Mode. */
  socketMode?: boolean;
  /** Default `auto`. */
  deliveryMode?: DeliveryMode;
}

/** Runtime reconfiguration (also `POST /_sim/config`). */
export interface SlackSimConfig {
  botUrl?: string;
  rateLimits?: RateLimitConfig;
  triggerTtlMs?: number;
  responseUrlLimits?: Partial<ResponseUrlLimits>;
  scopes?: string[];
  deliveryMode?: DeliveryMode;
}

export interface SlackSim {
  url: string;
  /** `${url}/api/` — pass as WebClient `slackApiUrl`. */
  apiUrl: string;
  env: { SLACK_API_URL: string; SLACK_BOT_TOKEN: string; SLACK_SIGNING_SECRET: string; SLACK_APP_TOKEN?: string };
  botToken: string;
  appToken: string;
  signingSecret: string;
  verificationToken: string;
  workspace: Workspace;
  botUrl(): string | undefined;
  setBotUrl(url: string): void;
  /** Socket Mode connections, and the delivery mode in force. */
  socketMode(): SocketModeInfo & { deliveryMode: DeliveryMode };
  /** Sends Slack's `disconnect` message to every Socket Mode connection (clients reconnect with a new URL); returns how many. */
  disconnectSockets(reason?: string): number;
  configure(config: SlackSimConfig): void;
  /** A fresh trigger_id for `user`, as if they had just clicked something (for calling views.open directly). */
  issueTrigger(user: string): string;
  command(input: CommandInput, overrides?: DeliveryOverrides): Promise<CommandResult>;
  action(input: ActionInput, overrides?: DeliveryOverrides): Promise<ActionResult>;
  /** The user types `value` into an external select: a signed block_suggestion; returns the app's options, checked. */
  suggest(input: SuggestInput, overrides?: DeliveryOverrides): Promise<SuggestResult>;
  rawAction(payload: Json, overrides?: DeliveryOverrides): Promise<DeliveryResult>;
  submitView(input: ViewSubmissionInput, overrides?: DeliveryOverrides): Promise<ViewSubmissionResult>;
  closeView(input: { user: string; view_id: string }, overrides?: DeliveryOverrides): Promise<DeliveryResult | { delivered: false }>;
  homeOpened(input: HomeOpenedInput, overrides?: DeliveryOverrides): Promise<DeliveryResult & { event_id: string }>;
  event(event: Json, opts?: { event_id?: string; retryNum?: number; retryReason?: string }, overrides?: DeliveryOverrides): Promise<DeliveryResult & { event_id: string }>;
  /** Channel timeline: messages with nested replies and edit history, plus ephemerals (flagged, with recipient). */
  messages(channel: string): MessageView[];
  ephemerals(channel: string, user?: string): MessageView[];
  calls(method?: string): ApiCall[];
  deliveries(): Array<DeliveryResult & { at: string; request: string }>;
  views(user: string): { modals: ViewView[]; home: ViewView | null };
  state(): Record<string, unknown>;
  /** Polls `probe` until it returns something truthy; rejects after timeoutMs. */
  waitFor<T>(probe: () => T | undefined | null | false, timeoutMs?: number): Promise<T>;
  waitForMessage(channel: string, predicate: (m: MessageView) => boolean, timeoutMs?: number): Promise<MessageView>;
  /** Clears messages, views, calls, deliveries, response_urls, triggers and rate-limit buckets. */
  reset(): void;
  close(): Promise<void>;
}

function seedFrom(overrides: Partial<WorkspaceSeed> = {}): WorkspaceSeed {
  return { ...defaultWorkspace(), ...overrides };
}

export async function startSlackSim(opts: SlackSimOptions = {}): Promise<SlackSim> {
  const ids = new IdFactory();
  const ws = new Workspace(seedFrom(opts.workspace), ids);
  const botToken = opts.botToken ?? DEFAULT_BOT_TOKEN;
  const signingSecret = opts.signingSecret ?? DEFAULT_SIGNING_SECRET;
  const verificationToken = opts.verificationToken ?? DEFAULT_VERIFICATION_TOKEN;
  const appToken = opts.appToken ?? DEFAULT_APP_TOKEN;
  let botUrl = opts.botUrl;
  let deliveryMode = opts.deliveryMode ?? 'auto';
  let baseUrl = '';
  const log = new CallLog(ws);
  const limiter = new RateLimiter(opts.rateLimits);
  const triggers = new TriggerRegistry(ids, opts.triggerTtlMs ?? 3000);
  const responseUrls = new ResponseUrls(ws, log, () => baseUrl);
  Object.assign(responseUrls.limits, opts.responseUrlLimits);
  const socketMode = new SocketMode(ws, appToken, () => baseUrl);
  const overSocket = (): boolean => (deliveryMode === 'auto' ? socketMode.connected() && !botUrl : deliveryMode === 'socket');
  const deliverer = new Deliverer(
    { botUrl: () => botUrl, signingSecret: () => signingSecret, timeoutMs: opts.deliveryTimeoutMs ?? 10_000, socket: () => (overSocket() ? socketMode : undefined) },
    ws,
  );
  const suggestions = new Suggestions({ ws, deliverer, verificationToken });
  const interactions = new Interactions({ ws, deliverer, responseUrls, triggers, verificationToken, suggestions });

  const server = createSimServer({
    // Requests only arrive after listen(), by which time `sim` is initialised.
    sim: () => sim,
    webApi: { ctx: { ws, triggers }, limiter, log, tokens: () => [botToken], connectionsOpen: (token) => socketMode.open(token) },
    responseUrls,
  });
  socketMode.attach(server);
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://${host}:${port}`;
  const apiUrl = `${baseUrl}/api/`;

  const waitFor = async <T>(probe: () => T | undefined | null | false, timeoutMs = 5000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`waitFor: condition not met within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 15));
    }
  };

  const sim: SlackSim = {
    url: baseUrl,
    apiUrl,
    env: { SLACK_API_URL: apiUrl, SLACK_BOT_TOKEN: botToken, SLACK_SIGNING_SECRET: signingSecret, ...(opts.socketMode ? { SLACK_APP_TOKEN: appToken } : {}) },
    botToken,
    appToken,
    signingSecret,
    verificationToken,
    workspace: ws,
    botUrl: () => botUrl,
    setBotUrl: (url) => {
      botUrl = url;
    },
    socketMode: () => ({ ...socketMode.info(), deliveryMode }),
    disconnectSockets: (reason) => socketMode.disconnect(reason),
    configure: (c) => {
      if (c.botUrl !== undefined) botUrl = c.botUrl;
      if (c.deliveryMode !== undefined) deliveryMode = c.deliveryMode;
      if (c.rateLimits !== undefined) limiter.configure(c.rateLimits);
      if (c.triggerTtlMs !== undefined) triggers.ttlMs = c.triggerTtlMs;
      if (c.responseUrlLimits !== undefined) Object.assign(responseUrls.limits, c.responseUrlLimits);
      if (c.scopes !== undefined) {
        ws.scopes.clear();
        c.scopes.forEach((s) => ws.scopes.add(s));
      }
    },
    issueTrigger: (user) => triggers.issue(user),
    command: (i, o) => interactions.command(i, o),
    action: (i, o) => interactions.action(i, o),
    suggest: (i, o) => suggestions.suggest(i, o),
    rawAction: (p, o) => interactions.rawAction(p, o),
    submitView: (i, o) => interactions.submitView(i, o),
    closeView: (i, o) => interactions.closeView(i, o),
    homeOpened: (i, o) => interactions.homeOpened(i, o),
    event: (e, eo, o) => interactions.event(e, eo, o),
    messages: (channel) => ws.messages.list(ws.conversation(channel)?.id ?? channel),
    ephemerals: (channel, user) => ws.messages.ephemeralsFor(ws.conversation(channel)?.id ?? channel, user),
    calls: (method) => log.list(method),
    deliveries: () => deliverer.list(),
    views: (user) => {
      const home = ws.views.home(user);
      return { modals: ws.views.stack(user).map((v) => ws.views.toApi(v)), home: home ? ws.views.toApi(home) : null };
    },
    state: () => ws.snapshot(),
    waitFor,
    waitForMessage: (channel, predicate, timeoutMs) =>
      waitFor(() => ws.messages.list(ws.conversation(channel)?.id ?? channel).find(predicate), timeoutMs),
    reset: () => {
      ws.reset();
      log.clear();
      deliverer.clear();
      responseUrls.clear();
      triggers.clear();
      suggestions.clear();
      limiter.reset();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        socketMode.close();
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
  return sim;
}
