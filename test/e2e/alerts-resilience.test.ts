// Restarts, crashes between post and record, several workers, the scheduler, storms and Slack 429s:
// every alert is posted once or counted in a digest, never twice and never silently dropped.
import { createAlertStore } from '../../src/store/alerts';
import { FAST, startHarness, SUBS, type Harness } from './alerts-harness';

const ids = (h: Harness, channel: string) => h.cards(channel).map((m) => m.metadata?.event_payload?.systemAlertId as string);

describe('alert notifications: resilience', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  it('restarting the worker mid-stream neither loses nor repeats an alert', async () => {
    h = await startHarness('resilience-restart');
    const first = h.createAlerts(Array.from({ length: 6 }, (_, i) => ({ subscriptionId: SUBS.payments, severity: 'High' as const, displayName: `wave1-${i}` })));
    await h.alerting.pollOnce();
    // Paced at 1/s: stop while most cards are still queued.
    await h.slack.waitFor(() => h.cards('C_SOC').length >= 2, 10_000);
    await h.alerting.close();
    const beforeRestart = h.cards('C_SOC').length;
    expect(beforeRestart).toBeLessThan(6);
    const second = h.createAlerts(Array.from({ length: 3 }, (_, i) => ({ subscriptionId: SUBS.web, severity: 'High' as const, displayName: `wave2-${i}` })));

    await h.startAlertingAgain();
    await h.pollAndSettle();
    await h.pollAndSettle();
    const posted = ids(h, 'C_SOC');
    expect(posted).toHaveLength(9);
    expect(new Set(posted)).toEqual(new Set([...first, ...second].map((a) => a.systemAlertId)));
  });

  it('a post that reached Slack but not the store is found via conversations.history, not posted again', async () => {
    h = await startHarness('resilience-reconcile');
    const [a] = h.createAlerts([{ subscriptionId: SUBS.payments, severity: 'High' }]);
    await h.pollAndSettle();
    const [card] = h.cards('C_SOC');
    // Crash window: the post happened, the ts was never recorded.
    await h.alerting.store.updateRecord('C_SOC', a.systemAlertId, { pendingSince: new Date(Date.now() - 5000).toISOString() }, ['ts', 'renderedStatus']);
    await h.pollAndSettle();
    expect(h.cards('C_SOC')).toHaveLength(1);
    expect((await h.alerting.store.getRecord('C_SOC', a.systemAlertId))?.ts).toBe(card.ts);
    expect(h.slack.calls('conversations.history').length).toBeGreaterThan(0);
  });

  it('the scheduler polls on its own, and two workers with their own schedulers never double-post', async () => {
    h = await startHarness('resilience-scheduler', { ...FAST, scheduler: true, pollEveryMs: 300 });
    const first = h.alerting;
    await h.startAlertingAgain({ ...FAST, scheduler: true, pollEveryMs: 300 });
    const created = h.createAlerts(Array.from({ length: 4 }, (_, i) => ({ subscriptionId: SUBS.payments, severity: 'High' as const, displayName: `sched-${i}` })));
    await h.slack.waitFor(() => h.cards('C_SOC').length >= 4, 15_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(ids(h, 'C_SOC').sort()).toEqual(created.map((c) => c.systemAlertId).sort());
    await first.close();
  });

  it('a storm becomes one digest plus cards for the highest severity; every alert is accounted for in the store', async () => {
    h = await startHarness('resilience-storm', { ...FAST, storm: { cardLimit: 3, stormCards: 2 } });
    const created = h.createAlerts([
      ...Array.from({ length: 4 }, (_, i) => ({ subscriptionId: SUBS.payments, severity: 'High' as const, displayName: `high-${i}` })),
      ...Array.from({ length: 16 }, (_, i) => ({ subscriptionId: SUBS.payments, severity: 'Medium' as const, displayName: `medium-${i % 3}` })),
      ...Array.from({ length: 5 }, () => ({ subscriptionId: SUBS.payments, severity: 'Informational' as const })),
    ]);
    await h.addRoute('C_SOC', 'Medium');
    await h.pollAndSettle();
    const digests = h.slack.messages('C_SOC').filter((m) => m.metadata?.event_type === 'sentinel_alert_digest');
    expect(digests).toHaveLength(1);
    expect(h.cards('C_SOC')).toHaveLength(2);
    expect(h.cards('C_SOC').every((m) => m.text.startsWith('[High]'))).toBe(true);
    expect(digests[0].text).toContain('18');

    const store = createAlertStore(h.redis, h.prefix);
    const routed = created.filter((c) => c.severity !== 'Informational');
    const records = await Promise.all(routed.map((c) => store.getRecord('C_SOC', c.systemAlertId)));
    expect(records.filter((r) => r?.mode === 'card')).toHaveLength(2);
    expect(records.filter((r) => r?.mode === 'digest')).toHaveLength(18);

    // A counted alert changes status: the digest is updated in place, nothing new is posted.
    const digested = routed.find((c, i) => records[i]?.mode === 'digest')!;
    h.azure.setAlertStatus(digested.name, 'Resolved');
    await h.pollAndSettle();
    const after = h.slack.messages('C_SOC').filter((m) => m.metadata?.event_type === 'sentinel_alert_digest');
    expect(after).toHaveLength(1);
    expect(JSON.stringify(after[0].blocks)).toContain('Resolved 1');
    expect(h.slack.messages('C_SOC')).toHaveLength(3);
  });

  it('without our pacing, Slack 429s are honoured (Retry-After) and every card still arrives once', async () => {
    h = await startHarness('resilience-429', { ...FAST, pacing: { channelGapMs: 0, workspaceGapMs: 0, updateGapMs: 0 } });
    const created = h.createAlerts(Array.from({ length: 8 }, (_, i) => ({ subscriptionId: SUBS.payments, severity: 'High' as const, displayName: `burst-${i}` })));
    await h.pollAndSettle();
    expect(h.alerting.notifier.stats.rateLimited).toBeGreaterThan(0);
    expect(ids(h, 'C_SOC').sort()).toEqual(created.map((c) => c.systemAlertId).sort());
  });
});
