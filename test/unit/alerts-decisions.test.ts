import { channelsFor, effectiveRoutes, meetsThreshold, routeMatches, type AlertRoute } from '../../src/alerts/routes';
import { classifyRow } from '../../src/alerts/classify';
import { decidePoll } from '../../src/alerts/decide';
import { cardButtons, statusAfter, actionForButton } from '../../src/alerts/card';
import { actorExplains, describeStatusChange } from '../../src/alerts/change';
import { cardNeedsSync, incidentKey } from '../../src/alerts/sync';
import { SEVERITIES } from '../../src/config';
import type { Severity } from '../../src/domain/types';
import { alert, SUB_A, SUB_B } from './alerts-fixtures';

const route = (r: Partial<AlertRoute>): AlertRoute => ({ id: 'r', channel: 'C1', minSeverity: 'High', ...r });

describe('thresholds', () => {
  it('posts at or above the minimum severity', () => {
    expect(meetsThreshold('High', 'High')).toBe(true);
    expect(meetsThreshold('Medium', 'High')).toBe(false);
    expect(meetsThreshold('High', 'Low')).toBe(true);
    expect(meetsThreshold('Low', 'Low')).toBe(true);
  });

  it('never passes Informational unless the threshold names it', () => {
    for (const min of SEVERITIES) expect(meetsThreshold('Informational', min)).toBe(min === 'Informational');
    expect(meetsThreshold('Low', 'Informational')).toBe(true);
  });
});

describe('routes', () => {
  it('falls back to the configured channel and threshold only when no route exists', () => {
    expect(effectiveRoutes([], { channel: 'C_SOC', minSeverity: 'High' })).toEqual([{ id: 'default', channel: 'C_SOC', minSeverity: 'High' }]);
    expect(effectiveRoutes([], { minSeverity: 'High' })).toEqual([]);
    const r = route({ channel: 'C_OPS' });
    expect(effectiveRoutes([r], { channel: 'C_SOC', minSeverity: 'High' })).toEqual([r]);
  });

  it('filters by subscription, case-insensitively, using the resource id when needed', () => {
    const r = route({ subscriptionIds: [SUB_A.toUpperCase()] });
    expect(routeMatches(r, alert())).toBe(true);
    expect(routeMatches(r, alert({ subscriptionId: SUB_B, resourceId: `/subscriptions/${SUB_B}/x` }))).toBe(false);
    expect(routeMatches(r, alert({ subscriptionId: undefined, resourceId: `/subscriptions/${SUB_A}/rg` }))).toBe(true);
    expect(routeMatches(r, alert({ subscriptionId: undefined, resourceId: undefined }))).toBe(false);
  });

  it('sends one message per channel even when several routes match', () => {
    const routes = [route({ id: 'a', channel: 'C1', minSeverity: 'Low' }), route({ id: 'b', channel: 'C1' }), route({ id: 'c', channel: 'C2', minSeverity: 'Medium' })];
    expect(channelsFor(alert({ severity: 'High' }), routes)).toEqual(['C1', 'C2']);
    expect(channelsFor(alert({ severity: 'Low' }), routes)).toEqual(['C1']);
    expect(channelsFor(alert({ severity: 'Informational' }), routes)).toEqual([]);
  });
});

describe('classifyRow', () => {
  const seen = { lastStatus: 'New' as const, lastIngestedAt: '2026-01-01T00:00:10.000Z' };

  it('is new when the channel has never seen the alert', () => {
    expect(classifyRow(alert(), undefined)).toEqual({ kind: 'new' });
  });

  it('is changed when a newer row carries another status', () => {
    expect(classifyRow(alert({ status: 'Resolved', ingestedAt: '2026-01-01T00:01:00Z' }), seen)).toEqual({
      kind: 'changed', statusFrom: 'New', statusTo: 'Resolved', incidentChanged: false,
    });
  });

  it('ignores re-read rows from the overlap window even if their status differs from a click', () => {
    const clicked = { ...seen, lastStatus: 'Resolved' as const };
    expect(classifyRow(alert({ status: 'New', ingestedAt: seen.lastIngestedAt }), clicked)).toEqual({ kind: 'ignored', reason: 'already-seen' });
    expect(classifyRow(alert({ status: 'Resolved', ingestedAt: '2026-01-01T00:05:00Z' }), clicked)).toEqual({ kind: 'ignored', reason: 'unchanged' });
  });

  it('treats a new or changed incident as a change without a status change', () => {
    const a = alert({ ingestedAt: seen.lastIngestedAt, incident: { id: 'inc-1', status: 'New' } });
    expect(classifyRow(a, seen)).toEqual({ kind: 'changed', incidentChanged: true });
    expect(classifyRow(a, { ...seen, incidentId: 'inc-1', incidentStatus: 'New' }).kind).toBe('ignored');
  });
});

describe('decidePoll', () => {
  const routes = [route({ channel: 'C_SOC', minSeverity: 'High' }), route({ id: 'ops', channel: 'C_OPS', minSeverity: 'Medium' })];

  it('splits rows into new per channel, changes and ignored', () => {
    const high = alert({ severity: 'High' });
    const medium = alert({ severity: 'Medium' });
    const info = alert({ severity: 'Informational' });
    const changed = alert({ severity: 'High', status: 'Resolved', ingestedAt: '2026-01-02T00:00:00Z' });
    const seen = new Map([[`C_SOC/${changed.systemAlertId}`, { lastStatus: 'New' as const, lastIngestedAt: '2026-01-01T00:00:00Z' }]]);
    const decision = decidePoll([high, medium, info, changed], routes, {
      seen: (c, id) => seen.get(`${c}/${id}`),
      channelsSeen: (id) => (id === changed.systemAlertId ? ['C_SOC'] : []),
    });
    expect(decision.newByChannel.get('C_SOC')?.map((a) => a.systemAlertId)).toEqual([high.systemAlertId]);
    expect(decision.newByChannel.get('C_OPS')?.map((a) => a.systemAlertId)).toEqual([high.systemAlertId, medium.systemAlertId, changed.systemAlertId]);
    expect(decision.changes).toEqual([{ channel: 'C_SOC', alert: changed, statusFrom: 'New', statusTo: 'Resolved', incidentChanged: false }]);
    expect(decision.ignored).toBe(1);
  });

  it('keeps updating a channel whose route was removed, but never posts new alerts there', () => {
    const a = alert({ status: 'Dismissed', ingestedAt: '2026-01-03T00:00:00Z' });
    const decision = decidePoll([a, alert()], [], {
      seen: (c, id) => (c === 'C_OLD' && id === a.systemAlertId ? { lastStatus: 'New', lastIngestedAt: '2026-01-01T00:00:00Z' } : undefined),
      channelsSeen: (id) => (id === a.systemAlertId ? ['C_OLD'] : []),
    });
    expect(decision.newByChannel.size).toBe(0);
    expect(decision.changes.map((c) => [c.channel, c.statusTo])).toEqual([['C_OLD', 'Dismissed']]);
  });
});

describe('card state', () => {
  it('swaps Resolve/Dismiss with Reopen and offers Close incident only for open incidents', () => {
    expect(cardButtons('New')).toEqual(['resolve', 'dismiss']);
    expect(cardButtons('InProgress')).toEqual(['resolve', 'dismiss']);
    expect(cardButtons('Resolved')).toEqual(['reopen']);
    expect(cardButtons('Dismissed', { status: 'Active' })).toEqual(['reopen', 'closeIncident']);
    expect(cardButtons('New', { status: 'Closed' })).toEqual(['resolve', 'dismiss']);
  });

  it('maps buttons to Defender actions and the status SecurityAlert will show', () => {
    expect(actionForButton('reopen')).toBe('activate');
    expect(statusAfter('activate')).toBe('New');
    expect(statusAfter('resolve')).toBe('Resolved');
    expect(statusAfter('dismiss')).toBe('Dismissed');
  });
});

describe('change descriptions', () => {
  const now = new Date('2026-01-01T01:00:00Z');
  it('names the clicker only for the status they asked for, within a day', () => {
    const actor = { userId: 'U1', expectedStatus: 'Resolved' as const, at: '2026-01-01T00:59:00Z' };
    expect(actorExplains(actor, 'Resolved', now)).toBe(true);
    expect(actorExplains(actor, 'Dismissed', now)).toBe(false);
    expect(actorExplains({ ...actor, at: '2025-12-30T00:00:00Z' }, 'Resolved', now)).toBe(false);
    expect(describeStatusChange('New', 'Resolved', actor)).toBe('Status changed: *Active* → *Resolved* by <@U1>.');
    expect(describeStatusChange('Resolved', 'New', undefined)).toBe('Status changed: *Resolved* → *Active* in Defender for Cloud.');
    expect(describeStatusChange('New', 'Resolved', { userId: 'U2', at: now.toISOString(), incident: { number: 7, classification: 'TruePositive' } })).toBe(
      'Status changed: *Active* → *Resolved* after <@U2> closed incident #7 as TruePositive.',
    );
  });
});

describe('cardNeedsSync', () => {
  it('is true for unposted cards, stale statuses and stale incident info; never for digested alerts', () => {
    expect(cardNeedsSync({ mode: 'card', lastStatus: 'New' })).toBe(true);
    expect(cardNeedsSync({ mode: 'card', ts: '1.1', lastStatus: 'New', renderedStatus: 'New', renderedIncident: '' })).toBe(false);
    expect(cardNeedsSync({ mode: 'card', ts: '1.1', lastStatus: 'Resolved', renderedStatus: 'New' })).toBe(true);
    expect(cardNeedsSync({ mode: 'card', ts: '1.1', lastStatus: 'New', renderedStatus: 'New', incidentId: 'i', incidentStatus: 'New', renderedIncident: '' })).toBe(true);
    expect(cardNeedsSync({ mode: 'card', ts: '1.1', lastStatus: 'New', renderedStatus: 'New', incidentId: 'i', incidentStatus: 'New', renderedIncident: incidentKey('i', 'New') })).toBe(false);
    expect(cardNeedsSync({ mode: 'digest', lastStatus: 'Resolved' })).toBe(false);
  });
});

describe('every severity', () => {
  it.each(SEVERITIES.map((s) => [s]))('%s reaches only channels whose threshold it meets', (severity) => {
    const routes = SEVERITIES.map((min, i) => route({ id: `r${i}`, channel: `C_${min}`, minSeverity: min as Severity }));
    const channels = channelsFor(alert({ severity: severity as Severity }), routes);
    const rank = SEVERITIES.indexOf(severity);
    const expected = SEVERITIES.filter((min, i) => (severity === 'Informational' ? min === 'Informational' : i <= rank)).map((m) => `C_${m}`);
    expect(channels.sort()).toEqual(expected.sort());
  });
});
