// Watermark arithmetic for reading SecurityAlert in slices (reference/domain.md §4.4). Pure: the poller does the I/O.

export interface IntakePolicy {
  /** Re-read this much before the watermark on every poll: late commits land behind it. */
  overlapMinutes: number;
  /** Rows per query; a full slice means more rows wait behind it. Small enough to bound memory on both ends. */
  limit: number;
  /** Upper bound for `limit` when one instant holds more rows than a slice (the query builder allows 10,000). */
  maxLimit: number;
  /** Slices per poll that move the watermark before yielding to the next tick (catch-up continues there). */
  maxSlices: number;
  /** Where a first ever poll starts, looking back from now. */
  initialLookbackMinutes: number;
}

export const DEFAULT_INTAKE_POLICY: IntakePolicy = { overlapMinutes: 10, limit: 2000, maxLimit: 10_000, maxSlices: 30, initialLookbackMinutes: 60 };

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

export interface SliceRequest {
  watermark: string;
  overlapMinutes: number;
  limit: number;
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
  /** The next slice to read in this poll, or undefined when done. */
  next?: SliceRequest;
  /** Why the poll stops: caught up, partial data, or the per-poll slice budget. */
  stop?: 'caught-up' | 'partial' | 'budget';
}

export function firstSlice(watermark: string, now: Date, policy: IntakePolicy): SliceRequest {
  return { watermark, overlapMinutes: policy.overlapMinutes, limit: policy.limit, guardDays: guardDaysFor(watermark, policy.overlapMinutes, now) };
}

function later(a: string, b: string): string {
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/**
 * After one slice: a partial answer keeps the watermark (what is missing is unknown); a short slice is the end and
 * the watermark moves to its newest row; a full slice continues just below its newest row (rows sharing that instant
 * may have been cut off), without overlap, and doubles the limit if it made no progress.
 *
 * `spent` counts the earlier slices of this poll that moved the watermark. Slices that only re-read the overlap don't
 * spend the budget: every poll starts there, so an overlap denser than the budget would otherwise stall catch-up.
 */
export function afterSlice(current: string, request: SliceRequest, outcome: SliceOutcome, spent: number, policy: IntakePolicy, now: Date): SliceStep {
  if (outcome.partial) return { watermark: current, stop: 'partial' };
  if (!outcome.maxIngestedAt) return { watermark: current, stop: 'caught-up' };
  if (outcome.rows < request.limit) return { watermark: later(current, outcome.maxIngestedAt), stop: 'caught-up' };
  const cursor = new Date(Date.parse(outcome.maxIngestedAt) - 1).toISOString();
  const lowerBound = Date.parse(request.watermark) - request.overlapMinutes * 60_000;
  const progressed = Date.parse(cursor) > lowerBound;
  const watermark = later(current, cursor);
  if (watermark !== current && spent + 1 >= policy.maxSlices) return { watermark, stop: 'budget' };
  if (progressed) return { watermark, next: { watermark: cursor, overlapMinutes: 0, limit: request.limit, guardDays: guardDaysFor(cursor, 0, now) } };
  // Every row sits at one instant: the same window again with room for all of them.
  const limit = Math.min(policy.maxLimit, request.limit * 2);
  if (limit === request.limit) return { watermark, stop: 'budget' };
  return { watermark, next: { ...request, limit } };
}
