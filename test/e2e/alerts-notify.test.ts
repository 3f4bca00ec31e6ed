// Alerts created through the Azure simulator reach the right Slack channels once, and follow their status in place.
import { blockText, buttonIds, startHarness, SUBS, type Harness } from './alerts-harness';

const SEVERITIES = ['High', 'Medium', 'Low', 'Informational'] as const;

describe('alert notifications end to end', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  it('with no route, posts High alerts once to ALERT_CHANNEL and nothing below the threshold', async () => {
    h = await startHarness('notify-default');
    h.createAlerts(SEVERITIES.map((severity) => ({ subscriptionId: SUBS.payments, severity, displayName: `${severity} alert` })));
    await h.pollAndSettle();
    const cards = h.cards('C_SOC');
    expect(cards.map((m) => m.text)).toEqual([expect.stringContaining('[High] High alert')]);
    await h.pollAndSettle();
    await h.pollAndSettle();
    expect(h.cards('C_SOC')).toHaveLength(1);
    expect(h.slack.messages('C_OPS')).toHaveLength(0);
  });

  it('routes choose channel, threshold and subscriptions; Informational only where asked; each alert once per channel', async () => {
    h = await startHarness('notify-routes');
    await h.addRoute('C_SOC', 'High');
    await h.addRoute('C_OPS', 'Medium', [SUBS.web]);
    await h.addRoute('C_OPS', 'Low', [SUBS.web]);
    const created = h.createAlerts([
      ...SEVERITIES.map((severity) => ({ subscriptionId: SUBS.payments, severity, displayName: `payments ${severity}` })),
      ...SEVERITIES.map((severity) => ({ subscriptionId: SUBS.web, severity, displayName: `web ${severity}` })),
    ]);
    expect(created.every((c) => c.forwarded)).toBe(true);
    await h.pollAndSettle();
    await h.pollAndSettle();
    const soc = h.cards('C_SOC').map((m) => m.text).sort();
    const ops = h.cards('C_OPS').map((m) => m.text).sort();
    expect(soc).toEqual([expect.stringContaining('payments High'), expect.stringContaining('web High')]);
    expect(ops).toEqual([expect.stringContaining('web High'), expect.stringContaining('web Low'), expect.stringContaining('web Medium')]);
    expect([...soc, ...ops].some((t) => t.includes('Informational'))).toBe(false);
  });

  it('Informational is posted when a route explicitly asks for it', async () => {
    h = await startHarness('notify-info');
    await h.addRoute('C_OPS', 'Informational');
    h.createAlerts([{ subscriptionId: SUBS.payments, severity: 'Informational', displayName: 'fyi' }]);
    await h.pollAndSettle();
    expect(h.cards('C_OPS').map((m) => m.text)).toEqual([expect.stringContaining('[Informational] fyi')]);
  });

  it('status changes in Defender update the same message and add a thread reply, never a new post', async () => {
    h = await startHarness('notify-status');
    const [a] = h.createAlerts([{ subscriptionId: SUBS.payments, severity: 'High', displayName: 'Crypto mining' }]);
    await h.pollAndSettle();
    const [card] = h.cards('C_SOC');
    expect(buttonIds(card)).toEqual(['alert.resolve', 'alert.dismiss']);

    for (const status of ['InProgress', 'Resolved', 'Active'] as const) {
      h.azure.setAlertStatus(a.name, status);
      await h.pollAndSettle();
    }
    const cards = h.cards('C_SOC');
    expect(cards).toHaveLength(1);
    expect(cards[0].ts).toBe(card.ts);
    expect(cards[0].edits.length).toBeGreaterThanOrEqual(3);
    expect(buttonIds(cards[0])).toEqual(['alert.resolve', 'alert.dismiss']);
    expect(cards[0].replies?.map((r) => r.text)).toEqual([
      'Status changed: *Active* → *In progress* in Defender for Cloud.',
      'Status changed: *In progress* → *Resolved* in Defender for Cloud.',
      'Status changed: *Resolved* → *Active* in Defender for Cloud.',
    ]);
    expect(blockText(cards[0])).toContain('Active');
  });
});
