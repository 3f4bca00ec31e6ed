// The Slack front door end to end: the Slack simulator signs and delivers real HTTP requests to the Bolt app, the real
// job system runs the work against the Azure simulator, and the real presenter answers in the Slack simulator.
import { SMALL_SUBSCRIPTIONS as S } from '../../sim/azure';
import { isConnected } from '../../sim/azure/state';
import { jobIdFor } from '../../src/jobs/job-ids';
import { createLogger } from '../../src/log';
import type { JobRequest } from '../../src/ports';
import { createSlackApp, type SlackApp } from '../../src/slack/app';
import { ACTIONS, BLOCKS } from '../../src/slack/ids';
import { createAuditStore } from '../../src/store/audit';
import { configFor, startJobsHarness, type JobsHarness } from '../support/jobs-harness';
import { blocksText, isStatus, recording } from '../support/recording-jobs';

jest.setTimeout(120_000);

const CH = 'C_SOC';
let h: JobsHarness;
let web: SlackApp;
const enqueued: JobRequest[] = [];


beforeAll(async () => {
  h = await startJobsHarness('slack-app');
  await h.startWorkers();
  const config = configFor(h.azure, h.slack, h.prefix, { ADMIN_SLACK_USERS: 'U_ADMIN', ADMIN_SLACK_USERGROUPS: 'S_SECADMINS', PORT: '0', HOST: '127.0.0.1' });
  web = createSlackApp({ config, jobs: recording(h.port, enqueued), redis: h.redis, logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent') });
  await web.start();
  h.slack.setBotUrl(`http://127.0.0.1:${web.port()}/slack/events`);
});

afterAll(async () => {
  await web?.stop();
  await h?.close();
});

async function postStatus(): Promise<{ ts: string; blocks: unknown[] }> {
  const before = h.slack.messages(CH).filter(isStatus).length;
  const res = await h.slack.command({ user: 'U_ANALYST', channel: CH, text: 'status' });
  expect(res.status).toBe(200);
  expect(res.body).toContain('Working on it');
  const msg = await h.slack.waitFor(() => h.slack.messages(CH).filter(isStatus)[before], 30_000);
  return { ts: msg.ts, blocks: msg.blocks ?? [] };
}

describe('slash command → job → status message', () => {
  it('acks at once, then posts a status message that matches the tenant', async () => {
    const { blocks } = await postStatus();
    const text = JSON.stringify(blocks);
    for (const sub of h.azure.state.subscriptionList) expect(text).toContain(sub.displayName.replace(/&/g, '&amp;'));
    const connected = h.azure.state.subscriptionList.filter((sub) => isConnected(h.azure.state, sub.subscriptionId)).length;
    expect(text).toContain(`*Connected*\\n${connected}`);
    expect(text).toContain(`*Subscriptions*\\n${h.azure.state.subscriptionList.length}`);
    expect(enqueued.at(-1)).toMatchObject({ kind: 'status', requestedBy: { userId: 'U_ANALYST' }, reply: { channel: CH } });
  });

  it('a name that is not a subscription gets an ephemeral with the closest names', async () => {
    const res = await h.slack.command({ user: 'U_ADMIN', channel: CH, text: 'connect "Contoso Prod - Dta"' });
    expect(res.status).toBe(200);
    const eph = await h.slack.waitFor(() => h.slack.ephemerals(CH, 'U_ADMIN').find((m) => m.text.includes('did you mean')));
    expect(eph.text).toContain('Contoso Prod - Data');
  });

  it('the same `alerts --since` twice within a minute asks for the same minute-aligned window, so it is one job', async () => {
    // Both commands must land in the same minute; skip to the next one if this one is nearly over.
    const left = 60_000 - (Date.now() % 60_000);
    if (left < 10_000) await new Promise((r) => setTimeout(r, left + 50));
    const t0 = Date.now();
    const count = enqueued.length;
    for (let i = 0; i < 2; i++) expect((await h.slack.command({ user: 'U_ANALYST', channel: CH, text: 'alerts --severity high --since 24h' })).status).toBe(200);
    const [first, second] = await h.slack.waitFor(() => {
      const alerts = enqueued.slice(count).filter((r) => r.kind === 'alerts');
      return alerts.length === 2 ? alerts : undefined;
    });
    const since = Date.parse(String(first.params?.since));
    expect(since % 60_000).toBe(0);
    expect(t0 - 86_400_000 - since).toBeGreaterThanOrEqual(0);
    expect(t0 - 86_400_000 - since).toBeLessThan(60_000);
    expect(second.params).toEqual(first.params);
    expect(jobIdFor(second)).toBe(jobIdFor(first));
  });

  it('an unknown subcommand is answered in the ack itself', async () => {
    const res = await h.slack.command({ user: 'U_ANALYST', channel: CH, text: 'stauts' });
    expect(res.status).toBe(200);
    expect(res.body).toContain('Did you mean `status`');
  });
});

describe('selection and bulk connect', () => {
  it('connects exactly the selected subscriptions', async () => {
    const { ts, blocks } = await postStatus();
    const bulk = (blocks as any[]).find((b) => b.block_id === BLOCKS.statusBulk);
    expect(bulk.elements[0]).toMatchObject({ type: 'multi_external_select', action_id: ACTIONS.statusPick });
    const before = await h.connectedSubscriptions();
    expect(before.has(S.data)).toBe(false);
    expect(before.has(S.sandbox)).toBe(false);

    // Opening the picker asks the app for options; a Reader-only subscription is never offered.
    const offered = await h.slack.suggest({ user: 'U_ADMIN', channel: CH, message_ts: ts, action_id: ACTIONS.statusPick, value: '' });
    expect(offered.problems).toEqual([]);
    expect(offered.options.map((o) => o.value)).toEqual(expect.arrayContaining([S.data, S.sandbox]));
    expect(offered.options.map((o) => o.value)).not.toContain(S.finance);
    const pick = await h.slack.action({ user: 'U_ADMIN', channel: CH, message_ts: ts, action_id: ACTIONS.statusPick, selected_options: [S.data, S.sandbox] });
    expect(pick.status).toBe(200);
    const count = enqueued.length;
    const click = await h.slack.action({ user: 'U_ADMIN', channel: CH, message_ts: ts, action_id: ACTIONS.connectSelected });
    expect(click.status).toBe(200);
    const request = await h.slack.waitFor(() => enqueued.slice(count).find((r) => r.kind === 'connect'));
    expect(new Set(request.subscriptionIds)).toEqual(new Set([S.data, S.sandbox]));

    const jobId = (await h.port.recent(20)).find((j) => j.kind === 'connect')!.jobId;
    await h.waitForFinal(jobId);
    const after = await h.connectedSubscriptions();
    expect(after).toEqual(new Set([...before, S.data, S.sandbox]));
    // The progress message ends with one line per subscription.
    const progress = await h.slack.waitFor(() => h.slack.messages(CH).find((m) => blocksText(m).includes(`Job \`${jobId}\``) && blocksText(m).includes('finished')), 30_000);
    expect(blocksText(progress)).toContain('Contoso Prod - Data');
  });

  it('"Connect selected" with nothing selected explains instead of acting', async () => {
    const { ts } = await postStatus();
    const count = enqueued.length;
    await h.slack.action({ user: 'U_ADMIN', channel: CH, message_ts: ts, action_id: ACTIONS.connectSelected });
    await h.slack.waitFor(() => h.slack.ephemerals(CH, 'U_ADMIN').find((m) => m.text.includes('Nothing is selected')));
    expect(enqueued.slice(count).filter((r) => r.kind === 'connect')).toHaveLength(0);
  });

  it('Next/filter re-render from the snapshot without touching Azure', async () => {
    const { ts, blocks } = await postStatus();
    h.azure.clearRequests();
    const nav = (blocks as any[]).find((b) => b.type === 'actions' && b.elements.some((e: any) => e.action_id === ACTIONS.statusFilter));
    await h.slack.action({ user: 'U_ANALYST', channel: CH, message_ts: ts, block_id: nav.block_id, action_id: ACTIONS.statusFilter, selected_option: 'not-connected:0' });
    const updated = await h.slack.waitFor(() => {
      const m = h.slack.messages(CH).find((x) => x.ts === ts);
      return m && blocksText(m).includes('matching _Not connected_') ? m : undefined;
    }, 30_000);
    expect(blocksText(updated)).not.toContain('Contoso Prod - Payments');
    expect(h.azure.requests()).toHaveLength(0);
  });
});

describe('authorization', () => {
  it("a non-admin's forged click is refused with an ephemeral, audited, and changes nothing", async () => {
    const { ts } = await postStatus();
    const count = enqueued.length;
    h.azure.clearRequests();
    const res = await h.slack.rawAction({
      type: 'block_actions',
      user: { id: 'U_MALLORY', username: 'mallory', team_id: 'T0SENTINEL' },
      team: { id: 'T0SENTINEL', domain: 'sentinel-secops' },
      api_app_id: 'A_SENTINEL',
      container: { type: 'message', message_ts: ts, channel_id: CH, is_ephemeral: false },
      channel: { id: CH, name: 'soc-alerts' },
      message: { ts, type: 'message' },
      state: { values: { forged: { [ACTIONS.statusPick]: { type: 'multi_external_select', selected_options: [{ value: S.analytics }] } } } },
      actions: [{ type: 'button', action_id: ACTIONS.connectSelected, block_id: 'forged', action_ts: '1' }],
    });
    expect(res.status).toBe(200);
    const refusal = await h.slack.waitFor(() => h.slack.ephemerals(CH, 'U_MALLORY').find((m) => m.text.includes('not allowed')));
    expect(refusal.text).toMatch(/admins/);
    const audit = await createAuditStore(h.redis, h.prefix).list({ sinceMs: 60_000 });
    expect(audit.find((e) => e.user === 'U_MALLORY')).toMatchObject({ action: 'connect', result: 'refused', targets: [S.analytics] });
    expect(enqueued.slice(count)).toHaveLength(0);
    expect(h.azure.requests({ method: 'PUT' })).toHaveLength(0);
  });

  it('a usergroup member is an admin', async () => {
    const count = enqueued.length;
    await h.slack.command({ user: 'U_ADMIN2', channel: CH, text: 'sync "Contoso Prod - Web" on' });
    const request = await h.slack.waitFor(() => enqueued.slice(count).find((r) => r.kind === 'sync'));
    expect(request).toMatchObject({ subscriptionIds: [S.web], params: { enabled: true }, requestedBy: { userId: 'U_ADMIN2' } });
  });
});

describe('request verification', () => {
  it('a bad signature gets 401', async () => {
    const res = await h.slack.command({ user: 'U_ADMIN', channel: CH, text: 'connect all' }, { signingSecret: 'not-the-secret-000000' });
    expect(res.status).toBe(401);
  });
  it('a stale timestamp (> 5 min) gets 401', async () => {
    const res = await h.slack.command({ user: 'U_ADMIN', channel: CH, text: 'connect all' }, { timestamp: Math.floor(Date.now() / 1000) - 301 });
    expect(res.status).toBe(401);
  });
});

describe('App Home and event retries', () => {
  it('publishes the dashboard once per event, even when Slack retries', async () => {
    const first = await h.slack.homeOpened({ user: 'U_ADMIN' });
    expect(first.status).toBe(200);
    await h.slack.waitFor(() => h.slack.views('U_ADMIN').home);
    const publishes = () => h.slack.calls('views.publish').length;
    const n = publishes();
    const retry = await h.slack.event({ type: 'app_home_opened', user: 'U_ADMIN', tab: 'home', channel: 'D_ADMIN' }, { event_id: first.event_id, retryNum: 1, retryReason: 'http_timeout' });
    expect(retry.status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(publishes()).toBe(n);
    expect(JSON.stringify(h.slack.views('U_ADMIN').home)).toContain('Recent jobs');
  });
});
