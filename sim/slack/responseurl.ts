/**
 * `response_url`s: one per delivered slash command / message interaction, usable 5 times within 30 minutes
 * (reference/slack.md §A5). Bolt's `respond()` POSTs JSON here and throws on any non-2xx answer.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallLog } from './calllog';
import type { StoredMessage } from './messages';
import { messageContent } from './webapi/chat';
import { ApiError } from './webapi/request';
import type { Workspace } from './workspace';

export interface ResponseUrlLimits {
  maxUses: number;
  ttlMs: number;
}

export const DEFAULT_RESPONSE_URL_LIMITS: ResponseUrlLimits = { maxUses: 5, ttlMs: 30 * 60 * 1000 };

interface Target {
  channel: string;
  user: string;
  createdAt: number;
  uses: number;
  /** The message the interaction happened on (absent for slash commands). */
  original?: StoredMessage;
  /** For slash commands: the last message this URL produced, which replace_original/delete_original act on. */
  produced?: StoredMessage;
}

export class ResponseUrls {
  private readonly targets = new Map<string, Target>();
  limits: ResponseUrlLimits = { ...DEFAULT_RESPONSE_URL_LIMITS };

  constructor(
    private readonly ws: Workspace,
    private readonly log: CallLog,
    private readonly baseUrl: () => string,
  ) {}

  create(channel: string, user: string, original?: StoredMessage): string {
    const id = this.ws.ids.secret();
    this.targets.set(id, { channel, user, createdAt: Date.now(), uses: 0, original });
    return `${this.baseUrl()}/_sim/response/${id}`;
  }

  clear(): void {
    this.targets.clear();
  }

  handle(id: string, _req: IncomingMessage, res: ServerResponse, rawBody: string): void {
    const started = Date.now();
    let body: Record<string, unknown> = {};
    const reply = (status: number, payload: Record<string, unknown>): void => {
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(payload));
      this.log.record({
        method: 'response_url',
        args: { response_url_id: id, ...body },
        at: new Date(started).toISOString(),
        status,
        ok: payload.ok === true,
        ...(payload.ok ? {} : { error: String(payload.error) }),
        ms: Date.now() - started,
      });
    };
    const target = this.targets.get(id);
    if (!target) return reply(404, { ok: false, error: 'invalid_url' });
    if (Date.now() - target.createdAt > this.limits.ttlMs) return reply(404, { ok: false, error: 'expired_url' });
    if (target.uses >= this.limits.maxUses) return reply(404, { ok: false, error: 'used_url' });
    try {
      const parsed: unknown = JSON.parse(rawBody || '{}');
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      body = parsed as Record<string, unknown>;
    } catch {
      return reply(400, { ok: false, error: 'invalid_payload' });
    }
    target.uses += 1;
    try {
      this.apply(target, body);
      reply(200, { ok: true });
    } catch (err) {
      if (err instanceof ApiError) reply(400, { ok: false, error: err.code, ...err.extra });
      else throw err;
    }
  }

  private apply(target: Target, body: Record<string, unknown>): void {
    const existing = target.original ?? target.produced;
    const live = existing && this.ws.messages.find(existing.channel, existing.ts) === existing ? existing : undefined;
    if (body.delete_original === true || body.delete_original === 'true') {
      if (live) this.ws.messages.delete(live);
      return;
    }
    const replace = body.replace_original === true || body.replace_original === 'true';
    if (replace && live) {
      const content = messageContent(body, true);
      // A replacement is a whole new message: omitted blocks/attachments are dropped, not kept.
      this.ws.messages.update(live, { text: content.text ?? '', blocks: content.blocks ?? [], attachments: content.attachments ?? [] });
      return;
    }
    const content = messageContent(body, true);
    const threadTs = typeof body.thread_ts === 'string' ? body.thread_ts : undefined;
    target.produced =
      body.response_type === 'in_channel'
        ? this.ws.messages.post(target.channel, { ...content, thread_ts: threadTs }, 'response_url')
        : this.ws.messages.postEphemeral(target.channel, target.user, { ...content, thread_ts: threadTs }, 'response_url');
  }
}
