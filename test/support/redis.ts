// Each test file gets its own key prefix on the shared test Redis and removes its keys afterwards.
import { randomUUID } from 'node:crypto';
import { createRedis, type Redis } from '../../src/store/redis';

export { clearPrefix as cleanPrefix } from '../../sim/local-redis';

export function redisUrl(): string {
  return process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
}

export function testPrefix(name: string): string {
  return `{t-${name}-${randomUUID().slice(0, 8)}}`;
}

export async function withRedis(): Promise<Redis> {
  return createRedis(redisUrl(), 'worker');
}
