// Each test file gets its own key prefix on the shared test Redis and removes its keys afterwards.
import { randomUUID } from 'node:crypto';
import { createRedis, type Redis } from '../../src/store/redis';

export function redisUrl(): string {
  return process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
}

export function testPrefix(name: string): string {
  return `{t-${name}-${randomUUID().slice(0, 8)}}`;
}

export async function withRedis(): Promise<Redis> {
  return createRedis(redisUrl(), 'worker');
}

/** Deletes every key under the prefix (SCAN, not KEYS, so a shared Redis is not blocked). */
export async function cleanPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
