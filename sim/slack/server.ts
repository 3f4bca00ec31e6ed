/**
 * One node:http server for everything: the Web API under /api/, response_urls and the control API under /_sim/.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { handleControl } from './control';
import { serveEventStream } from './events';
import type { ResponseUrls } from './responseurl';
import type { SlackSim } from './sim';
import { handleWebApi, SUPPORTED_METHODS, type WebApiOptions } from './webapi';

export interface ServerDeps {
  sim: () => SlackSim;
  webApi: WebApiOptions;
  responseUrls: ResponseUrls;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Access-Control-Allow-Origin': '*' });
  res.end(JSON.stringify(body));
}

export function createSimServer(deps: ServerDeps): Server {
  return createServer((req, res) => {
    route(deps, req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: err instanceof Error ? err.message : String(err) });
      else res.end();
    });
  });
}

async function route(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sim');
  const method = req.method ?? 'GET';
  if (method === 'OPTIONS') {
    // Lets a browser demo page on another origin call the control API.
    res.writeHead(204, { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'GET, POST', 'Access-Control-Allow-Headers': 'Content-Type' });
    res.end();
    return;
  }
  if (url.pathname.startsWith('/api/')) {
    handleWebApi(deps.webApi, url.pathname.slice('/api/'.length), req, res, await readBody(req));
    return;
  }
  const response = /^\/_sim\/response\/([\w-]+)$/.exec(url.pathname);
  if (response && method === 'POST') {
    deps.responseUrls.handle(response[1], req, res, await readBody(req));
    return;
  }
  if (url.pathname === '/_sim/stream' && method === 'GET') {
    serveEventStream(deps.sim().workspace.bus, req, res);
    return;
  }
  if (url.pathname.startsWith('/_sim/')) {
    const out = await handleControl(deps.sim(), method, url, await readBody(req));
    sendJson(res, out.status, out.body);
    return;
  }
  if (url.pathname === '/' && method === 'GET') {
    sendJson(res, 200, { name: 'slack-sim', webApi: '/api/{method}', methods: SUPPORTED_METHODS, control: '/_sim/*', stream: '/_sim/stream' });
    return;
  }
  sendJson(res, 404, { error: 'not_found' });
}
