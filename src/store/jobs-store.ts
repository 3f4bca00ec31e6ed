// Redis state around jobs that BullMQ does not keep for us: who asked, per-subscription results of a bulk run,
// the progress message, cancel flags, the final result behind "Retry failed", and the short-lived response_url.
import type { BulkResult, ChangeResult } from '../domain/types';
import type { JobKind, JobRequest } from '../ports';
import type { Redis } from './redis';

const WEEK_S = 7 * 24 * 3600;
/** Slack's response_url is valid for 30 minutes; it is a bearer secret, so it never enters job data. */
const RESPONSE_URL_TTL_S = 30 * 60;
const RECENT_LIMIT = 500;

/** A request as stored with its job: everything except the response_url. */
export type StoredRequest = Omit<JobRequest, 'reply'> & { reply: Omit<JobRequest['reply'], 'responseUrl'> };

export interface FinalBulkRecord {
  request: StoredRequest;
  result: BulkResult & { jobId: string };
  cancelled: boolean;
  finishedAt: string;
}

export interface StoredSummary {
  jobId: string;
  kind: JobKind;
  queue: string;
  requestedBy: string;
  targets: number;
  createdAt: string;
  finishedAt?: string;
  summary?: string;
  cancelled: boolean;
}

export function withoutResponseUrl(request: JobRequest): StoredRequest {
  const { responseUrl: _secret, ...reply } = request.reply;
  return { ...request, reply };
}

/** Lua: extend the progress lock only while we still own it (another sender may hold it after expiry). */
const RELEASE_LOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  if tonumber(ARGV[2]) > 0 then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
  return redis.call('DEL', KEYS[1])
end
return 0`;

export class JobStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(...parts: string[]): string {
    return [this.prefix, 'jobs', ...parts].join(':');
  }

  async saveSummary(summary: StoredSummary, createdAtMs: number): Promise<void> {
    await this.redis
      .multi()
      .hset(this.key('summary', summary.jobId), {
        kind: summary.kind,
        queue: summary.queue,
        requestedBy: summary.requestedBy,
        targets: String(summary.targets),
        createdAt: summary.createdAt,
        cancelled: '0',
      })
      .hdel(this.key('summary', summary.jobId), 'finishedAt', 'summary')
      .expire(this.key('summary', summary.jobId), WEEK_S)
      .zadd(this.key('recent'), createdAtMs, summary.jobId)
      .zremrangebyrank(this.key('recent'), 0, -(RECENT_LIMIT + 1))
      .exec();
  }

  async updateSummary(jobId: string, fields: Partial<Pick<StoredSummary, 'targets' | 'finishedAt' | 'summary' | 'cancelled'>>): Promise<void> {
    const values: Record<string, string> = {};
    if (fields.targets !== undefined) values.targets = String(fields.targets);
    if (fields.finishedAt !== undefined) values.finishedAt = fields.finishedAt;
    if (fields.summary !== undefined) values.summary = fields.summary;
    if (fields.cancelled !== undefined) values.cancelled = fields.cancelled ? '1' : '0';
    if (Object.keys(values).length) await this.redis.hset(this.key('summary', jobId), values);
  }

  /** Most recent first. */
  async recentSummaries(limit: number): Promise<StoredSummary[]> {
    const ids = await this.redis.zrevrange(this.key('recent'), 0, Math.max(0, limit - 1));
    if (!ids.length) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hgetall(this.key('summary', id));
    const rows = (await pipeline.exec()) ?? [];
    const summaries: StoredSummary[] = [];
    ids.forEach((jobId, i) => {
      const row = rows[i]?.[1] as Record<string, string> | undefined;
      if (!row || !row.kind) return;
      summaries.push({
        jobId,
        kind: row.kind as JobKind,
        queue: row.queue,
        requestedBy: row.requestedBy,
        targets: Number(row.targets ?? 0),
        createdAt: row.createdAt,
        finishedAt: row.finishedAt || undefined,
        summary: row.summary || undefined,
        cancelled: row.cancelled === '1',
      });
    });
    return summaries;
  }

  async responseUrl(jobId: string): Promise<string | undefined> {
    return (await this.redis.get(this.key('response-url', jobId))) ?? undefined;
  }

  async requestCancel(jobId: string, by: string): Promise<void> {
    await this.redis.set(this.key('cancel', jobId), by, 'EX', WEEK_S);
  }

  async isCancelled(jobId: string): Promise<boolean> {
    return (await this.redis.exists(this.key('cancel', jobId))) === 1;
  }

  /** Forgets a finished run before the same job id runs again and keeps the new response_url, in one round trip. */
  async prepareRun(jobId: string, responseUrl?: string): Promise<void> {
    const tx = this.redis.multi().del(this.key('cancel', jobId), this.key('bulk', jobId, 'results'), this.key('bulk', jobId, 'meta'));
    if (responseUrl) tx.set(this.key('response-url', jobId), responseUrl, 'EX', RESPONSE_URL_TTL_S);
    await tx.exec();
  }

  async recordResult(jobId: string, result: ChangeResult): Promise<void> {
    const key = this.key('bulk', jobId, 'results');
    await this.redis.multi().hset(key, result.subscriptionId.toLowerCase(), JSON.stringify(result)).expire(key, WEEK_S).exec();
  }

  async resultFor(jobId: string, subscriptionId: string): Promise<ChangeResult | undefined> {
    const raw = await this.redis.hget(this.key('bulk', jobId, 'results'), subscriptionId.toLowerCase());
    return raw ? (JSON.parse(raw) as ChangeResult) : undefined;
  }

  async results(jobId: string): Promise<ChangeResult[]> {
    const all = await this.redis.hvals(this.key('bulk', jobId, 'results'));
    return all.map((raw) => JSON.parse(raw) as ChangeResult);
  }

  async resultCount(jobId: string): Promise<number> {
    return this.redis.hlen(this.key('bulk', jobId, 'results'));
  }

  /** `context` is the JSON the progress renderer needs (action, requester, reply target without response_url). */
  async setMeta(jobId: string, fields: { total?: number; context?: string; final?: boolean }): Promise<void> {
    const values: Record<string, string> = {};
    if (fields.total !== undefined) values.total = String(fields.total);
    if (fields.context !== undefined) values.context = fields.context;
    if (fields.final !== undefined) values.final = fields.final ? '1' : '0';
    const key = this.key('bulk', jobId, 'meta');
    await this.redis.multi().hset(key, values).expire(key, WEEK_S).exec();
  }

  async meta(jobId: string): Promise<{ total?: number; context?: string; final: boolean }> {
    const row = await this.redis.hgetall(this.key('bulk', jobId, 'meta'));
    return { total: row.total ? Number(row.total) : undefined, context: row.context || undefined, final: row.final === '1' };
  }

  async saveFinal(record: FinalBulkRecord): Promise<void> {
    await this.redis.set(this.key('result', record.result.jobId), JSON.stringify(record), 'EX', WEEK_S);
  }

  /** The final result of a bulk job, e.g. for the "Retry failed" button. */
  async final(jobId: string): Promise<FinalBulkRecord | undefined> {
    const raw = await this.redis.get(this.key('result', jobId));
    return raw ? (JSON.parse(raw) as FinalBulkRecord) : undefined;
  }

  /** One sender per progress message at a time, across processes. */
  async acquireProgressLock(jobId: string, token: string, holdMs: number): Promise<boolean> {
    return (await this.redis.set(this.key('progress-lock', jobId), token, 'PX', holdMs, 'NX')) === 'OK';
  }

  /** Keep the lock `keepMs` longer so the next sender waits out the minimum interval; 0 releases at once. */
  async releaseProgressLock(jobId: string, token: string, keepMs: number): Promise<void> {
    await this.redis.eval(RELEASE_LOCK, 1, this.key('progress-lock', jobId), token, String(Math.max(0, Math.ceil(keepMs))));
  }

  async progressLockTtl(jobId: string): Promise<number> {
    return this.redis.pttl(this.key('progress-lock', jobId));
  }
}
