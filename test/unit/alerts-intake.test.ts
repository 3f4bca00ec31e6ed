import { afterSlice, DEFAULT_INTAKE_POLICY, firstSlice, guardDaysFor, initialWatermark } from '../../src/alerts/intake';

const policy = { ...DEFAULT_INTAKE_POLICY, limit: 100, maxLimit: 400, maxSlices: 5 };
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
    expect(step).toEqual({ watermark: '2026-01-09T23:55:00.000Z', stop: 'caught-up' });
  });

  it('never moves the watermark back when only overlap rows were read', () => {
    const step = afterSlice(W, firstSlice(W, now, policy), { rows: 2, maxIngestedAt: '2026-01-09T23:45:00.000Z', partial: false }, 0, policy, now);
    expect(step.watermark).toBe(W);
  });

  it('an empty slice keeps the watermark', () => {
    expect(afterSlice(W, firstSlice(W, now, policy), { rows: 0, partial: false }, 0, policy, now)).toEqual({ watermark: W, stop: 'caught-up' });
  });

  it('a partial answer keeps the watermark', () => {
    expect(afterSlice(W, firstSlice(W, now, policy), { rows: 100, maxIngestedAt: '2026-01-09T23:59:00.000Z', partial: true }, 0, policy, now)).toEqual({ watermark: W, stop: 'partial' });
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
    expect(first).toEqual({ watermark: W, next: { watermark: '2026-01-09T23:44:59.999Z', overlapMinutes: 0, limit: 100, guardDays: 3 } });
    const second = afterSlice(W, first.next!, { rows: 100, maxIngestedAt: '2026-01-09T23:58:00.000Z', partial: false }, 0, { ...policy, maxSlices: 1 }, now);
    expect(second).toEqual({ watermark: '2026-01-09T23:57:59.999Z', stop: 'budget' });
  });

  it('stops after the slice budget, keeping what is certain', () => {
    const step = afterSlice(W, firstSlice(W, now, policy), { rows: 100, maxIngestedAt: '2026-01-09T23:56:00.000Z', partial: false }, 4, policy, now);
    expect(step).toEqual({ watermark: '2026-01-09T23:55:59.999Z', stop: 'budget' });
  });

  it('a first poll looks back a bounded window', () => {
    expect(initialWatermark(now, policy)).toBe('2026-01-09T23:00:00.000Z');
  });
});
