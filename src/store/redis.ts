import IORedis, { type Redis } from 'ioredis';

/**
 * Workers and queue listeners block on Redis and must never give up a command (BullMQ requires
 * maxRetriesPerRequest: null); request-path producers should fail fast so Slack still gets an answer.
 */
export function createRedis(url: string, purpose: 'worker' | 'producer' = 'worker'): Redis {
  return new IORedis(url, {
    maxRetriesPerRequest: purpose === 'worker' ? null : 1,
    enableOfflineQueue: purpose === 'worker',
    lazyConnect: false,
  });
}

export type { Redis };
