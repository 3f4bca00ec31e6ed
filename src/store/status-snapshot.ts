// The last TenantStatus a status job produced. Paging, filtering and App Home re-render from it, never from Azure.
import type { TenantStatus } from '../domain/types';
import type { Redis } from './redis';

export interface StatusSnapshotStore {
  save(status: TenantStatus): Promise<void>;
  load(): Promise<TenantStatus | undefined>;
}

export function createStatusSnapshotStore(redis: Redis, prefix: string): StatusSnapshotStore {
  const key = `${prefix}:status:snapshot`;
  return {
    async save(status) {
      await redis.set(key, JSON.stringify(status));
    },
    async load() {
      const raw = await redis.get(key);
      return raw ? (JSON.parse(raw) as TenantStatus) : undefined;
    },
  };
}
