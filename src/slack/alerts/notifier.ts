// The only code that sends alert cards and digests to Slack. The client never retries by itself (BullMQ owns
// retries, and every re-post must go through the claim/reconcile path); posts are paced per channel and a 429
// becomes a "retry later" carrying Slack's Retry-After, never a blind retry.
import { ErrorCode, WebClient, type WebAPIRateLimitedError } from '@slack/web-api';
import type { KnownBlock } from '@slack/types';
import type { Logger } from '../../log';

/** Raised when Slack (or our own pacing) says "not now": the job goes back to the queue for `delayMs`. */
export class SlackRetryLater extends Error {
  constructor(
    readonly delayMs: number,
    readonly reason: 'rate-limited' | 'paced',
  ) {
    super(`Slack ${reason}: retry in ${delayMs} ms`);
  }
}

export interface PostPacer {
  reservePostSlot(channel: string, maxWaitMs: number): Promise<number>;
  reserveUpdateSlot(maxWaitMs: number): Promise<number>;
  holdSlot(scope: string | 'update', ms: number): Promise<void>;
}

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

export interface MessageMetadata {
  event_type: string;
  event_payload: Record<string, string>;
}

export interface AlertNotifier {
  post(channel: string, message: SlackMessage, metadata: MessageMetadata): Promise<string>;
  update(channel: string, ts: string, message: SlackMessage): Promise<void>;
  reply(channel: string, threadTs: string, text: string): Promise<void>;
  /** The ts of a message we posted with this metadata since `oldestIso`, if any (closes the post→record crash window). */
  findPosted(channel: string, metadata: MessageMetadata, oldestIso: string): Promise<string | undefined>;
  ephemeral(channel: string, user: string, text: string): Promise<void>;
  /** Counters for benchmarks and metrics. */
  readonly stats: { posts: number; updates: number; replies: number; rateLimited: number };
}

/** Re-exported so callers outside src/slack can name the type without importing the SDK. */
export type SlackWebClient = WebClient;

/**
 * A client for the worker's alert path built from the app's client (same token and API URL): no automatic retries,
 * 429s rejected so the job can reschedule instead of the client pausing every request for Retry-After.
 */
export function createAlertWebClient(base: WebClient): WebClient {
  return new WebClient(base.token, { slackApiUrl: base.slackApiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
}

export interface NotifierOptions {
  client: WebClient;
  pacer: PostPacer;
  logger: Logger;
  /** Wait this long in-process for a free slot; longer waits go back to the queue. */
  maxInlineWaitMs?: number;
  /** Pages of conversations.history scanned when reconciling. */
  historyPages?: number;
}

function isRateLimited(err: unknown): err is WebAPIRateLimitedError {
  return (err as { code?: string })?.code === ErrorCode.RateLimitedError;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createAlertNotifier({ client, pacer, logger, maxInlineWaitMs = 2500, historyPages = 10 }: NotifierOptions): AlertNotifier {
  const stats = { posts: 0, updates: 0, replies: 0, rateLimited: 0 };

  /** Slots are reserved in arrival order; a slot too far away sends the job back to the queue instead of blocking a worker. */
  async function waitForSlot(reserve: (maxWaitMs: number) => Promise<number>): Promise<void> {
    const wait = await reserve(maxInlineWaitMs);
    if (wait < 0) throw new SlackRetryLater(-wait, 'paced');
    if (wait > 0) await sleep(wait);
  }

  /** A 429 holds the slot for everyone (other jobs, other workers) until Retry-After, then asks to be retried. */
  async function call<T>(scope: string | 'update', method: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (err) {
      if (!isRateLimited(err)) throw err;
      stats.rateLimited++;
      const delayMs = Math.max(1, err.retryAfter) * 1000;
      await pacer.holdSlot(scope, delayMs);
      logger.warn({ method, scope, retryAfterMs: delayMs }, 'Slack rate limit: rescheduling');
      throw new SlackRetryLater(delayMs, 'rate-limited');
    }
  }

  return {
    stats,
    async post(channel, message, metadata) {
      await waitForSlot((max) => pacer.reservePostSlot(channel, max));
      const res = await call(channel, 'chat.postMessage', () =>
        client.chat.postMessage({ channel, text: message.text, blocks: message.blocks, metadata, unfurl_links: false, unfurl_media: false }),
      );
      stats.posts++;
      if (!res.ts) throw new Error('chat.postMessage returned no ts');
      return res.ts;
    },
    async update(channel, ts, message) {
      await waitForSlot((max) => pacer.reserveUpdateSlot(max));
      await call('update', 'chat.update', () => client.chat.update({ channel, ts, text: message.text, blocks: message.blocks }));
      stats.updates++;
    },
    async reply(channel, threadTs, text) {
      await waitForSlot((max) => pacer.reservePostSlot(channel, max));
      await call(channel, 'chat.postMessage', () => client.chat.postMessage({ channel, thread_ts: threadTs, text }));
      stats.replies++;
    },
    async findPosted(channel, metadata, oldestIso) {
      const oldest = String(Math.floor(Date.parse(oldestIso) / 1000) - 60);
      let cursor: string | undefined;
      for (let page = 0; page < historyPages; page++) {
        const res = await call(channel, 'conversations.history', () =>
          client.conversations.history({ channel, oldest, include_all_metadata: true, limit: 200, cursor }),
        );
        for (const m of res.messages ?? []) {
          const md = m.metadata as { event_type?: string; event_payload?: Record<string, unknown> } | undefined;
          if (md?.event_type !== metadata.event_type || !m.ts) continue;
          if (Object.entries(metadata.event_payload).every(([key, value]) => md.event_payload?.[key] === value)) return m.ts;
        }
        cursor = res.response_metadata?.next_cursor || undefined;
        if (!cursor) return undefined;
      }
      return undefined;
    },
    async ephemeral(channel, user, text) {
      await client.chat.postEphemeral({ channel, user, text });
    },
  };
}
