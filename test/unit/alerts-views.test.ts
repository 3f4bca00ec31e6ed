import { validateBlocks, validateView } from '../../sim/slack/blockkit';
import { alertCardMessage } from '../../src/slack/alerts/card-view';
import { digestMessage } from '../../src/slack/alerts/digest-view';
import { closeIncidentModal, parseCloseIncident, parseCloseIncidentMetadata } from '../../src/slack/alerts/close-incident-view';
import { ALERT_ACTIONS, CLOSE_INCIDENT_VIEW as V } from '../../src/slack/alerts/ids';
import { escFit } from '../../src/slack/alerts/text';
import { addToDigest, newDigest } from '../../src/alerts/digest';
import { defenderAlertUrl, digestQuery, logsQueryUrl, safeHttpsUrl, sentinelUrl } from '../../src/alerts/links';
import type { AlertStatus } from '../../src/domain/types';
import { alert } from './alerts-fixtures';

const env = { portalUrl: 'https://portal.azure.com', workspace: { subscriptionId: 'sub', resourceGroup: 'rg', name: 'ws' } };
const links = { defender: 'https://portal.azure.com/#blade/x', sentinel: 'https://portal.azure.com/#view/y' };

function buttons(blocks: any[]): { action_id: string; value?: string; url?: string }[] {
  return blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements);
}

describe('alert card', () => {
  it('shows severity, name, resource, subscription, detected time, tactics, description and links', () => {
    const a = alert({ severity: 'High', displayName: 'Crypto mining', tactics: ['Execution', 'Impact'], startTime: '2026-01-01T10:00:00Z' });
    const { text, blocks } = alertCardMessage({ alert: a, status: 'New', links });
    expect(validateBlocks(blocks, 'message')).toEqual([]);
    const json = JSON.stringify(blocks);
    expect(json).toContain('High · Crypto mining');
    expect(json).toContain(':red_circle: High');
    expect(json).toContain('vm-1');
    expect(json).toContain(a.subscriptionId);
    expect(json).toContain(`<!date^${Date.parse('2026-01-01T10:00:00Z') / 1000}^`);
    expect(json).toContain('Execution, Impact');
    expect(text).toContain('[High] Crypto mining');
    expect(buttons(blocks).map((b) => b.action_id)).toEqual([ALERT_ACTIONS.resolve, ALERT_ACTIONS.dismiss, ALERT_ACTIONS.openDefender, ALERT_ACTIONS.openSentinel]);
  });

  it('button values carry only the SystemAlertId', () => {
    const a = alert();
    const { blocks } = alertCardMessage({ alert: a, status: 'New', incident: { id: 'inc', number: 3, status: 'New' }, links });
    for (const b of buttons(blocks).filter((b) => !b.url)) expect(b.value).toBe(a.systemAlertId);
    expect(buttons(blocks).map((b) => b.action_id)).toContain(ALERT_ACTIONS.closeIncident);
  });

  it.each<[AlertStatus, string[]]>([
    ['New', [ALERT_ACTIONS.resolve, ALERT_ACTIONS.dismiss]],
    ['InProgress', [ALERT_ACTIONS.resolve, ALERT_ACTIONS.dismiss]],
    ['Resolved', [ALERT_ACTIONS.reopen]],
    ['Dismissed', [ALERT_ACTIONS.reopen]],
  ])('%s shows %s', (status, ids) => {
    const { blocks } = alertCardMessage({ alert: alert(), status, links: { sentinel: links.sentinel } });
    expect(buttons(blocks).filter((b) => !b.url).map((b) => b.action_id)).toEqual(ids);
  });

  it('changes block ids with state so Slack redraws the buttons', () => {
    const a = alert();
    const before = alertCardMessage({ alert: a, status: 'New', links }).blocks.map((b) => b.block_id);
    const after = alertCardMessage({ alert: a, status: 'Resolved', links }).blocks.map((b) => b.block_id);
    expect(before.find((id) => id?.startsWith('alert.actions'))).not.toEqual(after.find((id) => id?.startsWith('alert.actions')));
  });

  it('escapes Azure-supplied text and stays inside Slack limits for huge values', () => {
    const hostile = '<!channel> *bold* <https://evil|click> & '.repeat(400);
    const a = alert({ displayName: hostile, description: hostile, compromisedEntity: hostile, tactics: [hostile], systemAlertId: 'x'.repeat(200) });
    const { text, blocks } = alertCardMessage({ alert: a, status: 'New', links });
    expect(validateBlocks(blocks, 'message')).toEqual([]);
    const mrkdwn = JSON.stringify(blocks.filter((b) => b.type !== 'header'));
    expect(mrkdwn).not.toContain('<!channel>');
    expect(mrkdwn).not.toContain('<https://evil');
    expect(text.length).toBeLessThanOrEqual(300);
  });
});

describe('escFit', () => {
  it('never cuts an escape sequence and respects the limit', () => {
    for (let max = 5; max < 40; max++) {
      const out = escFit('a&b<c>d&e'.repeat(10), max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(out).not.toMatch(/&(a|am|l|g|lt|gt)?…/);
    }
  });
});

describe('digest', () => {
  it('renders counts, top resources and the query link within limits', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const alerts = Array.from({ length: 5000 }, (_, i) =>
      alert({ severity: (['High', 'Medium', 'Low'] as const)[i % 3], displayName: `Alert <${i % 300}> *x*`, compromisedEntity: `vm-${i % 50}` }),
    );
    const state = addToDigest(newDigest('d1', 'C1', now), alerts, 5, now);
    const url = logsQueryUrl(digestQuery(state.firstIngestedAt, state.lastIngestedAt), env);
    const { text, blocks } = digestMessage(state, url);
    expect(validateBlocks(blocks, 'message')).toEqual([]);
    const json = JSON.stringify(blocks);
    expect(json).toContain(':red_circle: High *1667*');
    expect(json).toContain('&lt;');
    expect(json).not.toContain('<0>');
    expect(json).toContain('_others_');
    expect(text).toContain('5000');
    expect(buttons(blocks)[0].url).toBe(url);
  });
});

describe('close incident modal', () => {
  it('requires a classification and validates reason against it', () => {
    const view = closeIncidentModal({ systemAlertId: 'sa', incidentId: 'inc', channel: 'C1' }, 12);
    expect(validateView(view)).toEqual([]);
    expect(parseCloseIncidentMetadata(view.private_metadata as string)).toEqual({ systemAlertId: 'sa', incidentId: 'inc', channel: 'C1' });
    expect(parseCloseIncident({})).toEqual({ errors: { [V.classificationBlock]: 'Choose a classification.' } });
    const pick = (classification: string, reason?: string, comment?: string) => ({
      [V.classificationBlock]: { [V.classificationAction]: { selected_option: { value: classification } } },
      [V.reasonBlock]: { [V.reasonAction]: { selected_option: reason ? { value: reason } : null } },
      [V.commentBlock]: { [V.commentAction]: { value: comment ?? null } },
    });
    expect(parseCloseIncident(pick('FalsePositive', 'SuspiciousActivity')).errors).toBeDefined();
    expect(parseCloseIncident(pick('TruePositive', 'SuspiciousActivity', ' confirmed '))).toEqual({
      input: { classification: 'TruePositive', reason: 'SuspiciousActivity', comment: 'confirmed' },
    });
    expect(parseCloseIncidentMetadata('not json')).toBeUndefined();
  });
});

describe('links', () => {
  it('uses only https Azure links and falls back to built ones', () => {
    expect(safeHttpsUrl('javascript:alert(1)')).toBeUndefined();
    expect(defenderAlertUrl({ alertLink: 'http://x' }, env)).toBeUndefined();
    expect(defenderAlertUrl({ defender: { subscriptionId: 's', location: 'westeurope', name: 'n 1' } }, env)).toContain('/alertId/n%201/');
    expect(sentinelUrl({ url: 'https://portal.azure.com/#inc' }, env)).toBe('https://portal.azure.com/#inc');
    expect(sentinelUrl(undefined, env)).toContain(encodeURIComponent('/workspaces/ws'));
  });
});
