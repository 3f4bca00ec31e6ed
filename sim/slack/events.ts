/**
 * What the simulator announces on `GET /_sim/stream` (server-sent events, `event:` = `type`). A UI can rebuild the
 * whole workspace from `GET /_sim/state` plus this stream.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventEmitter } from 'node:events';
import type { MessageView } from './messages';
import type { ViewView } from './views';

export type SimEvent =
  | { type: 'message_posted' | 'message_updated'; channel: string; message: MessageView }
  | { type: 'message_deleted'; channel: string; ts: string; thread_ts?: string }
  | { type: 'ephemeral_posted' | 'ephemeral_updated'; channel: string; user: string; message: MessageView }
  | { type: 'ephemeral_deleted'; channel: string; user: string; ts: string }
  | { type: 'view_opened' | 'view_pushed' | 'view_updated' | 'view_closed' | 'home_published'; user: string; view: ViewView }
  | { type: 'api_call'; call: Record<string, unknown> }
  | { type: 'delivery'; delivery: Record<string, unknown> }
  | { type: 'reset' };

/** Streams bus events to one SSE client until it disconnects. */
export function serveEventStream(bus: EventEmitter, req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
    'Access-Control-Allow-Origin': '*',
  });
  // Flushes headers so EventSource/fetch clients see the stream open immediately.
  res.write(': connected\n\n');
  const send = (event: SimEvent): void => {
    res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  };
  // Keeps proxies and idle timeouts from closing a quiet stream.
  const keepAlive = setInterval(() => res.write(': ping\n\n'), 15_000);
  keepAlive.unref();
  bus.on('event', send);
  req.on('close', () => {
    clearInterval(keepAlive);
    bus.off('event', send);
  });
}
