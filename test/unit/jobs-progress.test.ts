import { countOutcomes, orderResults, summarize } from '../../src/jobs/bulk-progress';
import { lockHoldAfterSend, nextSendDelay, retryAfterLockMs } from '../../src/jobs/progress-throttle';
import { writeLimiter } from '../../src/jobs/queues';
import type { ChangeResult } from '../../src/domain/types';

describe('progress throttle', () => {
  it('sends the first update at once', () => {
    expect(nextSendDelay({ pending: true, sending: false }, 1000)).toBe(0);
  });

  it('waits out the interval since the last send', () => {
    expect(nextSendDelay({ pending: true, sending: false, lastSentAt: 1000 }, 1300, 1000)).toBe(700);
    expect(nextSendDelay({ pending: true, sending: false, lastSentAt: 1000 }, 2500, 1000)).toBe(0);
  });

  it('does nothing when nothing is pending or a send is in flight (it reschedules itself)', () => {
    expect(nextSendDelay({ pending: false, sending: false, lastSentAt: 1000 }, 1300)).toBeNull();
    expect(nextSendDelay({ pending: true, sending: true, lastSentAt: 1000 }, 1300)).toBeNull();
  });

  it('holds the shared lock for the rest of the interval after a send', () => {
    expect(lockHoldAfterSend(1000, 1200, 1000)).toBe(800);
    expect(lockHoldAfterSend(1000, 2400, 1000)).toBe(0);
  });

  it('retries a held lock when it expires, briefly when it has no expiry yet', () => {
    expect(retryAfterLockMs(640, 1000)).toBe(640);
    expect(retryAfterLockMs(-2, 1000)).toBe(50);
    expect(retryAfterLockMs(100_000)).toBe(30_000);
  });

  it('never sends more than once per interval over a stream of changes', () => {
    const sends: number[] = [];
    const state = { pending: false, sending: false, lastSentAt: undefined as number | undefined };
    for (let now = 0; now < 10_000; now += 37) {
      state.pending = true;
      if (nextSendDelay(state, now, 1000) === 0) {
        sends.push(now);
        state.lastSentAt = now;
        state.pending = false;
      }
    }
    for (let i = 1; i < sends.length; i++) expect(sends[i] - sends[i - 1]).toBeGreaterThanOrEqual(1000);
    expect(sends.length).toBeGreaterThanOrEqual(9);
  });
});

describe('bulk summaries', () => {
  const results: ChangeResult[] = [
    { subscriptionId: 'b', displayName: 'Beta', outcome: 'changed', detail: '' },
    { subscriptionId: 'a', displayName: 'Alpha', outcome: 'failed', detail: '' },
    { subscriptionId: 'c', outcome: 'unchanged', detail: '' },
  ];

  it('counts outcomes', () => {
    expect(countOutcomes(results)).toEqual({ changed: 1, unchanged: 1, failed: 1, 'would-change': 0 });
  });

  it('summarizes finished and cancelled runs', () => {
    expect(summarize(results, 3, false)).toBe('1 changed, 1 unchanged, 1 failed (of 3)');
    expect(summarize(results.slice(0, 1), 10, true)).toBe('cancelled after 1 of 10: 1 changed');
  });

  it('orders by name', () => {
    expect(orderResults(results).map((r) => r.subscriptionId)).toEqual(['a', 'b', 'c']);
  });
});

describe('writeLimiter', () => {
  it('opens a window of the whole bucket each time the bucket has refilled', () => {
    expect(writeLimiter({ burst: 200, perSecond: 10 })).toEqual({ max: 200, duration: 20_000 });
  });
});
