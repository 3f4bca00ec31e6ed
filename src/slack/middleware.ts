// Every request gets an answer, and Slack's event retries run once.
import type { AnyMiddlewareArgs, App, Middleware, ReceiverEvent } from '@slack/bolt';
import type { Logger } from '../log';
import type { Redis } from '../store/redis';

/**
 * Every request gets an answer at once. Bolt leaves some requests unacknowledged — bodies whose type it cannot tell,
 * bodies it throws on before any middleware runs, actions no listener matches — and Slack would then wait out the
 * 3-second timeout and get a 404/500. Wrapping `processEvent` (the one call every receiver makes) acks whatever is
 * still unacknowledged once Bolt is done with it, and before an error propagates.
 */
export function answerEveryRequest(app: App): void {
  const process = app.processEvent.bind(app);
  app.processEvent = async (event: ReceiverEvent): Promise<void> => {
    let acked = false;
    const ack = event.ack;
    const tracked: ReceiverEvent = {
      ...event,
      ack: async (response) => {
        acked = true;
        return ack(response);
      },
    };
    try {
      await process(tracked);
    } finally {
      if (!acked) await ack().catch(() => undefined);
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
