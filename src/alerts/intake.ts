// Watermark arithmetic for reading SecurityAlert in slices (reference/domain.md §4.4). Pure: the poller does the I/O.

export interface IntakePolicy {
  /** Re-read this much before the watermark on every poll: late commits land behind it. */
  overlapMinutes: number;
  /** Rows per query; a full slice means more rows wait behind it. Small enough to bound memory on both ends. */
  limit: number;
  /** Upper bound for `limit` when one instant holds more rows than a slice (the query builder allows 10,000). */
  maxLimit: number;
  /** Floor when partial answers (result too large) halve the limit; a partial answer this small is not about size. */
  minLimit: number;
  /** Slices per poll that move the watermark before yielding to the next tick (catch-up continues there). */
  maxSlices: number;
  /** Where a first ever poll starts, looking back from now. */
  initialLookbackMinutes: number;
}

export const DEFAULT_INTAKE_POLICY: IntakePolicy = { overlapMinutes: 10, limit: 2000, maxLimit: 10_000, minLimit: 100, maxSlices: 30, initialLookbackMinutes: 60 };

/** MDC replaces a TimeGenerated more than 2 days before ingestion, so 3 days covers a live poll; catch-up widens it. */
const MIN_GUARD_DAYS = 3;
const DAY_MS = 86_400_000;

export function initialWatermark(now: Date, policy: IntakePolicy): string {
  return new Date(now.getTime() - policy.initialLookbackMinutes * 60_000).toISOString();
}

/**
 * TimeGenerated guard in days: wide enough that nothing the slice reads (ingested after the watermark minus the
 * overlap) is pruned, since a row's TimeGenerated is at most 2 days before its ingestion.
 */
export function guardDaysFor(watermark: string, overlapMinutes: number, now: Date): number {
  const behind = Math.max(0, now.getTime() - Date.parse(watermark) + overlapMinutes * 60_000);
  return Math.max(MIN_GUARD_DAYS, Math.ceil(behind / DAY_MS) + 2);
}

/** How a slice went, as far as its row limit is concerned. */
export type SliceResult =
  /** Read whole (short, empty, or full and moving the window on). */
  | 'complete'
  /** The service answered with part of the data, e.g. the result exceeded its size limits. */
  | 'partial'
  /** Full, and every row sits at the window's first instant: the window cannot move without a larger limit. */
  | 'all-overlap';

export interface SliceLimit {
  limit: number;
  /** Smallest limit answered partially in this poll: no later step goes back up to it. */
  partialAt?: number;
}

/**
 * The row limit after a slice, or undefined when no limit can read the window whole. Partial halves (not below
 * minLimit); all-overlap doubles (up to maxLimit); complete lets a reduced limit climb back one doubling at a time, so
 * one dense stretch does not slow intake for good, and keeps a raised one for the rest of the poll. Neither doubling
 * reaches a limit already answered partially in this poll, so halving and doubling cannot alternate forever.
 */
export function nextLimit(current: SliceLimit, result: 'complete', policy: IntakePolicy): SliceLimit;
export function nextLimit(current: SliceLimit, result: SliceResult, policy: IntakePolicy): SliceLimit | undefined;
export function nextLimit(current: SliceLimit, result: SliceResult, policy: IntakePolicy): SliceLimit | undefined {
  const { limit, partialAt } = current;
  const state = (n: number, at = partialAt): SliceLimit => (at === undefined ? { limit: n } : { limit: n, partialAt: at });
  const allowed = (n: number) => n > limit && (partialAt === undefined || n < partialAt);
  if (result === 'partial') {
    if (limit <= policy.minLimit) return undefined;
    return state(Math.max(policy.minLimit, Math.floor(limit / 2)), Math.min(limit, partialAt ?? limit));
  }
  if (result === 'all-overlap') {
    const raised = Math.min(policy.maxLimit, limit * 2);
    return allowed(raised) ? state(raised) : undefined;
  }
  const recovered = Math.min(policy.limit, limit * 2);
  return state(allowed(recovered) ? recovered : limit);
}

export interface SliceRequest extends SliceLimit {
  watermark: string;
  overlapMinutes: number;
  guardDays: number;
}

export interface SliceOutcome {
  rows: number;
  /** Newest ingestion time in the slice, when it had rows. */
  maxIngestedAt?: string;
  /** The service answered with part of the data (PartialFailure). */
  partial: boolean;
}

export interface SliceStep {
  /** The watermark that is now certain (never beyond what was read, never "now"). */
  watermark: string;
  /** Row limit for the next slice, in this poll or, remembered with the watermark, the next one. */
  limit: number;
  /** The next slice to read in this poll, or undefined when done. */
  next?: SliceRequest;
  /** Why the poll stops: caught up, partial data (no smaller limit left, or out of budget), or the per-poll slice budget. */
  stop?: 'caught-up' | 'partial' | 'budget';
}

/** `remembered` is a limit reduced by partial answers at this watermark in an earlier poll. */
export function firstSlice(watermark: string, now: Date, policy: IntakePolicy, remembered?: number): SliceRequest {
  const limit = Math.min(policy.limit, remembered ?? policy.limit);
  return { watermark, overlapMinutes: policy.overlapMinutes, limit, guardDays: guardDaysFor(watermark, policy.overlapMinutes, now) };
}

function later(a: string, b: string): string {
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/**
 * After one slice: a partial answer keeps the watermark (what is missing is unknown) and reads the same window again
 * with half the limit; a short slice is the end and the watermark moves to its newest row; a full slice continues just
 * below its newest row (rows sharing that instant may have been cut off), without overlap, and doubles the limit if it
 * made no progress. The limit itself follows nextLimit.
 *
 * `spent` counts the earlier slices of this poll that moved the watermark or came back partial (an oversized query is
 * the expensive kind). Slices that only re-read the overlap don't spend the budget: every poll starts there, so an
 * overlap denser than the budget would otherwise stall catch-up.
 */
export function afterSlice(current: string, request: SliceRequest, outcome: SliceOutcome, spent: number, policy: IntakePolicy, now: Date): SliceStep {
  if (outcome.partial) {
    const smaller = nextLimit(request, 'partial', policy);
    if (!smaller) return { watermark: current, limit: request.limit, stop: 'partial' };
    if (spent + 1 >= policy.maxSlices) return { watermark: current, limit: smaller.limit, stop: 'partial' };
    return { watermark: current, limit: smaller.limit, next: { ...request, ...smaller } };
  }
  const settled = nextLimit(request, 'complete', policy);
  if (!outcome.maxIngestedAt) return { watermark: current, limit: settled.limit, stop: 'caught-up' };
  if (outcome.rows < request.limit) return { watermark: later(current, outcome.maxIngestedAt), limit: settled.limit, stop: 'caught-up' };
  const cursor = new Date(Date.parse(outcome.maxIngestedAt) - 1).toISOString();
  const lowerBound = Date.parse(request.watermark) - request.overlapMinutes * 60_000;
  if (Date.parse(cursor) > lowerBound) {
    const watermark = later(current, cursor);
    if (watermark !== current && spent + 1 >= policy.maxSlices) return { watermark, limit: settled.limit, stop: 'budget' };
    return { watermark, limit: settled.limit, next: { ...settled, watermark: cursor, overlapMinutes: 0, guardDays: guardDaysFor(cursor, 0, now) } };
  }
  // Every row sits at one instant: the same window again with room for all of them.
  const wider = nextLimit(request, 'all-overlap', policy);
  if (!wider) return { watermark: current, limit: request.limit, stop: request.partialAt === undefined ? 'budget' : 'partial' };
  return { watermark: current, limit: wider.limit, next: { ...request, ...wider } };
}
