// Global middleware: every request gets an answer, and Slack's event retries run once.
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../log';
import type { Redis } from '../store/redis';

/**
 * Acks anything no listener acknowledged (unknown action ids, malformed payloads), so Slack gets 200 at once instead
 * of waiting out the 3-second timeout. Listeners see a wrapped ack, which is how we know whether they called it.
 */
export function ackFallback(): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const holder = args as unknown as { ack?: (...a: unknown[]) => Promise<void> };
    const original = holder.ack;
    if (typeof original !== 'function') return args.next();
    let acked = false;
    holder.ack = async (...a: unknown[]) => {
      acked = true;
      return original(...a);
    };
    try {
      await args.next();
    } finally {
      if (!acked) await original().catch(() => undefined);
    }
  };
}

/** Events carry an event_id; Slack re-sends (X-Slack-Retry-Num) when it did not see a 2xx in time. Run each once. */
export function dedupeEvents(redis: Redis, prefix: string, logger: Logger, ttlSeconds = 3600): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const eventId = (args.body as { event_id?: unknown }).event_id;
    if (typeof eventId !== 'string' || !eventId) return args.next();
    let first = true;
    try {
      first = (await redis.set(`${prefix}:slack:event:${eventId}`, '1', 'EX', ttlSeconds, 'NX')) === 'OK';
    } catch (err) {
      logger.warn({ err, eventId }, 'event de-duplication unavailable; processing');
    }
    if (!first) {
      logger.debug({ eventId, retry: args.context.retryNum }, 'duplicate event skipped');
      return;
    }
    await args.next();
  };
}
