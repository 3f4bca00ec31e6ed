import { DEFAULT_STORM_POLICY, planChannel } from '../../src/alerts/storm';
import { addToDigest, isDigestOpen, moveDigestStatus, newDigest, OTHER_KEY, topCounts, DIGEST_KEY_LIMIT } from '../../src/alerts/digest';
import type { Severity } from '../../src/domain/types';
import { alert } from './alerts-fixtures';

const now = new Date('2026-01-01T00:10:00Z');

describe('planChannel', () => {
  it('gives every alert a card up to the card limit, most severe first', () => {
    const alerts = [alert({ severity: 'Low' }), alert({ severity: 'High' }), alert({ severity: 'Medium' })];
    const plan = planChannel('C1', alerts);
    expect(plan.cards.map((a) => a.severity)).toEqual(['High', 'Medium', 'Low']);
    expect(plan.digested).toEqual([]);
  });

  it('in a storm, cards only for the highest severity present (capped) and the rest in the digest', () => {
    const sev: Severity[] = ['High', 'High', 'Medium', 'Low'];
    const alerts = Array.from({ length: 40 }, (_, i) => alert({ severity: sev[i % 4] }));
    const plan = planChannel('C1', alerts);
    expect(plan.cards).toHaveLength(DEFAULT_STORM_POLICY.stormCards);
    expect(plan.cards.every((a) => a.severity === 'High')).toBe(true);
    expect(plan.cards.length + plan.digested.length).toBe(40);
    expect(new Set([...plan.cards, ...plan.digested].map((a) => a.systemAlertId)).size).toBe(40);
  });

  it('when the top severity is rare, only those get cards', () => {
    const alerts = [alert({ severity: 'Medium' }), ...Array.from({ length: 30 }, () => alert({ severity: 'Low' }))];
    const plan = planChannel('C1', alerts);
    expect(plan.cards.map((a) => a.severity)).toEqual(['Medium']);
    expect(plan.digested).toHaveLength(30);
  });

  it('accounts for every one of 10,000 alerts', () => {
    const alerts = Array.from({ length: 10_000 }, (_, i) => alert({ severity: (['High', 'Medium', 'Low', 'Informational'] as const)[i % 4] }));
    const plan = planChannel('C1', alerts);
    expect(plan.cards.length + plan.digested.length).toBe(10_000);
  });
});

describe('digest state', () => {
  it('counts by severity, status, name and resource, and moves statuses', () => {
    let d = newDigest('d1', 'C1', now);
    d = addToDigest(d, [alert({ severity: 'High', displayName: 'A' }), alert({ severity: 'Low', displayName: 'A', compromisedEntity: 'vm-2' }), alert({ severity: 'Low', displayName: 'B' })], 2, now);
    expect(d.total).toBe(3);
    expect(d.carded).toBe(2);
    expect(d.bySeverity).toEqual({ High: 1, Medium: 0, Low: 2, Informational: 0 });
    expect(d.byName).toEqual({ A: 2, B: 1 });
    expect(d.byResource).toEqual({ 'vm-1': 2, 'vm-2': 1 });
    expect(d.byStatus).toEqual({ New: 3 });
    d = moveDigestStatus(d, 'New', 'Resolved');
    expect(d.byStatus).toEqual({ New: 2, Resolved: 1 });
  });

  it('keeps a bounded number of distinct names, summing the rest', () => {
    const d = addToDigest(newDigest('d', 'C1', now), Array.from({ length: DIGEST_KEY_LIMIT + 50 }, (_, i) => alert({ displayName: `n${i}` })), 0, now);
    expect(Object.keys(d.byName)).toHaveLength(DIGEST_KEY_LIMIT + 1);
    expect(d.byName[OTHER_KEY]).toBe(50);
    const top = topCounts(d.byName, 3);
    expect(top).toHaveLength(4);
    expect(top[3]).toEqual([OTHER_KEY, DIGEST_KEY_LIMIT - 3 + 50]);
  });

  it('stays open while alerts keep arriving within the window', () => {
    const d = newDigest('d', 'C1', now);
    expect(isDigestOpen(d, new Date(now.getTime() + 60_000))).toBe(true);
    expect(isDigestOpen(d, new Date(now.getTime() + 31 * 60_000))).toBe(false);
    expect(isDigestOpen(undefined, now)).toBe(false);
  });
});

describe('planChannel across slices of one poll', () => {
  it('counts cards from earlier slices against the limits', () => {
    const slice = (n: number) => Array.from({ length: n }, () => alert({ severity: 'High' }));
    expect(planChannel('C1', slice(4), DEFAULT_STORM_POLICY, { cards: 6, storm: false }).cards).toHaveLength(4);
    const storm = planChannel('C1', slice(20), DEFAULT_STORM_POLICY, { cards: 3, storm: false });
    expect(storm.cards).toHaveLength(DEFAULT_STORM_POLICY.stormCards - 3);
    expect(storm.digested).toHaveLength(20 - storm.cards.length);
    expect(planChannel('C1', slice(20), DEFAULT_STORM_POLICY, { cards: 9, storm: true }).cards).toHaveLength(0);
    // A small tail slice after a storm still goes to the digest.
    const tail = planChannel('C1', [alert({ severity: 'Low' })], DEFAULT_STORM_POLICY, { cards: 5, storm: true });
    expect(tail).toEqual({ channel: 'C1', cards: [], digested: [expect.objectContaining({ severity: 'Low' })] });
  });
});
