// Operational endpoints served beside /slack/events: liveness, readiness, Prometheus metrics.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { Redis } from '../store/redis';

export interface Route {
  path: string;
  method: string | string[];
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

export interface ReadinessState {
  /** False once shutdown has begun, so load balancers drain this replica first. */
  accepting: boolean;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function redisAnswers(redis: Redis, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const ping = redis.ping().then((r) => r === 'PONG', () => false);
  const ok = await Promise.race([ping, timeout]);
  clearTimeout(timer);
  return ok;
}

export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

export function operationalRoutes(redis: Redis, state: ReadinessState): Route[] {
  return [
    // Liveness is process-only: a Redis blip must not restart every replica.
    { path: '/healthz', method: 'GET', handler: (_req, res) => json(res, 200, { status: 'ok' }) },
    {
      path: '/readyz',
      method: 'GET',
      handler: (_req, res) => {
        if (!state.accepting) return json(res, 503, { status: 'shutting-down' });
        void redisAnswers(redis, 1000).then((ok) => json(res, ok ? 200 : 503, { status: ok ? 'ready' : 'redis-unavailable', redis: ok }));
      },
    },
    {
      path: '/metrics',
      method: 'GET',
      handler: (_req, res) => {
        void metricsRegistry.metrics().then((text) => {
          res.writeHead(200, { 'content-type': metricsRegistry.contentType });
          res.end(text);
        });
      },
    },
  ];
}

/** Serves routes on a plain HTTP server, where no Slack HTTP receiver hosts them (worker role, Socket Mode). */
export function routeServer(routes: Route[]): http.Server {
  return http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const route = routes.find((r) => r.path === path && [r.method].flat().some((m) => m.toUpperCase() === req.method));
    if (route) route.handler(req, res);
    else {
      res.writeHead(404);
      res.end();
    }
  });
}
