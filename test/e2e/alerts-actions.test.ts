// Card buttons clicked through the Slack simulator reach the real Bolt app, change the alert in the Azure simulator,
// and the card follows; closing an incident behaves per bi-directional sync.
import { createAuditStore } from '../../src/store/audit';
import { blockText, buttonIds, startHarness, SUBS, type Harness } from './alerts-harness';

async function until(probe: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('alert card buttons end to end', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  it('Resolve then Reopen by an admin change Defender and the card; the next poll adds nothing', async () => {
    h = await startHarness('actions-resolve');
    const [a] = h.createAlerts([{ subscriptionId: SUBS.payments, severity: 'High', displayName: 'Brute force' }]);
    await h.pollAndSettle();
    const [card] = h.cards('C_SOC');

    const res = await h.slack.action({ user: 'U_ADMIN', channel: 'C_SOC', message_ts: card.ts, action_id: 'alert.resolve' });
    expect(res).toBeDefined();
    await until(() => h.azure.state.alerts.get(a.name.toLowerCase())?.status === 'Resolved');
    await h.alerting.idle();
    let now = h.cards('C_SOC')[0];
    expect(buttonIds(now)).toEqual(['alert.reopen']);
    expect(blockText(now)).toContain('Resolved by <@U_ADMIN>');
    expect(now.replies?.map((r) => r.text)).toEqual(['Status changed: *Active* → *Resolved* by <@U_ADMIN>.']);

    await h.pollAndSettle(); // Defender's Resolved row: already shown
    expect(h.cards('C_SOC')[0].replies).toHaveLength(1);

    await h.slack.action({ user: 'U_ADMIN', channel: 'C_SOC', message_ts: card.ts, action_id: 'alert.reopen' });
    await until(() => h.azure.state.alerts.get(a.name.toLowerCase())?.status === 'Active');
    await h.alerting.idle();
    await h.pollAndSettle();
    now = h.cards('C_SOC')[0];
    expect(h.cards('C_SOC')).toHaveLength(1);
    expect(buttonIds(now)).toEqual(['alert.resolve', 'alert.dismiss']);
    expect(now.replies?.map((r) => r.text)[1]).toBe('Status changed: *Resolved* → *Active* by <@U_ADMIN>.');

    const audit = await createAuditStore(h.redis, h.prefix).list();
    expect(audit.map((e) => [e.user, e.action, e.result])).toEqual(
      expect.arrayContaining([['U_ADMIN', 'alert-resolve', 'allowed'], ['U_ADMIN', 'alert-activate', 'allowed']]),
    );
  });

  it('a non-admin click is refused with an ephemeral, audited, and changes nothing', async () => {
    h = await startHarness('actions-refused');
    const [a] = h.createAlerts([{ subscriptionId: SUBS.payments, severity: 'High' }]);
    await h.pollAndSettle();
    const [card] = h.cards('C_SOC');
    await h.slack.action({ user: 'U_ANALYST', channel: 'C_SOC', message_ts: card.ts, action_id: 'alert.dismiss' });
    await until(() => h.slack.ephemerals('C_SOC', 'U_ANALYST').length > 0);
    expect(h.slack.ephemerals('C_SOC', 'U_ANALYST')[0].text).toContain('Only Sentinel admins');
    await h.alerting.idle();
    expect(h.azure.state.alerts.get(a.name.toLowerCase())?.status).toBe('Active');
    expect(h.cards('C_SOC')[0].edits).toHaveLength(0);
    const audit = await createAuditStore(h.redis, h.prefix).list();
    expect(audit.map((e) => [e.user, e.action, e.result])).toContainEqual(['U_ANALYST', 'alert-dismiss', 'refused']);
  });

  it.each([
    ['on', SUBS.payments, 'Resolved'],
    ['off', SUBS.web, 'Active'],
  ])('Close incident with bi-directional sync %s', async (_sync, subscriptionId, finalStatus) => {
    h = await startHarness(`actions-close-${_sync}`);
    h.enableIncidentRule();
    const [a] = h.createAlerts([{ subscriptionId, severity: 'High', displayName: 'Ransomware indicators' }]);
    await h.pollAndSettle();
    const [card] = h.cards('C_SOC');
    expect(buttonIds(card)).toEqual(['alert.resolve', 'alert.dismiss', 'alert.close_incident']);

    await h.slack.action({ user: 'U_ADMIN', channel: 'C_SOC', message_ts: card.ts, action_id: 'alert.close_incident' });
    const modal = await h.slack.waitFor(() => h.slack.views('U_ADMIN').modals[0]);
    // Classification is a required input: Slack will not even submit the form without it.
    await expect(h.slack.submitView({ user: 'U_ADMIN', view_id: modal.id, values: {} })).rejects.toThrow(/required inputs/);
    await h.slack.submitView({
      user: 'U_ADMIN',
      view_id: modal.id,
      values: { 'close.classification': { 'close.classification_value': 'TruePositive' }, 'close.comment': { 'close.comment_value': 'confirmed' } },
    });
    const incident = [...h.azure.state.workspace.incidents.values()][0];
    await until(() => incident.properties.status === 'Closed');
    expect(incident.properties.classification).toBe('TruePositive');
    await h.alerting.idle();
    // Give bi-directional sync its delay, then poll what Defender wrote.
    await new Promise((r) => setTimeout(r, 600));
    await h.pollAndSettle();

    expect(h.azure.state.alerts.get(a.name.toLowerCase())?.status).toBe(finalStatus);
    const now = h.cards('C_SOC');
    expect(now).toHaveLength(1);
    expect(blockText(now[0])).toContain(`Sentinel incident #${incident.number}: Closed`);
    const replies = now[0].replies?.map((r) => r.text) ?? [];
    expect(replies[0]).toContain(`<@U_ADMIN> closed incident #${incident.number} as TruePositive.`);
    if (finalStatus === 'Resolved') {
      expect(buttonIds(now[0])).toEqual(['alert.reopen']);
      expect(replies[0]).toContain('Bi-directional sync is on');
      expect(replies[1]).toBe(`Status changed: *Active* → *Resolved* after <@U_ADMIN> closed incident #${incident.number} as TruePositive.`);
    } else {
      expect(buttonIds(now[0])).toEqual(['alert.resolve', 'alert.dismiss']);
      expect(replies[0]).toContain('Bi-directional sync is off');
      expect(replies).toHaveLength(1);
    }
  });

  it('a Close-incident form submitted after the incident was closed elsewhere says so and changes nothing', async () => {
    h = await startHarness('actions-close-stale');
    h.enableIncidentRule();
    h.createAlerts([{ subscriptionId: SUBS.web, severity: 'High' }]);
    await h.pollAndSettle();
    const [card] = h.cards('C_SOC');
    await h.slack.action({ user: 'U_ADMIN', channel: 'C_SOC', message_ts: card.ts, action_id: 'alert.close_incident' });
    const modal = await h.slack.waitFor(() => h.slack.views('U_ADMIN').modals[0]);
    const incident = [...h.azure.state.workspace.incidents.values()][0];
    h.azure.closeIncident(incident.name, { classification: 'BenignPositive' });
    await h.pollAndSettle();
    const res = await h.slack.submitView({ user: 'U_ADMIN', view_id: modal.id, values: { 'close.classification': { 'close.classification_value': 'TruePositive' } } });
    expect(res.response_action).toBe('errors');
    expect(Object.values(res.errors ?? {}).join(' ')).toContain('already closed');
    await h.alerting.idle();
    expect(incident.properties.classification).toBe('BenignPositive');
    const audit = await createAuditStore(h.redis, h.prefix).list();
    expect(audit.map((e) => [e.user, e.action, e.result])).toContainEqual(['U_ADMIN', 'incident-close', 'refused']);
  });

  it('a Dismiss click from an older rendering of a resolved card is refused and changes nothing', async () => {
    h = await startHarness('actions-stale-button');
    const [a] = h.createAlerts([{ subscriptionId: SUBS.payments, severity: 'High' }]);
    await h.pollAndSettle();
    const [card] = h.cards('C_SOC');
    await h.slack.action({ user: 'U_ADMIN', channel: 'C_SOC', message_ts: card.ts, action_id: 'alert.resolve' });
    await until(() => h.azure.state.alerts.get(a.name.toLowerCase())?.status === 'Resolved');
    await h.alerting.idle();
    const reopen = (h.cards('C_SOC')[0].blocks as any[]).flatMap((b) => b.elements ?? []).find((e: any) => e.action_id === 'alert.reopen');
    await h.slack.rawAction({
      type: 'block_actions',
      user: { id: 'U_ADMIN', username: 'admin', team_id: 'T0SENTINEL' },
      team: { id: 'T0SENTINEL', domain: 'sentinel-secops' },
      api_app_id: 'A_SENTINEL',
      container: { type: 'message', message_ts: card.ts, channel_id: 'C_SOC', is_ephemeral: false },
      channel: { id: 'C_SOC', name: 'soc' },
      message: { ts: card.ts, type: 'message' },
      actions: [{ type: 'button', action_id: 'alert.dismiss', block_id: 'alert.actions.New-none', value: reopen.value, action_ts: '1' }],
    });
    await until(() => h.slack.ephemerals('C_SOC', 'U_ADMIN').some((m) => m.text.includes('cannot be dismissed')));
    await h.alerting.idle();
    expect(h.azure.state.alerts.get(a.name.toLowerCase())?.status).toBe('Resolved');
  });

  it('closing the incident in Sentinel (not Slack) with sync on: the card follows on the next polls', async () => {
    h = await startHarness('actions-close-portal');
    h.enableIncidentRule();
    h.createAlerts([{ subscriptionId: SUBS.payments, severity: 'High' }]);
    await h.pollAndSettle();
    const incident = [...h.azure.state.workspace.incidents.values()][0];
    h.azure.closeIncident(incident.name, { classification: 'BenignPositive' });
    await new Promise((r) => setTimeout(r, 600));
    await h.pollAndSettle();
    const [card] = h.cards('C_SOC');
    expect(buttonIds(card)).toEqual(['alert.reopen']);
    expect(blockText(card)).toContain('Closed');
    expect(card.replies?.map((r) => r.text)).toEqual(['Status changed: *Active* → *Resolved* in Defender for Cloud.']);
  });
});
