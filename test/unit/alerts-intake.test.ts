import { afterSlice, DEFAULT_INTAKE_POLICY, firstSlice, guardDaysFor, initialWatermark, nextLimit, type SliceLimit, type SliceResult } from '../../src/alerts/intake';

const policy = { ...DEFAULT_INTAKE_POLICY, limit: 100, maxLimit: 400, minLimit: 10, maxSlices: 5 };
const now = new Date('2026-01-10T00:00:00Z');
const W = '2026-01-09T23:50:00.000Z';

describe('intake slices', () => {
  it('starts with the overlap and a guard of at least 3 days', () => {
    expect(firstSlice(W, now, policy)).toEqual({ watermark: W, overlapMinutes: 10, limit: 100, guardDays: 3 });
  });

  it('widens the TimeGenerated guard when catching up after downtime', () => {
    expect(guardDaysFor('2026-01-01T00:00:00Z', 0, now)).toBe(11);
    expect(guardDaysFor(W, 10, now)).toBe(3);
  });

  it('the guard also covers the overlap read before the watermark', () => {
    // One day minus five minutes behind: rows ingested in the overlap are more than a day old, so 3 days is too short.
    expect(guardDaysFor('2026-01-09T00:05:00.000Z', 0, now)).toBe(3);
    expect(guardDaysFor('2026-01-09T00:05:00.000Z', 10, now)).toBe(4);
  });

  it('a short slice ends the poll and moves the watermark to its newest row, never to now', () => {
    const step = afterSlice(W, firstSlice(W, now, policy), { rows: 3, maxIngestedAt: '2026-01-09T23:55:00.000Z', partial: false }, 0, policy, now);
    expect(step).toEqual({ watermark: '2026-01-09T23:55:00.000Z', limit: 100, stop: 'caught-up' });
  });

  it('never moves the watermark back when only overlap rows were read', () => {
    const step = afterSlice(W, firstSlice(W, now, policy), { rows: 2, maxIngestedAt: '2026-01-09T23:45:00.000Z', partial: false }, 0, policy, now);
    expect(step.watermark).toBe(W);
  });

  it('an empty slice keeps the watermark', () => {
    expect(afterSlice(W, firstSlice(W, now, policy), { rows: 0, partial: false }, 0, policy, now)).toEqual({ watermark: W, limit: 100, stop: 'caught-up' });
  });

  it('a partial answer keeps the watermark and reads the same window again with half the limit', () => {
    const step = afterSlice(W, firstSlice(W, now, policy), { rows: 100, maxIngestedAt: '2026-01-09T23:59:00.000Z', partial: true }, 0, policy, now);
    expect(step).toEqual({ watermark: W, limit: 50, next: { ...firstSlice(W, now, policy), limit: 50, partialAt: 100 } });
  });

  it('a partial answer out of budget, or at the floor, stops the poll; the smaller limit is what to remember', () => {
    const partial = { rows: 7, maxIngestedAt: '2026-01-09T23:59:00.000Z', partial: true };
    expect(afterSlice(W, firstSlice(W, now, policy), partial, 4, policy, now)).toEqual({ watermark: W, limit: 50, stop: 'partial' });
    expect(afterSlice(W, firstSlice(W, now, policy, 10), partial, 0, policy, now)).toEqual({ watermark: W, limit: 10, stop: 'partial' });
  });

  it('a partial answer spends the budget: a poll cannot spend it all on oversized queries and never move', () => {
    const request = { ...firstSlice(W, now, policy), limit: 50, partialAt: 100 };
    const step = afterSlice(W, request, { rows: 50, maxIngestedAt: '2026-01-09T23:56:00.000Z', partial: false }, 1, { ...policy, maxSlices: 2 }, now);
    expect(step).toEqual({ watermark: '2026-01-09T23:55:59.999Z', limit: 50, stop: 'budget' });
  });

  it('starts from a remembered reduced limit, never above the configured one', () => {
    expect(firstSlice(W, now, policy, 25).limit).toBe(25);
    expect(firstSlice(W, now, policy, 800).limit).toBe(100);
  });

  it('a complete slice after partial ones continues at the reduced limit in this poll', () => {
    const request = { ...firstSlice(W, now, policy), limit: 25, partialAt: 50 };
    const step = afterSlice(W, request, { rows: 25, maxIngestedAt: '2026-01-09T23:56:00.000Z', partial: false }, 2, policy, now);
    expect(step.next).toEqual({ watermark: '2026-01-09T23:55:59.999Z', overlapMinutes: 0, limit: 25, partialAt: 50, guardDays: 3 });
    const caughtUp = afterSlice(W, request, { rows: 3, maxIngestedAt: '2026-01-09T23:56:00.000Z', partial: false }, 2, policy, now);
    expect(caughtUp).toEqual({ watermark: '2026-01-09T23:56:00.000Z', limit: 25, stop: 'caught-up' });
  });

  it('a dense instant that needs a limit already answered partially stops instead of alternating', () => {
    // The window's first instant holds 25+ rows and 50 rows come back partial: no limit reads it whole.
    const request = { watermark: W, overlapMinutes: 0, limit: 25, partialAt: 50, guardDays: 3 };
    const step = afterSlice(W, request, { rows: 25, maxIngestedAt: '2026-01-09T23:50:00.000Z', partial: false }, 2, policy, now);
    expect(step).toEqual({ watermark: W, limit: 25, stop: 'partial' });
  });

  it('a full slice continues just below its newest row without overlap', () => {
    const step = afterSlice(W, firstSlice(W, now, policy), { rows: 100, maxIngestedAt: '2026-01-09T23:56:00.000Z', partial: false }, 0, policy, now);
    expect(step.watermark).toBe('2026-01-09T23:55:59.999Z');
    expect(step.next).toEqual({ watermark: '2026-01-09T23:55:59.999Z', overlapMinutes: 0, limit: 100, guardDays: 3 });
  });

  it('doubles the limit when every row of a full slice shares one instant', () => {
    const req = { watermark: '2026-01-09T23:55:59.999Z', overlapMinutes: 0, limit: 100, guardDays: 3 };
    const step = afterSlice(W, req, { rows: 100, maxIngestedAt: '2026-01-09T23:56:00.000Z', partial: false }, 1, policy, now);
    expect(step.next).toEqual({ ...req, limit: 200 });
    const capped = afterSlice(W, { ...req, limit: 400 }, { rows: 400, maxIngestedAt: '2026-01-09T23:56:00.000Z', partial: false }, 1, policy, now);
    expect(capped.stop).toBe('budget');
  });

  it('slices that only re-read the overlap do not spend the budget, so catch-up always moves the watermark', () => {
    const first = afterSlice(W, firstSlice(W, now, policy), { rows: 100, maxIngestedAt: '2026-01-09T23:45:00.000Z', partial: false }, 0, { ...policy, maxSlices: 1 }, now);
    expect(first).toEqual({ watermark: W, limit: 100, next: { watermark: '2026-01-09T23:44:59.999Z', overlapMinutes: 0, limit: 100, guardDays: 3 } });
    const second = afterSlice(W, first.next!, { rows: 100, maxIngestedAt: '2026-01-09T23:58:00.000Z', partial: false }, 0, { ...policy, maxSlices: 1 }, now);
    expect(second).toEqual({ watermark: '2026-01-09T23:57:59.999Z', limit: 100, stop: 'budget' });
  });

  it('stops after the slice budget, keeping what is certain', () => {
    const step = afterSlice(W, firstSlice(W, now, policy), { rows: 100, maxIngestedAt: '2026-01-09T23:56:00.000Z', partial: false }, 4, policy, now);
    expect(step).toEqual({ watermark: '2026-01-09T23:55:59.999Z', limit: 100, stop: 'budget' });
  });

  it('a first poll looks back a bounded window', () => {
    expect(initialWatermark(now, policy)).toBe('2026-01-09T23:00:00.000Z');
  });
});

describe('slice row limit', () => {
  /** Feeds outcomes one after another from a fresh poll at `limit`; undefined marks "no limit can read the window". */
  function run(limit: number, results: SliceResult[]): (number | undefined)[] {
    let state: SliceLimit | undefined = { limit };
    return results.map((r) => (state = state && nextLimit(state, r, policy))?.limit);
  }

  it('halves on every partial answer down to the floor, then has nothing left to try', () => {
    expect(run(100, ['partial', 'partial', 'partial', 'partial', 'partial'])).toEqual([50, 25, 12, 10, undefined]);
  });

  it('climbs back one doubling per complete slice, never above the configured limit', () => {
    expect(run(12, ['complete', 'complete', 'complete', 'complete'])).toEqual([24, 48, 96, 100]);
  });

  it('in a poll, never climbs back to a limit that came back partial', () => {
    expect(run(100, ['partial', 'complete', 'complete', 'partial', 'complete'])).toEqual([50, 50, 50, 25, 25]);
  });

  it('doubles for a dense instant up to maxLimit, and keeps a raised limit after a complete slice', () => {
    expect(run(100, ['all-overlap', 'all-overlap', 'complete', 'all-overlap'])).toEqual([200, 400, 400, undefined]);
  });

  it('cannot alternate between doubling for a dense instant and halving for a partial answer', () => {
    expect(run(100, ['all-overlap', 'partial', 'all-overlap'])).toEqual([200, 100, undefined]);
    expect(run(100, ['partial', 'all-overlap'])).toEqual([50, undefined]);
    // Every sequence of outcomes that never moves the window ends within a few steps.
    for (const results of [['all-overlap', 'partial'], ['partial', 'all-overlap'], ['all-overlap', 'all-overlap', 'partial']] as SliceResult[][]) {
      const steps = run(100, Array.from({ length: 60 }, (_, i) => results[i % results.length]));
      expect(steps.indexOf(undefined)).toBeGreaterThan(-1);
      expect(steps.indexOf(undefined)).toBeLessThan(10);
    }
  });

  it('a fresh poll forgets which limit came back partial, so it tries one doubling again', () => {
    expect(run(50, ['complete', 'partial', 'complete'])).toEqual([100, 50, 50]);
  });
});
