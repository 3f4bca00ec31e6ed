import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { armError, HttpError, logsError } from './errors';
import { defaultCodeFor, isPartialFault, partialAnswer, type FaultSpec } from './faults';
import { matchRoute, type Area, type Ctx, type Reply, type Route } from './http';
import type { RequestLogEntry } from './requestLog';
import type { Principal } from './state';
import type { BucketKind } from './throttle';
import type { Sim } from './sim';

const ARM_AUDIENCES = new Set(['https://management.azure.com', 'https://management.core.windows.net']);
const LOGS_AUDIENCES = new Set(['https://api.loganalytics.io']);

export interface Listener {
  server: Server;
  url: string;
  close(): Promise<void>;
}

export interface ListenOptions {
  port: number;
  host: string;
  cert: string | Buffer;
  key: string | Buffer;
}

function areaOf(path: string): Area {
  if (path.startsWith('/_sim')) return 'control';
  if (path.startsWith('/v1/')) return 'logs';
  if (/^\/(subscriptions|providers)(\/|$)/i.test(path)) return 'arm';
  return 'entra';
}

function readBody(req: IncomingMessage): Promise<string> {
  if (req.headers['content-length'] === '0' || (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined)) return Promise.resolve('');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseBody(raw: string, contentType: string | undefined, area: Area): unknown {
  if (!raw) return undefined;
  if (contentType?.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
  try {
    return JSON.parse(raw);
  } catch {
    if (area === 'logs') throw logsError(400, 'BadArgumentError', 'The request body is not valid JSON.');
    throw armError(400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized.');
  }
}

function authenticate(sim: Sim, ctx: Ctx, area: 'arm' | 'logs'): Principal {
  const auth = ctx.headers.authorization;
  const fail = (code: string, message: string): HttpError => area === 'arm'
    ? armError(401, code, message, { 'www-authenticate': `Bearer authorization_uri="${ctx.baseUrl}/${sim.state.tenantId}", error="invalid_token", error_description="${message.replace(/"/g, "'")}"` })
    : logsError(401, 'InvalidTokenError', message);
  if (!auth || !/^bearer /i.test(auth)) throw fail('AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.");
  const claims = sim.tokens.verify(auth.slice(7).trim());
  if (!claims) throw fail('InvalidAuthenticationToken', 'The access token is invalid.');
  if (claims.exp * 1000 < Date.now()) {
    throw fail('ExpiredAuthenticationToken', `The access token expiry UTC time '${new Date(claims.exp * 1000).toUTCString()}' is earlier than current UTC time '${new Date().toUTCString()}'.`);
  }
  const aud = claims.aud.replace(/\/+$/, '');
  if (!(area === 'arm' ? ARM_AUDIENCES : LOGS_AUDIENCES).has(aud)) {
    throw fail(area === 'arm' ? 'InvalidAuthenticationTokenAudience' : 'InvalidTokenError', area === 'arm'
      ? `The access token has been obtained for wrong audience or resource '${claims.aud}'. It should exactly match with one of the allowed audiences 'https://management.core.windows.net/','https://management.core.windows.net','https://management.azure.com/','https://management.azure.com'.`
      : 'The provided authentication is not valid for this resource');
  }
  const p = sim.state.principals.get(claims.oid.toLowerCase());
  if (!p || claims.tid.toLowerCase() !== sim.state.tenantId.toLowerCase()) throw fail('InvalidAuthenticationToken', 'The access token is from the wrong issuer or names an unknown principal.');
  return p;
}

function checkApiVersion(ctx: Ctx, route: Route): void {
  if (!route.versions) return;
  const v = ctx.query.get('api-version');
  if (!v) throw armError(400, 'MissingApiVersionParameter', "The api-version query parameter (?api-version=) is required for all requests.");
  if (!route.versions.includes(v)) {
    throw armError(400, 'InvalidApiVersionParameter', `The api-version '${v}' is invalid. The supported versions are '${route.versions.join(',')}'.`);
  }
  ctx.apiVersion = v;
}

const bucketOf = (method: string): BucketKind => (method === 'GET' || method === 'HEAD' ? 'reads' : method === 'DELETE' ? 'deletes' : 'writes');

function faultReply(f: FaultSpec, area: Area): Reply {
  const status = f.status ?? 500;
  const code = f.code ?? defaultCodeFor(status);
  const message = f.message ?? `Injected fault: ${code}.`;
  const headers: Record<string, string> = f.retryAfter !== undefined ? { 'retry-after': String(f.retryAfter) } : {};
  if (area === 'entra') return { status, headers, body: { error: code, error_description: message } };
  if (area === 'logs') return { status, headers, body: logsError(status, code, message).body };
  return { status, headers, body: { error: { code, message } } };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function dispatch(sim: Sim, routes: readonly Route[], req: IncomingMessage, ctx: Ctx): Promise<Reply> {
  const area = areaOf(ctx.path);
  const m = matchRoute(routes, ctx.method, ctx.path);
  if (!m) {
    if (area === 'logs') throw logsError(404, 'PathNotFoundError', `The requested path does not exist: ${ctx.path}`);
    if (area === 'arm') throw armError(404, 'InvalidResourceType', `The resource type could not be found for path '${ctx.path}'.`);
    if (area === 'control') throw new HttpError(404, { error: `no control endpoint ${ctx.method} ${ctx.path}` });
    throw new HttpError(404, { error: 'not_found', error_description: `No endpoint at ${ctx.path}` });
  }
  if (!('route' in m)) {
    if (area === 'arm') throw armError(405, 'MethodNotAllowed', `The requested resource does not support http method '${ctx.method}'.`);
    throw new HttpError(405, { error: { code: 'MethodNotAllowed', message: `Allowed: ${m.allowed.join(', ')}` } });
  }
  const { route, params } = m;
  ctx.params = params;
  ctx.log.operation = route.op;
  const subId = /^\/subscriptions\/([^/]+)/i.exec(ctx.path)?.[1];
  if (subId) ctx.log.subscriptionId = subId;
  ctx.body = parseBody(await readBody(req), req.headers['content-type'], area);
  if (area === 'control') return route.handler(ctx);
  if (route.area === 'arm' || route.area === 'logs') {
    ctx.principal = authenticate(sim, ctx, route.area);
    ctx.log.principal = ctx.principal.objectId;
  }
  if (ctx.method === 'PUT' || ctx.method === 'POST' || ctx.method === 'PATCH') ctx.log.body = route.area === 'entra' ? undefined : ctx.body;
  if (route.area === 'arm') {
    checkApiVersion(ctx, route);
    ctx.log.apiVersion = ctx.apiVersion;
  }
  const fault = sim.faults.match(ctx.method, ctx.path, subId, route.op === 'logs.query');
  if (fault) {
    ctx.log.fault = fault.id;
    if (fault.latencyMs) await sleep(fault.latencyMs);
    if (fault.status) return faultReply(fault, route.area);
  }
  let rateHeaders: Record<string, string> = {};
  if (route.area === 'arm' && ctx.principal) {
    const kind = bucketOf(ctx.method);
    const scope = subId ? `subscription-${kind}` : `tenant-${kind}`;
    const d = sim.throttle.take(`${ctx.principal.objectId}|${subId?.toLowerCase() ?? 'tenant'}`, kind);
    rateHeaders = { [`x-ms-ratelimit-remaining-${scope}`]: String(d.remaining) };
    if (!d.allowed) {
      ctx.log.throttled = true;
      throw armError(429, 'TooManyRequests',
        `The request is being throttled as the limit has been reached for operation type - ${kind === 'reads' ? 'Read' : kind === 'writes' ? 'Write' : 'Delete'}. For more information, see - https://aka.ms/srpthrottlinglimits`,
        { ...rateHeaders, 'retry-after': String(d.retryAfterSec) });
    }
  }
  const reply = await route.handler(ctx);
  if (route.op === 'logs.query' && reply.status === 200) {
    const answer = reply.body as Parameters<typeof partialAnswer>[1];
    const partial = fault && isPartialFault(fault) ? fault : sim.faults.oversized(ctx.method, ctx.path, subId, Math.max(0, ...answer.tables.map((t) => t.rows.length)));
    if (partial) {
      ctx.log.fault = partial.id;
      reply.body = partialAnswer(partial, answer);
    }
  }
  reply.headers = { ...rateHeaders, ...reply.headers };
  return reply;
}

function write(res: ServerResponse, reply: Reply, requestId: string): void {
  const headers: Record<string, string> = { 'x-ms-request-id': requestId, 'x-ms-correlation-request-id': requestId, ...reply.headers };
  if (reply.status === 204 || reply.body === undefined) {
    res.writeHead(reply.status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(reply.body);
  headers['content-type'] = 'application/json; charset=utf-8';
  headers['content-length'] = String(Buffer.byteLength(text));
  res.writeHead(reply.status, headers);
  res.end(text);
}

export function listen(sim: Sim, routes: readonly Route[], o: ListenOptions): Promise<Listener> {
  const server = createServer({ cert: o.cert, key: o.key, keepAlive: true }, (req, res) => {
    const t0 = performance.now();
    const url = req.url ?? '/';
    const qi = url.indexOf('?');
    const rawPath = qi < 0 ? url : url.slice(0, qi);
    const path = rawPath.replace(/\/{2,}/g, '/').replace(/(.)\/$/, '$1');
    const method = req.method ?? 'GET';
    const query = new URLSearchParams(qi < 0 ? '' : url.slice(qi + 1));
    const log: RequestLogEntry = { seq: 0, time: new Date().toISOString(), method, path: rawPath, query: Object.fromEntries(query), status: 0, durationMs: 0 };
    const ctx: Ctx = { sim, method, path, query, params: {}, headers: req.headers, body: undefined, baseUrl: `https://${req.headers.host ?? `127.0.0.1:${o.port}`}`, apiVersion: '', log };
    const requestId = randomUUID();
    const finish = (reply: Reply): void => {
      if (!res.headersSent) write(res, reply, requestId);
      if (areaOf(path) === 'control') return;
      log.seq = sim.log.nextSeq();
      log.status = reply.status;
      log.durationMs = Math.round((performance.now() - t0) * 1000) / 1000;
      sim.log.push(log);
    };
    dispatch(sim, routes, req, ctx).then(finish, (err: unknown) => {
      if (err instanceof HttpError) finish({ status: err.status, body: err.body, headers: err.headers });
      else {
        const message = err instanceof Error ? err.message : String(err);
        finish({ status: 500, body: areaOf(path) === 'entra' ? { error: 'server_error', error_description: message } : { error: { code: 'InternalServerError', message } } });
      }
    });
  });
  // Loopback benchmarks hold many keep-alive sockets; don't let Node's defaults close them mid-run.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => {
      const addr = server.address() as AddressInfo;
      const host = o.host.includes(':') ? `[${o.host}]` : o.host;
      resolve({
        server,
        url: `https://${host}:${addr.port}`,
        close: () => new Promise<void>((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
      });
    });
  });
}
