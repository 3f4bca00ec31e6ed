// What the Slack side remembers about a job: the request it enqueued (so "Retry failed" can repeat it with the same
// parameters), the final result (so the retry takes the failed ids from here, not from the click), and the progress
// message (so every update edits the same message).
import type { BulkResult } from '../domain/types';
import type { JobRequest } from '../ports';
import type { Redis } from '../store/redis';

const TTL_SECONDS = 7 * 24 * 3600;

export interface ProgressMessage {
  channel: string;
  ts: string;
}

export interface JobRecords {
  saveRequest(jobId: string, request: JobRequest): Promise<void>;
  request(jobId: string): Promise<JobRequest | undefined>;
  saveResult(jobId: string, result: BulkResult): Promise<void>;
  result(jobId: string): Promise<BulkResult | undefined>;
  /** Claims the right to post the progress message; false when another writer already claimed it. */
  claimMessage(jobId: string): Promise<boolean>;
  saveMessage(jobId: string, message: ProgressMessage): Promise<void>;
  message(jobId: string): Promise<ProgressMessage | undefined>;
  releaseMessage(jobId: string): Promise<void>;
}

export function createJobRecords(redis: Redis, prefix: string): JobRecords {
  const key = (jobId: string): string => `${prefix}:slack:job:${jobId}`;
  const put = async (jobId: string, field: string, value: unknown): Promise<void> => {
    await redis.multi().hset(key(jobId), field, JSON.stringify(value)).expire(key(jobId), TTL_SECONDS).exec();
  };
  const get = async <T>(jobId: string, field: string): Promise<T | undefined> => {
    const raw = await redis.hget(key(jobId), field);
    return raw && raw !== 'claimed' ? (JSON.parse(raw) as T) : undefined;
  };
  return {
    // The response_url is a short-lived bearer capability: it is not kept beyond the job's own payload.
    saveRequest: (jobId, request) => put(jobId, 'request', { ...request, reply: { ...request.reply, responseUrl: undefined } }),
    request: (jobId) => get<JobRequest>(jobId, 'request'),
    saveResult: (jobId, result) => put(jobId, 'result', result),
    result: (jobId) => get<BulkResult>(jobId, 'result'),
    async claimMessage(jobId) {
      const claimed = await redis.hsetnx(key(jobId), 'message', 'claimed');
      await redis.expire(key(jobId), TTL_SECONDS);
      return claimed === 1;
    },
    saveMessage: (jobId, message) => put(jobId, 'message', message),
    message: (jobId) => get<ProgressMessage>(jobId, 'message'),
    async releaseMessage(jobId) {
      await redis.hdel(key(jobId), 'message');
    },
  };
}
