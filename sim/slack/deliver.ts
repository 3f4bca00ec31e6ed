/**
 * Sends signed requests to the bot's request URL exactly as Slack does, and records how the bot answered.
 * Slack waits 3 s for the ack; we wait longer (so tests see late acks) but flag anything over 3 s as timed out.
 */
import { SimRequestError } from './errors';
import { signRequest } from './signing';
import type { Workspace } from './workspace';

export const SLACK_ACK_TIMEOUT_MS = 3000;

export type DeliveryKind = 'command' | 'block_actions' | 'block_suggestion' | 'view_submission' | 'view_closed' | 'event' | 'raw';

export interface DeliveryResult {
  kind: DeliveryKind;
  /** The bot's HTTP status (0 if it could not be reached). */
  status: number;
  /** The bot's response body (the ack payload). */
  body: string;
  /** The body parsed as JSON when it is JSON. */
  json?: unknown;
  /** How long the bot took to answer. */
  ms: number;
  /** True when the bot missed Slack's 3-second window; Slack would have shown an error and ignored the ack. */
  timedOut: boolean;
  error?: string;
  /** How it reached the bot: a signed HTTP request, or an envelope on its Socket Mode connection. */
  transport: 'http' | 'socket';
}

/** What the bot answered, however it was reached (status 0 = no answer). */
export type BotAnswer = Pick<DeliveryResult, 'status' | 'body' | 'json' | 'error'>;

export interface DeliveryOverrides {
  /** Sign with another secret (forged request). */
  signingSecret?: string;
  /** Request timestamp in seconds (stale request). */
  timestamp?: number;
  /** Extra headers, e.g. X-Slack-Retry-Num. */
  headers?: Record<string, string>;
}

export interface DelivererOptions {
  botUrl: () => string | undefined;
  signingSecret: () => string;
  /** Hard limit on waiting for the bot. */
  timeoutMs: number;
  /** Delivers over the app's Socket Mode connection instead, when that is the delivery mode. */
  socket?: () => { deliver(kind: DeliveryKind, body: string, overrides: DeliveryOverrides, timeoutMs: number): Promise<BotAnswer> } | undefined;
}

export class Deliverer {
  private readonly history: Array<DeliveryResult & { at: string; request: string }> = [];

  constructor(
    private readonly opts: DelivererOptions,
    private readonly ws: Workspace,
  ) {}

  async send(kind: DeliveryKind, body: string, contentType: string, overrides: DeliveryOverrides = {}): Promise<DeliveryResult> {
    const socket = this.opts.socket?.();
    const url = this.opts.botUrl();
    if (!socket && !url) throw new SimRequestError(409, 'no bot URL configured: pass botUrl / --bot-url, call setBotUrl() or connect over Socket Mode');
    const started = Date.now();
    const answer = socket ? await socket.deliver(kind, body, overrides, this.opts.timeoutMs) : await this.post(url!, body, contentType, overrides);
    const ms = Date.now() - started;
    const result: DeliveryResult = { kind, ...answer, ms, timedOut: answer.status === 0 || ms > SLACK_ACK_TIMEOUT_MS, transport: socket ? 'socket' : 'http' };
    const record = { ...result, at: new Date(started).toISOString(), request: body };
    this.history.push(record);
    this.ws.emit({ type: 'delivery', delivery: { kind, transport: result.transport, status: result.status, ms: result.ms, timedOut: result.timedOut, at: record.at } });
    return result;
  }

  private async post(url: string, body: string, contentType: string, overrides: DeliveryOverrides): Promise<BotAnswer> {
    const headers = {
      'Content-Type': contentType,
      'User-Agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      ...signRequest(overrides.signingSecret ?? this.opts.signingSecret(), body, overrides.timestamp),
      ...overrides.headers,
    };
    try {
      const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(this.opts.timeoutMs) });
      const text = await res.text();
      return { status: res.status, body: text, json: parseJson(text) };
    } catch (err) {
      return { status: 0, body: '', error: err instanceof Error ? err.message : String(err) };
    }
  }

  list(): Array<DeliveryResult & { at: string; request: string }> {
    return [...this.history];
  }

  clear(): void {
    this.history.length = 0;
  }
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
