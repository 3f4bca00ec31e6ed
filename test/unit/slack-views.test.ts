import type { ActionsBlock, KnownBlock } from '@slack/types';
import { validateBlocks, validateView } from '../../sim/slack/blockkit';
import type { ChangeResult, PrerequisiteReport, SubscriptionStatus, TenantStatus } from '../../src/domain/types';
import { ACTIONS, BLOCKS } from '../../src/slack/ids';
import { helpView } from '../../src/slack/views/help';
import { homeView } from '../../src/slack/views/home';
import { incidentsView, INFORMATIONAL_WARNING, selectedSeverities } from '../../src/slack/views/incidents';
import { alertsView, auditView, jobsView, queryView, routesView } from '../../src/slack/views/lists';
import { esc, truncate } from '../../src/slack/views/format';
import { prerequisitesView } from '../../src/slack/views/prereqs';
import { progressView } from '../../src/slack/views/progress';
import { MAX_SUGGESTIONS, pickerOptions } from '../../src/slack/views/picker';
import { matchesFilter, PAGE_SIZE, parseNavValue, statusView } from '../../src/slack/views/status';

const NASTY = 'Prod *bold* _it_ ~strike~ `code` <!channel> <@U123> & 🛡️ 日本語 Ünïcödé ';

function sub(i: number, over: Partial<SubscriptionStatus> = {}): SubscriptionStatus {
  const id = `${String(i).padStart(8, '0')}-0000-4000-8000-${String(i).padStart(12, '0')}`;
  const connected = i % 3 !== 0;
  return {
    subscriptionId: id,
    displayName: `${NASTY.repeat(i % 7 === 0 ? 20 : 1)}${i}`,
    state: 'Enabled',
    connection: i % 11 === 0 ? 'error' : connected ? 'connected' : 'not-connected',
    connected,
    plans: (['none', 'some', 'all'] as const)[i % 3],
    enabledPlans: [],
    disabledPlans: [],
    plansPortalUrl: `https://portal.azure.com/#blade/${id}`,
    biDirectionalSync: (['on', 'off', 'unavailable'] as const)[i % 3],
    providerRegistered: true,
    permissions: i % 5 === 0 ? { connect: false, toggleSync: false, enablePlans: false, reasons: { connect: `Reader only ${NASTY}`.repeat(30) } } : { connect: true, toggleSync: true, enablePlans: true, reasons: {} },
    warnings: i % 4 === 0 ? Array.from({ length: 6 }, (_, k) => `warning ${k} ${NASTY.repeat(40)}`) : [],
    ...(i % 11 === 0 ? { problem: { code: 'AuthorizationFailed', message: `No access ${NASTY}`.repeat(50), fix: 'Grant Reader', retryable: false } } : {}),
    ...over,
  };
}

function tenant(n: number): TenantStatus {
  return {
    workspace: { subscriptionId: 'ws', resourceGroup: `rg ${NASTY}`, name: `ws ${NASTY}`, onboarded: true, portalUrl: 'https://portal.azure.com/#ws' },
    subscriptions: Array.from({ length: n }, (_, i) => sub(i + 1)),
    warnings: Array.from({ length: 8 }, (_, i) => `tenant warning ${i} ${NASTY}`),
    generatedAt: '2026-05-01T10:00:00.000Z',
  };
}

/** Our own assertions on top of the simulator's validator. */
function assertLimits(blocks: KnownBlock[], max = 50): void {
  expect(blocks.length).toBeLessThanOrEqual(max);
  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${path}/${i}`));
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, any>;
    if (o.type === 'mrkdwn' || o.type === 'plain_text') expect(o.text.length).toBeLessThanOrEqual(3000);
    if (o.type === 'button') expect(o.text.text.length).toBeLessThanOrEqual(75);
    if (typeof o.action_id === 'string') expect(o.action_id.length).toBeLessThanOrEqual(255);
    if (typeof o.block_id === 'string') expect(o.block_id.length).toBeLessThanOrEqual(255);
    if (o.type === 'checkboxes') expect(o.options.length).toBeLessThanOrEqual(10);
    if (/static_select$/.test(o.type ?? '')) expect(o.options.length).toBeLessThanOrEqual(100);
    if (o.type === 'overflow') expect(o.options.length).toBeLessThanOrEqual(5);
    if (o.text && o.value !== undefined && typeof o.value === 'string' && !o.type) expect(o.value.length).toBeLessThanOrEqual(75);
    for (const [k, v] of Object.entries(o)) walk(v, `${path}/${k}`);
  };
  walk(blocks, '');
}

const allText = (blocks: KnownBlock[]): string => JSON.stringify(blocks);

/** Only mrkdwn is parsed for mentions and formatting; plain_text (options, headers) is shown literally by Slack. */
function mrkdwnText(blocks: KnownBlock[]): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, any>;
    if (o.type === 'mrkdwn') out.push(o.text);
    Object.values(o).forEach(walk);
  };
  walk(blocks);
  return out.join('\n');
}

describe('statusView', () => {
  const big = tenant(1000);

  it('every page of 1,000 subscriptions and every filter passes Slack limits', () => {
    for (const filter of ['all', 'not-connected', 'sync-off', 'no-plans', 'errors'] as const) {
      const rows = big.subscriptions.filter((s) => matchesFilter(s, filter)).length;
      const pages = Math.ceil(rows / PAGE_SIZE);
      for (const page of [0, 1, Math.floor(pages / 2), pages - 1, pages + 5]) {
        const { blocks, text } = statusView(big, { filter, page });
        expect(validateBlocks(blocks, 'message')).toEqual([]);
        assertLimits(blocks);
        expect(text.length).toBeLessThanOrEqual(3000);
      }
    }
  });

  it('pages with Next/Previous carrying only view coordinates', () => {
    const first = statusView(big, { page: 0 });
    const json = allText(first.blocks);
    expect(json).toContain(ACTIONS.statusNext);
    expect(json).not.toContain(ACTIONS.statusPrev);
    const last = statusView(big, { page: 999 });
    expect(allText(last.blocks)).toContain('Page 40 of 40');
    expect(allText(last.blocks)).not.toContain(ACTIONS.statusNext);
    expect(parseNavValue('sync-off:3')).toEqual({ filter: 'sync-off', page: 3 });
    expect(parseNavValue('evil:-1')).toEqual({ filter: 'all', page: 0 });
  });

  it('escapes mrkdwn control characters from names, warnings and reasons', () => {
    const { blocks } = statusView(tenant(30));
    const json = mrkdwnText(blocks);
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<@U123>');
    expect(json).not.toContain('*bold*');
    expect(json).not.toContain('_it_');
    expect(json).toContain('&lt;!channel&gt;');
  });

  it('rows the identity cannot change are shown with the reason but are not offered by the picker', () => {
    const t = tenant(10);
    const locked = t.subscriptions.filter((s) => !s.permissions.connect).map((s) => s.subscriptionId);
    expect(locked.length).toBeGreaterThan(0);
    const offered = pickerOptions(t.subscriptions, '').map((o) => o.value);
    for (const id of locked) expect(offered).not.toContain(id);
    expect(allText(statusView(t).blocks)).toContain('Not selectable');
  });

  it('has one picker for the whole tenant, under the same ids on every page and filter, so picks survive paging', () => {
    const bulkBlocks = (['all', 'not-connected'] as const).flatMap((filter) =>
      [0, 1, 39].map((page) => statusView(big, { filter, page }).blocks.find((b) => b.block_id === BLOCKS.statusBulk)),
    );
    for (const block of bulkBlocks) {
      expect(block).toBeDefined();
      const pickers = (block as ActionsBlock).elements.filter((e) => e.type === 'multi_external_select');
      expect(pickers).toEqual([{ type: 'multi_external_select', action_id: ACTIONS.statusPick, placeholder: expect.objectContaining({ text: 'Pick subscriptions…' }), min_query_length: 0 }]);
    }
    expect(allText(statusView(big).blocks)).not.toContain('multi_static_select');
    // A tenant the identity can only read gets no picker and no bulk buttons.
    const readOnly = { ...big, subscriptions: big.subscriptions.map((s) => ({ ...s, permissions: { ...s.permissions, connect: false, toggleSync: false } })) };
    const blocks = statusView(readOnly).blocks;
    expect(blocks.find((b) => b.block_id === BLOCKS.statusBulk)).toBeUndefined();
    expect(validateBlocks(blocks, 'message')).toEqual([]);
  });

  it('bulk buttons carry confirm dialogs; plans show Some enabled with an Enable all link', () => {
    const { blocks } = statusView(tenant(6));
    const buttons = blocks.flatMap((b) => (b.type === 'actions' ? b.elements : [])).filter((e: any) => e.action_id === ACTIONS.connectSelected || e.action_id === ACTIONS.syncSelected);
    expect(buttons).toHaveLength(2);
    for (const b of buttons) expect((b as any).confirm).toBeDefined();
    expect(allText(blocks)).toContain('Some enabled (<https://portal.azure.com/#blade/');
    expect(allText(blocks)).toContain('All enabled');
  });

  it('renders an empty tenant and an empty filter', () => {
    const empty = { ...tenant(0), warnings: [] };
    expect(validateBlocks(statusView(empty).blocks, 'message')).toEqual([]);
    expect(allText(statusView(tenant(2), { filter: 'errors' }).blocks)).toContain('No subscription matches');
  });
});

describe('pickerOptions', () => {
  const subs = tenant(1000).subscriptions;
  const byId = new Map(subs.map((s) => [s.subscriptionId, s]));
  const values = (query: string) => pickerOptions(subs, query).map((o) => o.value!);

  it('offers at most 100 selectable subscriptions, ids only, within Slack option limits', () => {
    const options = pickerOptions(subs, '');
    expect(options).toHaveLength(MAX_SUGGESTIONS);
    for (const o of options) {
      const s = byId.get(o.value!)!;
      expect(s.permissions.connect || s.permissions.toggleSync).toBe(true);
      expect(o.text.text.length).toBeLessThanOrEqual(75);
      expect(o.description!.text.length).toBeLessThanOrEqual(75);
      expect(o.value!.length).toBeLessThanOrEqual(75);
    }
    expect(pickerOptions(subs, 'zzz-no-such-name')).toEqual([]);
    expect(pickerOptions([], '')).toEqual([]);
  });

  it('lists what Connect would change first, then sync-off, then name-prefix matches before other matches', () => {
    const ranks = pickerOptions(subs, '').map((o) => {
      const s = byId.get(o.value!)!;
      return s.permissions.connect && !s.connected ? 0 : s.permissions.toggleSync && s.biDirectionalSync === 'off' ? 1 : 2;
    });
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(ranks[0]).toBe(0);
    const mixed = [sub(3, { displayName: 'Team Dev' }), sub(6, { displayName: 'Dev Team' }), sub(9, { displayName: 'Prod' })];
    expect(pickerOptions(mixed, 'dev').map((o) => o.text.text)).toEqual(['Dev Team', 'Team Dev']);
    // Connected rows the identity can still change (sync) are offered, after the unconnected ones.
    const withConnected = [sub(1, { displayName: 'A connected' }), sub(3, { displayName: 'B unconnected' })];
    expect(pickerOptions(withConnected, '').map((o) => o.text.text)).toEqual(['B unconnected', 'A connected']);
  });

  it('matches the display name case-insensitively anywhere, and the id by prefix only', () => {
    const named = [sub(1, { displayName: 'Contoso DEV - Sandbox' }), sub(2, { displayName: 'Contoso Prod' }), sub(3, { displayName: 'Développement Ünïcödé 🛡️' })];
    expect(pickerOptions(named, 'dev').map((o) => o.text.text)).toEqual(['Contoso DEV - Sandbox']);
    expect(pickerOptions(named, '  ünï').map((o) => o.value)).toEqual([named[2].subscriptionId]);
    expect(pickerOptions(named, 'DÉVE').map((o) => o.value)).toEqual([named[2].subscriptionId]);
    const id = subs[41].subscriptionId;
    expect(values(id.slice(0, 8).toUpperCase())).toContain(id);
    expect(values(id.slice(9, 20))).not.toContain(id);
  });

  it('truncates long and Unicode names without splitting a character, and skips ids too long for an option value', () => {
    const long = sub(2, { displayName: `${'🛡️'.repeat(30)}${'x'.repeat(100)}` });
    const [o] = pickerOptions([long], '');
    expect(o.text.text.length).toBeLessThanOrEqual(75);
    expect(o.text.text.endsWith('…')).toBe(true);
    expect(/[\uD800-\uDBFF]…$/.test(o.text.text)).toBe(false);
    expect(pickerOptions([sub(2, { displayName: '   ' })], '')[0].text.text).toBe(sub(2).subscriptionId);
    expect(pickerOptions([sub(2, { subscriptionId: 'x'.repeat(200) })], '')).toEqual([]);
    expect(pickerOptions([sub(2)], 'q'.repeat(10_000))).toEqual([]);
  });
});

describe('prerequisitesView', () => {
  it('fits 1,000 failing subscriptions, shows verdicts, evidence, fix and the Register provider button', () => {
    const report: PrerequisiteReport = {
      ready: false,
      workspace: [
        { id: 'ws', title: 'Workspace write', verdict: 'pass', evidence: 'Contributor' },
        { id: 'sol', title: 'Solution', verdict: 'warn', evidence: `old ${NASTY}`, fix: 'Update the solution' },
      ],
      subscriptions: Array.from({ length: 1000 }, (_, i) => ({
        subscriptionId: sub(i).subscriptionId,
        displayName: sub(i).displayName,
        checks: [
          { id: 'rp', title: 'Provider', verdict: i % 2 ? 'fail' : 'pass', evidence: `NotRegistered ${NASTY}`.repeat(20), fix: 'Register it', fixAction: { kind: 'register-provider' as const, subscriptionId: sub(i).subscriptionId } },
          { id: 'plan', title: 'Plans', verdict: 'unknown', evidence: '?' },
        ],
      })),
    };
    const { blocks } = prerequisitesView(report);
    expect(validateBlocks(blocks, 'message')).toEqual([]);
    assertLimits(blocks);
    const json = allText(blocks);
    expect(json).toContain(':white_check_mark:');
    expect(json).toContain(':warning:');
    expect(json).toContain(':x:');
    expect(json).toContain(ACTIONS.registerProvider);
    expect(json).toContain('Fix:');
  });
});

describe('progressView', () => {
  const results: ChangeResult[] = Array.from({ length: 1000 }, (_, i) => ({
    subscriptionId: sub(i).subscriptionId,
    displayName: sub(i).displayName,
    outcome: (['changed', 'unchanged', 'failed'] as const)[i % 3],
    detail: `detail ${NASTY}`,
    ...(i % 3 === 2 ? { problem: { code: 'X', message: `boom ${NASTY}`, retryable: false } } : {}),
  }));
  it('running: bar and Cancel; finished: per-subscription lines, Retry failed; always within limits', () => {
    const running = progressView({ jobId: 'j1', action: 'connect', dryRun: false, total: 1000, results: results.slice(0, 10), finished: false, requestedBy: 'U_ADMIN' });
    expect(validateBlocks(running.blocks, 'message')).toEqual([]);
    expect(allText(running.blocks)).toContain(ACTIONS.jobCancel);
    const done = progressView({ jobId: 'j1', action: 'connect', dryRun: false, total: 1000, results, finished: true, requestedBy: 'U_ADMIN' });
    expect(validateBlocks(done.blocks, 'message')).toEqual([]);
    assertLimits(done.blocks);
    const json = allText(done.blocks);
    expect(json).toContain(ACTIONS.jobRetryFailed);
    expect(json).not.toContain(ACTIONS.jobCancel);
    expect(json).toContain(':x: failed');
    expect(json).toContain('not shown');
  });
  it('no Retry button on dry runs or clean runs', () => {
    const clean = progressView({ jobId: 'j', action: 'connect', dryRun: false, total: 1, results: [results[0]], finished: true, requestedBy: 'U_ADMIN' });
    expect(allText(clean.blocks)).not.toContain(ACTIONS.jobRetryFailed);
  });
});

describe('incidents, help, home and lists', () => {
  it('incidents: Informational offered with the docs warning, not pre-selected', () => {
    const { blocks } = incidentsView();
    expect(validateBlocks(blocks, 'message')).toEqual([]);
    const json = allText(blocks);
    expect(json).toContain(INFORMATIONAL_WARNING);
    const checkboxes = (blocks[1] as any).accessory;
    expect(checkboxes.initial_options.map((o: any) => o.value)).toEqual(['High', 'Medium', 'Low']);
    expect(selectedSeverities(['Informational', 'High', 'bogus'])).toEqual(['High', 'Informational']);
  });
  it('help lists every command', () => {
    const { blocks } = helpView();
    expect(validateBlocks(blocks, 'message')).toEqual([]);
    expect(allText(blocks)).toContain('/sentinel notify');
  });
  it('home fits 100 blocks with many jobs and a big tenant', () => {
    const jobs = Array.from({ length: 500 }, (_, i) => ({ jobId: `job-${i}`, kind: 'connect' as const, state: 'completed' as const, requestedBy: 'U_ADMIN', targets: 3, createdAt: '2026-05-01T10:00:00Z', summary: NASTY }));
    const view = homeView(tenant(1000), jobs, true);
    expect(validateView(view)).toEqual([]);
    assertLimits(view.blocks as KnownBlock[], 100);
    expect(validateView(homeView(undefined, [], false))).toEqual([]);
  });
  it('jobs, audit, routes, alerts and query views stay within limits on large inputs', () => {
    const views = [
      jobsView(Array.from({ length: 100 }, (_, i) => ({ jobId: `j${i}`, kind: 'sync' as const, state: i % 2 ? ('active' as const) : ('failed' as const), requestedBy: 'U_X', targets: 1, createdAt: '2026-05-01T10:00:00Z' }))),
      auditView(Array.from({ length: 500 }, (_, i) => ({ id: `${i}-0`, at: '2026-05-01T10:00:00Z', user: 'U_MALLORY', action: 'connect', targets: Array.from({ length: 20 }, () => NASTY), result: 'refused' as const, detail: NASTY })), '24h'),
      routesView(Array.from({ length: 300 }, (_, i) => ({ id: `r${i}`, channel: 'C_SOC', minSeverity: 'High' as const, subscriptionIds: ['a', 'b'], createdBy: 'U_ADMIN', createdAt: '2026' }))),
      alertsView(Array.from({ length: 400 }, (_, i) => ({ systemAlertId: `${i}`, ingestedAt: '', timeGenerated: '2026-05-01T10:00:00Z', alertName: NASTY, displayName: NASTY.repeat(10), severity: 'High' as const, status: 'New' as const, description: '', tactics: [], techniques: [], remediationSteps: [], alertLink: 'https://portal.azure.com/x' })), { severities: ['High'], since: '2026-05-01' }),
      queryView(NASTY, { columns: Array.from({ length: 12 }, (_, i) => ({ name: `col${i}`, type: 'string' })), rows: Array.from({ length: 2000 }, () => Array.from({ length: 12 }, () => `${NASTY}\n\`\`\``)) }),
    ];
    for (const v of views) {
      expect(validateBlocks(v.blocks, 'message')).toEqual([]);
      assertLimits(v.blocks);
      expect(mrkdwnText(v.blocks)).not.toContain('<!channel>');
      expect(mrkdwnText(v.blocks)).not.toContain('<@U123>');
    }
  });
});

describe('format', () => {
  it('esc neutralises every mrkdwn control character', () => {
    const out = esc('&<>*_~`');
    expect(out).not.toMatch(/[<>]/);
    expect(out).not.toMatch(/(^|[^\u200B])[*_~`]/);
  });
  it('esc keeps a name on one line and drops bidi overrides', () => {
    const name = 'Spoof\n:white_check_mark: changed *Payments*\r\u2028x\u202Egnp.exe\u0007';
    const out = esc(name);
    for (const c of ['\n', '\r', '\u2028', '\u202E', '\u0007']) expect(out).not.toContain(c);
    expect(out).toContain('Spoof :white');
    const view = statusView({ ...tenant(1), subscriptions: [sub(1, { displayName: name })] });
    const row = mrkdwnText(view.blocks).split('\n').find((l) => l.includes('Spoof'));
    expect(row).toContain('Payments');
    const picker = JSON.stringify(view.blocks.filter((b) => b.type === 'actions'));
    expect(picker).not.toMatch(/\\n|\u202E/);
  });
  it('truncate never splits a surrogate pair', () => {
    const s = '🛡️'.repeat(100);
    const t = truncate(s, 51);
    expect(t.length).toBeLessThanOrEqual(51);
    expect(() => encodeURIComponent(t)).not.toThrow();
  });
});
