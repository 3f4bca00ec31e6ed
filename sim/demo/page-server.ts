/**
 * The demo workspace page: serves sim/demo/public/ and proxies /_sim/* (control API and event stream) to the Slack
 * simulator, so the page is same-origin and the browser only ever talks to one port.
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import path from 'node:path';

const PUBLIC_DIR = path.join(__dirname, 'public');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** What the page shows besides the workspace itself: the first thing to try, channel topics, who can sign in. */
export interface PageInfo {
  hint: string;
  defaultChannel: string;
  topics: Record<string, string>;
  users: string[];
}

export interface PageServerOptions {
  port: number;
  host: string;
  /** Base URL of the Slack simulator, e.g. http://127.0.0.1:4020. */
  slackSimUrl: string;
  info: PageInfo;
}

export interface PageServer {
  url: string;
  close(): Promise<void>;
}

/** The static files, read once: the set is tiny and fixed, and no request path ever reaches the file system. */
function loadAssets(): Map<string, { type: string; body: Buffer }> {
  const assets = new Map<string, { type: string; body: Buffer }>();
  for (const name of fs.readdirSync(PUBLIC_DIR)) {
    const type = TYPES[path.extname(name)];
    if (type) assets.set(`/${name}`, { type, body: fs.readFileSync(path.join(PUBLIC_DIR, name)) });
  }
  const index = assets.get('/index.html');
  if (index) assets.set('/', index);
  return assets;
}

function proxy(target: URL, req: IncomingMessage, res: ServerResponse): void {
  const upstream = request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (up) => {
    res.writeHead(up.statusCode ?? 502, up.headers);
    up.pipe(res);
  });
  upstream.on('error', (err) => {
    if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ error: `slack simulator unreachable: ${err.message}` }));
  });
  // The event stream never ends on its own; drop the upstream side when the browser goes away.
  res.on('close', () => upstream.destroy());
  req.pipe(upstream);
}

export async function startPageServer(opts: PageServerOptions): Promise<PageServer> {
  const assets = loadAssets();
  const info = JSON.stringify(opts.info);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://page');
    if (url.pathname.startsWith('/_sim/')) {
      proxy(new URL(url.pathname + url.search, opts.slackSimUrl), req, res);
      return;
    }
    if (url.pathname === '/demo/info') {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(info);
      return;
    }
    const asset = req.method === 'GET' ? assets.get(url.pathname) : undefined;
    if (!asset) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': asset.type, 'Cache-Control': 'no-cache' });
    res.end(asset.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${opts.host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
