// What a job carries in Redis: ids and small parameters, never tokens (the response_url is kept aside, see JobStore).
import type { JobKind } from '../ports';
import type { StoredRequest } from '../store/jobs-store';

/** A request as queued, for both operations and bulk parents. */
export interface RequestJobData {
  request: StoredRequest;
  /** Enqueue time (ms); names this run's children so a later run of the same job id never collides with them. */
  run: number;
  /** Tells a concurrent duplicate enqueue apart from our own. */
  requestId: string;
  /** Bulk parents only: how far the parent got, so a restarted parent resumes instead of planning again. */
  step?: 'plan' | 'wait';
}

export type PerSubscriptionKind = Extract<JobKind, 'connect' | 'disconnect' | 'sync' | 'register-provider'>;

/** One subscription of a bulk run. */
export interface BulkItemJobData {
  parentId: string;
  /** The parent's run: per-run caches (the connector snapshot) never outlive it. */
  run: number;
  kind: PerSubscriptionKind;
  subscriptionId: string;
  /** For the message only. */
  displayName?: string;
  dryRun: boolean;
  /** sync only: the requested state. */
  enabled?: boolean;
}

/** What a child returns to its parent when it did not write (cancelled before it started). */
export interface SkippedItem {
  skipped: 'cancelled';
  subscriptionId: string;
}
