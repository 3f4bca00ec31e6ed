// Alert routing chosen from Slack (`/sentinel notify #channel …`): which channel gets which alerts.
import { randomBytes } from 'node:crypto';
import type { Severity } from '../domain/types';
import type { Redis } from './redis';

export interface AlertRoute {
  id: string;
  channel: string;
  minSeverity: Severity;
  /** Only alerts from these subscriptions; all subscriptions when absent. */
  subscriptionIds?: string[];
  createdBy: string;
  createdAt: string;
}

export interface RouteStore {
  add(route: Omit<AlertRoute, 'id' | 'createdAt'>): Promise<AlertRoute>;
  list(): Promise<AlertRoute[]>;
  get(id: string): Promise<AlertRoute | undefined>;
  remove(id: string): Promise<boolean>;
}

export function createRouteStore(redis: Redis, prefix: string): RouteStore {
  const key = `${prefix}:routes`;
  return {
    async add(input) {
      const route: AlertRoute = { ...input, id: randomBytes(4).toString('hex'), createdAt: new Date().toISOString() };
      await redis.hset(key, route.id, JSON.stringify(route));
      return route;
    },
    async list() {
      const all = await redis.hvals(key);
      return all.map((raw) => JSON.parse(raw) as AlertRoute).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },
    async get(id) {
      const raw = await redis.hget(key, id);
      return raw ? (JSON.parse(raw) as AlertRoute) : undefined;
    },
    async remove(id) {
      return (await redis.hdel(key, id)) > 0;
    },
  };
}
