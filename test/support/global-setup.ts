// Finds a Redis for the test run: REDIS_URL when it answers, else a private redis-server on a free port.
import { ensureRedis, type LocalRedis } from '../../sim/local-redis';

declare global {
  var testRedis: LocalRedis | undefined;
}

export default async function globalSetup(): Promise<void> {
  const redis = await ensureRedis(process.env.REDIS_URL);
  // Read back by global-teardown (jest runs both in the same parent process) and inherited by test workers.
  globalThis.testRedis = redis;
  process.env.REDIS_URL = redis.url;
}
