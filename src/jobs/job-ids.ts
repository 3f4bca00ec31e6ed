// Deterministic job ids: the same request while queued or running maps to the same job, so a repeat joins it.
import { createHash } from 'node:crypto';
import type { JobKind, JobRequest } from '../ports';

/** Kinds that write one thing per subscription and run as a parent with one child per subscription. */
export const PER_SUBSCRIPTION_KINDS: ReadonlySet<JobKind> = new Set<JobKind>(['connect', 'disconnect', 'sync', 'register-provider']);

export function isPerSubscriptionKind(kind: JobKind): boolean {
  return PER_SUBSCRIPTION_KINDS.has(kind);
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** Stable JSON: object keys sorted, so {a,b} and {b,a} hash alike. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** BullMQ ids may not contain ':' nor be all digits; subscription ids are GUIDs, anything else is hashed. */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

function safePart(id: string): string {
  return SAFE_ID.test(id) && !/^\d+$/.test(id) ? id.toLowerCase() : `h${shortHash(id)}`;
}

/** The state a write asks for is part of its identity: "sync on" and "sync off" are different jobs. */
export function actionOf(request: Pick<JobRequest, 'kind' | 'params'>): string {
  if (request.kind === 'sync') return request.params?.enabled === false ? 'sync-off' : 'sync-on';
  if (request.kind === 'incidents') return request.params?.enabled === false ? 'incidents-off' : 'incidents-on';
  return request.kind;
}

export function uniqueSorted(ids: readonly string[]): string[] {
  return [...new Set(ids.map((id) => id.toLowerCase()))].sort();
}

/**
 * connect-<subId>, sync-off-<subId>, connect-all, connect-b<hash of sorted ids>; "-dry" marks dry runs.
 * Reads are keyed by everything they depend on, including where the answer goes, so a double click joins
 * but two people asking each get their answer.
 */
export function jobIdFor(request: JobRequest): string {
  const action = actionOf(request) + (request.dryRun ? '-dry' : '');
  if (isPerSubscriptionKind(request.kind)) {
    if (request.all) return `${action}-all`;
    const ids = uniqueSorted(request.subscriptionIds ?? []);
    if (ids.length === 1) return `${action}-${safePart(ids[0])}`;
    return `${action}-b${shortHash(ids.join(','))}`;
  }
  const identity = stableJson({
    subscriptionIds: request.subscriptionIds ? uniqueSorted(request.subscriptionIds) : undefined,
    all: request.all,
    params: request.params,
    channel: request.reply.channel,
    user: request.reply.userId,
    messageTs: request.reply.messageTs,
    threadTs: request.reply.threadTs,
  });
  return `${action}-${shortHash(identity)}`;
}

/** Children of one run of a parent; `run` changes when a finished parent is requested again. */
export function childJobId(parentId: string, run: number, subscriptionId: string): string {
  return `${parentId}-r${run}-${safePart(subscriptionId)}`;
}
