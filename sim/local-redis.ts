/**
 * A Redis for local runs (the demo, the test suite, benchmarks): REDIS_URL when it answers, otherwise a private
 * redis-server from PATH (temp dir, free port, stopped with its owner).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Redis } from 'ioredis';

export class RedisUnavailableError extends Error {}

export interface LocalRedis {
  url: string;
  /** Stops the redis-server started here (no-op for an external one). */
  stop(): Promise<void>;
}

export function ping(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    // A password-protected server answers -NOAUTH: it is there, and ioredis will authenticate from the URL.
    socket.on('data', (d) => done(/^(\+PONG|-NOAUTH)/.test(d.toString())));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function startRedisServer(): Promise<LocalRedis> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sentinel-chatops-redis-'));
  const port = await freePort();
  let child: ChildProcess;
  try {
    // Its own process group: Ctrl-C in a terminal must not kill Redis before the bot has drained its workers.
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
      detached: true,
    });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
  } catch {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new RedisUnavailableError(
      'Redis is needed: set REDIS_URL to a running server, or install redis-server (e.g. `apt-get install -y redis-server` or `brew install redis`).',
    );
  }
  // Whatever way this process ends, the private server goes with it.
  const killOnExit = (): void => {
    child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', killOnExit);
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50 && !(await ping(url)); i++) await new Promise((r) => setTimeout(r, 100));
  const stop = async (): Promise<void> => {
    process.off('exit', killOnExit);
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  if (!(await ping(url))) {
    await stop();
    throw new RedisUnavailableError(`redis-server did not answer on ${url}.`);
  }
  return { url, stop };
}

export async function ensureRedis(url: string | undefined): Promise<LocalRedis> {
  const candidate = url ?? 'redis://127.0.0.1:6379';
  if (await ping(candidate)) return { url: candidate, stop: async () => undefined };
  return startRedisServer();
}

/** Deletes every key under a prefix with SCAN (not KEYS), so a shared Redis is never blocked. */
export async function clearPrefix(redis: Redis, prefix: string): Promise<void> {
  const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    if (keys.length) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}
