// The seams between the front doors (Slack, CLI), the job runner and the presenter.
// Types only: each side implements or consumes these without importing the other's libraries.
import type {
  AlertRecord,
  BulkResult,
  ChangeResult,
  PrerequisiteReport,
  QueryTable,
  Severity,
  TenantStatus,
} from './domain/types';

export type JobKind =
  | 'status'
  | 'prereqs'
  | 'connect'
  | 'disconnect'
  | 'sync'
  | 'incidents'
  | 'register-provider'
  | 'alerts'
  | 'query';

export interface Requester {
  userId: string;
  teamId?: string;
}

/** Where the outcome of a job is shown. Ids only: never tokens. */
export interface ReplyTarget {
  channel: string;
  /** Message to update in place (e.g. the status view the click came from, or the job's progress message). */
  messageTs?: string;
  threadTs?: string;
  /** Slack response_url, when the request came from a slash command or interaction. */
  responseUrl?: string;
  /** The user who asked: ephemeral replies go to them. */
  userId: string;
}

export interface JobRequest {
  kind: JobKind;
  subscriptionIds?: string[];
  /** `all` targets every subscription the identity can see; resolved in the worker. */
  all?: boolean;
  dryRun?: boolean;
  /** Kind-specific parameters, small and serializable: e.g. {enabled:true}, {severities:[…]}, {alertId, action}. */
  params?: Record<string, unknown>;
  requestedBy: Requester;
  reply: ReplyTarget;
}

export interface EnqueueResult {
  jobId: string;
  /** True when an identical request was already queued or running and this one joined it. */
  joined: boolean;
}

export interface JobSummary {
  jobId: string;
  kind: JobKind;
  state: 'waiting' | 'active' | 'delayed' | 'completed' | 'failed' | 'cancelled' | 'waiting-children' | 'unknown';
  requestedBy: string;
  targets: number;
  progress?: { done: number; total: number };
  createdAt: string;
  finishedAt?: string;
  summary?: string;
}

/** What the web role needs from the job system: it never calls Azure itself. */
export interface JobPort {
  enqueue(request: JobRequest): Promise<EnqueueResult>;
  cancel(jobId: string, by: Requester): Promise<boolean>;
  recent(limit?: number): Promise<JobSummary[]>;
}

export interface ProgressState {
  jobId: string;
  action: string;
  dryRun: boolean;
  total: number;
  results: ChangeResult[];
  finished: boolean;
  cancelled?: boolean;
  requestedBy: string;
}

/** How job outcomes reach people. The Slack implementation renders Block Kit; a test may record calls. */
export interface Presenter {
  /** Posts (first call) or updates (later calls) the progress message of a job; returns its ts. */
  progress(target: ReplyTarget, state: ProgressState): Promise<{ ts?: string }>;
  status(target: ReplyTarget, status: TenantStatus, view?: { page?: number; filter?: string }): Promise<void>;
  prerequisites(target: ReplyTarget, report: PrerequisiteReport): Promise<void>;
  bulkResult(target: ReplyTarget, result: BulkResult & { jobId: string }): Promise<void>;
  alerts(target: ReplyTarget, alerts: AlertRecord[], filter: { severities?: Severity[]; since?: string }): Promise<void>;
  queryResult(target: ReplyTarget, name: string, table: QueryTable): Promise<void>;
  /** A short plain-text message only the requester sees (errors, confirmations); the presenter escapes it. */
  notice(target: ReplyTarget, text: string): Promise<void>;
}
