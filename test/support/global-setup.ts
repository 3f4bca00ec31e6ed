// Finds a Redis for the test run: REDIS_URL when it answers, else a private redis-server on a free port.
import { spawn, execFileSync } from 'node:child_process';
import net from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const STATE_FILE = path.join(os.tmpdir(), `sentinel-chatops-test-redis-${process.ppid}-${process.pid}.json`);

function ping(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => done(d.toString().startsWith('+PONG')));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export default async function globalSetup(): Promise<void> {
  const candidate = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (await ping(candidate)) {
    process.env.REDIS_URL = candidate;
    return;
  }
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
  } catch {
    throw new Error('Tests need Redis: set REDIS_URL to a running server, or install redis-server (e.g. `apt-get install -y redis-server`).');
  }
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
    detached: true,
  });
  child.unref();
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50 && !(await ping(url)); i++) await new Promise((r) => setTimeout(r, 100));
  if (!(await ping(url))) throw new Error(`redis-server did not answer on ${url}`);
  fs.writeFileSync(STATE_FILE, JSON.stringify({ pid: child.pid }));
  process.env.REDIS_URL = url;
}

export { STATE_FILE };
