import type { IncomingHttpHeaders } from 'node:http';
import type { RequestLogEntry } from './requestLog';
import type { Principal } from './state';
import type { Sim } from './sim';

export type Area = 'entra' | 'arm' | 'logs' | 'control';

/** Everything a handler needs about one request. */
export interface Ctx {
  sim: Sim;
  method: string;
  /** Path with duplicate slashes collapsed (the SDK sends `Microsoft.OperationalInsights//workspaces`). */
  path: string;
  query: URLSearchParams;
  params: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: any;
  /** Scheme + host the client used, for nextLink and token endpoints. */
  baseUrl: string;
  apiVersion: string;
  principal?: Principal;
  log: RequestLogEntry;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (ctx: Ctx) => Reply | Promise<Reply>;

export interface Route {
  method: string;
  area: Area;
  op: string;
  /** Accepted api-versions (ARM only). */
  versions?: readonly string[];
  re: RegExp;
  names: string[];
  handler: Handler;
}

/** `{name}` matches one segment, `{*name}` the rest; ARM paths are case-insensitive. */
export function route(method: string, area: Area, op: string, template: string, handler: Handler, versions?: readonly string[]): Route {
  const names: string[] = [];
  const src = template.replace(/[.+?^$()|[\]\\]/g, '\\$&').replace(/\{(\*?)(\w+)\}/g, (_m, star: string, name: string) => {
    names.push(name);
    return star ? '(.+)' : '([^/]+)';
  });
  return { method, area, op, versions, re: new RegExp(`^${src}$`, 'i'), names, handler };
}

export function matchRoute(routes: readonly Route[], method: string, path: string): { route: Route; params: Record<string, string> } | { allowed: string[] } | undefined {
  const allowed: string[] = [];
  for (const r of routes) {
    const m = r.re.exec(path);
    if (!m) continue;
    if (r.method !== method) {
      allowed.push(r.method);
      continue;
    }
    const params: Record<string, string> = {};
    r.names.forEach((n, i) => {
      params[n] = decodeURIComponent(m[i + 1]);
    });
    return { route: r, params };
  }
  return allowed.length ? { allowed } : undefined;
}

export const ok = (body: unknown, status = 200): Reply => ({ status, body });
export const noContent = (): Reply => ({ status: 204 });

/** A page of `items` with an absolute nextLink carrying a skip token, the way ARM pages. */
export function page<T>(ctx: Ctx, items: T[], map: (t: T) => unknown): Reply {
  const size = ctx.sim.opts.pageSize;
  const skip = Number(ctx.query.get('$skipToken') ?? ctx.query.get('$skiptoken') ?? 0) || 0;
  const top = Number(ctx.query.get('$top') ?? 0) || 0;
  const limit = top > 0 ? top : size;
  const slice = items.slice(skip, skip + limit);
  const body: { value: unknown[]; nextLink?: string } = { value: slice.map(map) };
  if (skip + limit < items.length) {
    const q = new URLSearchParams(ctx.query);
    q.delete('$skiptoken');
    q.set('$skipToken', String(skip + limit));
    body.nextLink = `${ctx.baseUrl}${ctx.path}?${q.toString()}`;
  }
  return ok(body);
}
