/**
 * `POST|GET /api/{method}`: authenticate, rate-limit, dispatch, log. Slack answers HTTP 200 for platform errors
 * (`{ok:false,error}`) and HTTP 429 + `Retry-After` when rate limited.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallLog } from '../calllog';
import type { RateLimiter } from '../ratelimit';
import type { ApiContext, Handler } from './context';
import { chatMethods } from './chat';
import { conversationMethods } from './conversations';
import { directoryMethods } from './directory';
import { ApiError, parseApiRequest, str, type Args } from './request';
import { viewMethods } from './views';

const METHODS: Record<string, Handler> = { ...chatMethods, ...viewMethods, ...directoryMethods, ...conversationMethods };

export const SUPPORTED_METHODS = Object.keys(METHODS);

export interface WebApiOptions {
  ctx: ApiContext;
  limiter: RateLimiter;
  log: CallLog;
  /** Valid bot tokens (the configured one). */
  tokens: () => string[];
  /** `apps.connections.open` (Socket Mode), which takes the app-level token instead of a bot token. */
  connectionsOpen?: (token: string | undefined) => Record<string, unknown>;
}

export function handleWebApi(opts: WebApiOptions, method: string, req: IncomingMessage, res: ServerResponse, rawBody: string): void {
  const started = Date.now();
  let args: Args = {};
  const reply = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
    opts.log.record({
      method,
      args,
      at: new Date(started).toISOString(),
      status,
      ok: body.ok === true,
      ...(body.ok ? {} : { error: String(body.error) }),
      ...(headers['Retry-After'] ? { retryAfter: Number(headers['Retry-After']) } : {}),
      ms: Date.now() - started,
    });
  };
  try {
    const parsed = parseApiRequest(req, rawBody);
    args = parsed.args;
    if (method === 'apps.connections.open' && opts.connectionsOpen) {
      reply(200, { ok: true, ...opts.connectionsOpen(parsed.token) });
      return;
    }
    if (!parsed.token) throw new ApiError('not_authed');
    if (!opts.tokens().includes(parsed.token)) throw new ApiError('invalid_auth');
    const handler = METHODS[method];
    if (!handler) throw new ApiError('unknown_method', { req_method: method });
    const channel = str(args, 'channel');
    const user = str(args, 'user_id') ?? str(args, 'user');
    const decision = opts.limiter.take(method, { channel, user });
    if (!decision.allowed) {
      reply(429, { ok: false, error: 'ratelimited' }, { 'Retry-After': String(decision.retryAfter) });
      return;
    }
    const result = handler(args, opts.ctx);
    const body: Record<string, unknown> = { ok: true, ...result };
    if (parsed.warnings.length) {
      body.warning = parsed.warnings.join(',');
      body.response_metadata = { ...(result.response_metadata as object | undefined), warnings: parsed.warnings };
    }
    reply(200, body);
  } catch (err) {
    if (err instanceof ApiError) reply(200, { ok: false, error: err.code, ...err.extra });
    else reply(200, { ok: false, error: 'internal_error', detail: String(err) });
  }
}
