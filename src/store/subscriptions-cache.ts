// The subscription names the web role resolves `/sentinel connect prod-west` against. Written whenever a status is
// rendered, so it is as fresh as the last status job; the web role never asks Azure.
import type { TenantStatus } from '../domain/types';
import type { Redis } from './redis';

export interface CachedSubscription {
  subscriptionId: string;
  displayName: string;
}

export interface SubscriptionsCache {
  save(subscriptions: readonly CachedSubscription[], at?: string): Promise<void>;
  saveFromStatus(status: TenantStatus): Promise<void>;
  load(): Promise<{ at: string; subscriptions: readonly CachedSubscription[] } | undefined>;
}

export function createSubscriptionsCache(redis: Redis, prefix: string): SubscriptionsCache {
  const key = `${prefix}:subscriptions:cache`;
  // Every named command reads the list; it changes only with a status job, so parse each version once.
  let last: { raw: string; parsed: { at: string; subscriptions: CachedSubscription[] } } | undefined;
  const save = async (subscriptions: readonly CachedSubscription[], at = new Date().toISOString()): Promise<void> => {
    const list = subscriptions.map(({ subscriptionId, displayName }) => ({ subscriptionId, displayName }));
    await redis.set(key, JSON.stringify({ at, subscriptions: list }));
  };
  return {
    save,
    saveFromStatus: (status) => save(status.subscriptions, status.generatedAt),
    async load() {
      const raw = await redis.get(key);
      if (!raw) return undefined;
      if (last?.raw !== raw) last = { raw, parsed: JSON.parse(raw) as { at: string; subscriptions: CachedSubscription[] } };
      return last.parsed;
    },
  };
}
