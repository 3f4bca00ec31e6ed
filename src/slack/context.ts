// What every listener (and every registrar, e.g. alert-card actions) gets: config, the job seam, stores, authz, audit.
import type { Config } from '../config';
import type { Logger } from '../log';
import type { JobPort } from '../ports';
import { createAuditStore, type AuditStore } from '../store/audit';
import type { Redis } from '../store/redis';
import { createRouteStore, type RouteStore } from '../store/routes';
import { createStatusSnapshotStore, type StatusSnapshotStore } from '../store/status-snapshot';
import { createSubscriptionsCache, type SubscriptionsCache } from '../store/subscriptions-cache';
import type { Authz } from './authz';
import { createJobRecords, type JobRecords } from './job-records';

export interface SlackStores {
  routes: RouteStore;
  snapshot: StatusSnapshotStore;
  subscriptions: SubscriptionsCache;
  jobRecords: JobRecords;
}

export interface SlackAppContext {
  config: Config;
  jobs: JobPort;
  redis: Redis;
  logger: Logger;
  /** `config.redis.prefix`; every key this app writes starts with it and a colon. */
  prefix: string;
  authz: Authz;
  audit: AuditStore;
  stores: SlackStores;
}

export function createStores(redis: Redis, prefix: string): SlackStores & { audit: AuditStore } {
  return {
    routes: createRouteStore(redis, prefix),
    snapshot: createStatusSnapshotStore(redis, prefix),
    subscriptions: createSubscriptionsCache(redis, prefix),
    jobRecords: createJobRecords(redis, prefix),
    audit: createAuditStore(redis, prefix),
  };
}
