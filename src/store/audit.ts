// Who asked for what, on which targets, and what happened — for every mutating request, allowed or refused.
// A capped Redis stream: entries are ordered by time, so `--since` is a range query on the stream id.
import type { Redis } from './redis';

export type AuditResult = 'allowed' | 'refused' | 'failed';

export interface AuditEntry {
  /** Slack user id. */
  user: string;
  /** The verb, e.g. `connect`, `sync-on`, `notify`, `job-cancel`. */
  action: string;
  targets: string[];
  result: AuditResult;
  /** Why refused, the job id, or the error. */
  detail?: string;
  /** Where the request came from: `command`, `action`, `home`. */
  source?: string;
}

export interface AuditRecord extends AuditEntry {
  id: string;
  at: string;
}

export interface AuditStore {
  record(entry: AuditEntry): Promise<string>;
  /** Newest first. */
  list(options?: { sinceMs?: number; limit?: number; now?: number }): Promise<AuditRecord[]>;
}

const MAX_LEN = 10_000;

export function createAuditStore(redis: Redis, prefix: string): AuditStore {
  const key = `${prefix}:audit`;
  return {
    async record(entry) {
      const fields = [
        'user', entry.user,
        'action', entry.action,
        'targets', JSON.stringify(entry.targets),
        'result', entry.result,
        'detail', entry.detail ?? '',
        'source', entry.source ?? '',
      ];
      const id = await redis.xadd(key, 'MAXLEN', '~', MAX_LEN, '*', ...fields);
      return id ?? '';
    },
    async list({ sinceMs = 86_400_000, limit = 50, now = Date.now() } = {}) {
      const rows = await redis.xrevrange(key, '+', String(Math.max(0, now - sinceMs)), 'COUNT', limit);
      return rows.map(([id, flat]) => {
        const f: Record<string, string> = {};
        for (let i = 0; i < flat.length; i += 2) f[flat[i]] = flat[i + 1];
        return {
          id,
          at: new Date(Number(id.split('-')[0])).toISOString(),
          user: f.user,
          action: f.action,
          targets: JSON.parse(f.targets || '[]') as string[],
          result: f.result as AuditResult,
          ...(f.detail ? { detail: f.detail } : {}),
          ...(f.source ? { source: f.source } : {}),
        };
      });
    },
  };
}
