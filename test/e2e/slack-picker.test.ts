// The status message's subscription picker end to end: the Slack simulator sends signed block_suggestion requests as a
// user types, the bot answers from the stored snapshot, and a selection made across pages is connected in the Azure
// simulator — exactly what was picked, nothing the identity cannot change.
import { buildScenario, subId, type SubDef } from '../../sim/azure/scenarios/build';
import { createLogger } from '../../src/log';
import type { JobRequest } from '../../src/ports';
import { createSlackApp, type SlackApp } from '../../src/slack/app';
import { ACTIONS } from '../../src/slack/ids';
import { createAuditStore } from '../../src/store/audit';
import { configFor, startJobsHarness, type JobsHarness } from '../support/jobs-harness';
import { blocksText, isStatus, recording } from '../support/recording-jobs';

jest.setTimeout(120_000);

const CH = 'C_SOC';
const id = (n: number): string => subId('picker', String(n));

/** 60 subscriptions (3 pages): every 4th a "Dev" one, every 5th connected, every 10th (from 3) Reader-only. */
function pickerScenario() {
  const subs: SubDef[] = [{ subscriptionId: id(0), displayName: 'Security Operations', plans: 'some', connected: true, botRole: 'Owner', resourceGroups: ['rg-sentinel'] }];
  for (let i = 1; i < 60; i++) {
    const n = String(i).padStart(2, '0');
    subs.push({
      subscriptionId: id(i),
      displayName: i % 4 === 0 ? `Contoso Dev - Team ${n}` : `Contoso Prod - App ${n}`,
      plans: 'some',
      connected: i % 5 === 0,
      botRole: i % 10 === 3 ? 'Reader' : 'Contributor',
      resourceGroups: ['rg-app'],
    });
  }
  return buildScenario({ name: 'picker', subs, workspaceSub: 0 });
}

let h: JobsHarness;
let web: SlackApp;
const enqueued: JobRequest[] = [];

const rowIds = (m: { blocks?: unknown[] }): string[] =>
  ((m.blocks ?? []) as { block_id?: string }[]).map((b) => b.block_id ?? '').filter((b) => b.startsWith('status.row:')).map((b) => b.slice('status.row:'.length));

beforeAll(async () => {
  h = await startJobsHarness('slack-picker', { scenario: pickerScenario() });
  await h.startWorkers();
  const config = configFor(h.azure, h.slack, h.prefix, { ADMIN_SLACK_USERS: 'U_ADMIN', PORT: '0', HOST: '127.0.0.1' });
  web = createSlackApp({ config, jobs: recording(h.port, enqueued), redis: h.redis, logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent') });
  await web.start();
  h.slack.setBotUrl(`http://127.0.0.1:${web.port()}/slack/events`);
});

afterAll(async () => {
  await web?.stop();
  await h?.close();
});

async function postStatus(): Promise<{ ts: string; rows: string[] }> {
  const before = h.slack.messages(CH).filter(isStatus).length;
  await h.slack.command({ user: 'U_ADMIN', channel: CH, text: 'status' });
  const msg = await h.slack.waitFor(() => h.slack.messages(CH).filter(isStatus)[before], 30_000);
  return { ts: msg.ts, rows: rowIds(msg) };
}

const suggest = (user: string, ts: string, value: string) => h.slack.suggest({ user, channel: CH, message_ts: ts, action_id: ACTIONS.statusPick, value });

it('typing "Dev" suggests only the Dev subscriptions the identity can change, unconnected first', async () => {
  const { ts } = await postStatus();
  const res = await suggest('U_ANALYST', ts, 'Dev');
  expect(res.status).toBe(200);
  expect(res.timedOut).toBe(false);
  expect(res.problems).toEqual([]);
  expect(res.payload).toMatchObject({ type: 'block_suggestion', action_id: ACTIONS.statusPick, value: 'Dev', container: { type: 'message', message_ts: ts, channel_id: CH } });
  const dev = Array.from({ length: 59 }, (_, k) => k + 1).filter((i) => i % 4 === 0 && i % 10 !== 3);
  expect(new Set(res.options.map((o) => o.value))).toEqual(new Set(dev.map(id)));
  const connected = res.options.map((o) => /^Connected/.test(o.description.text));
  expect(connected).toEqual([...connected].sort((a, b) => Number(a) - Number(b)));
  // Opening the menu without typing lists every selectable subscription (60 minus 6 Reader-only), ids as values.
  const all = await suggest('U_ANALYST', ts, '');
  expect(all.options).toHaveLength(54);
  expect(all.options.map((o) => o.value)).not.toContain(id(3));
});

it('two subscriptions picked from different pages stay picked across Next and are exactly what gets connected', async () => {
  const { ts, rows: page1 } = await postStatus();
  const offered = (await suggest('U_ADMIN', ts, 'app')).options.map((o) => o.value as string);
  const before = await h.connectedSubscriptions();
  const fresh = offered.filter((v) => !before.has(v));
  const onPage1 = fresh.find((v) => page1.includes(v))!;
  const later = fresh.find((v) => !page1.includes(v))!;
  expect(onPage1).toBeDefined();
  expect(later).toBeDefined();
  await h.slack.action({ user: 'U_ADMIN', channel: CH, message_ts: ts, action_id: ACTIONS.statusPick, selected_options: [onPage1, later] });

  await h.slack.action({ user: 'U_ADMIN', channel: CH, message_ts: ts, action_id: ACTIONS.statusNext });
  const page2 = await h.slack.waitFor(() => {
    const m = h.slack.messages(CH).find((x) => x.ts === ts);
    return m && blocksText(m).includes('Page 2 of 3') ? m : undefined;
  });
  expect(rowIds(page2)).toContain(later);
  // The simulator, like Slack, keeps the pick because the picker's block_id/action_id did not change.
  const count = enqueued.length;
  const click = await h.slack.action({ user: 'U_ADMIN', channel: CH, message_ts: ts, action_id: ACTIONS.connectSelected });
  expect(click.payload.state.values).toMatchObject({ 'status.bulk': { [ACTIONS.statusPick]: { type: 'multi_external_select', selected_options: [{ value: onPage1 }, { value: later }] } } });
  const request = await h.slack.waitFor(() => enqueued.slice(count).find((r) => r.kind === 'connect'));
  expect(request.subscriptionIds).toEqual([onPage1, later]);

  const jobId = (await h.port.recent(20)).find((j) => j.kind === 'connect')!.jobId;
  await h.waitForFinal(jobId);
  expect(await h.connectedSubscriptions()).toEqual(new Set([...before, onPage1, later]));
});

it('the client can only pick offered options; a forged pick of a Reader-only subscription is refused', async () => {
  const { ts } = await postStatus();
  await suggest('U_ADMIN', ts, 'app');
  await expect(h.slack.action({ user: 'U_ADMIN', channel: CH, message_ts: ts, action_id: ACTIONS.statusPick, selected_options: [id(13)] })).rejects.toThrow(/not offered/);

  const count = enqueued.length;
  h.azure.clearRequests();
  const res = await h.slack.rawAction({
    type: 'block_actions',
    user: { id: 'U_ADMIN', username: 'ada', team_id: 'T0SENTINEL' },
    team: { id: 'T0SENTINEL', domain: 'sentinel-secops' },
    api_app_id: 'A_SENTINEL',
    container: { type: 'message', message_ts: ts, channel_id: CH, is_ephemeral: false },
    channel: { id: CH, name: 'soc-alerts' },
    message: { ts, type: 'message' },
    state: { values: { 'status.bulk': { [ACTIONS.statusPick]: { type: 'multi_external_select', selected_options: [{ value: id(13) }, { value: 'not-a-subscription' }] } } } },
    actions: [{ type: 'button', action_id: ACTIONS.connectSelected, block_id: 'status.bulk', action_ts: '1' }],
  });
  expect(res.status).toBe(200);
  const eph = await h.slack.waitFor(() => h.slack.ephemerals(CH, 'U_ADMIN').find((m) => m.text.includes('None of the selected subscriptions can be changed')));
  expect(eph.text).toContain('Contoso Prod - App 13');
  expect(eph.text).toContain('not-a-subscription');
  expect(enqueued.slice(count)).toHaveLength(0);
  expect(h.azure.requests({ method: 'PUT' })).toHaveLength(0);
});

it('a non-admin can search and pick, but "Connect selected" is refused and audited', async () => {
  const { ts } = await postStatus();
  const [first] = (await suggest('U_ANALYST', ts, 'Contoso Prod')).options;
  await h.slack.action({ user: 'U_ANALYST', channel: CH, message_ts: ts, action_id: ACTIONS.statusPick, selected_options: [first.value] });
  const count = enqueued.length;
  await h.slack.action({ user: 'U_ANALYST', channel: CH, message_ts: ts, action_id: ACTIONS.connectSelected });
  await h.slack.waitFor(() => h.slack.ephemerals(CH, 'U_ANALYST').find((m) => m.text.includes('not allowed')));
  const audit = await createAuditStore(h.redis, h.prefix).list({ sinceMs: 60_000 });
  expect(audit.find((e) => e.user === 'U_ANALYST')).toMatchObject({ action: 'connect', result: 'refused', targets: [first.value] });
  expect(enqueued.slice(count)).toHaveLength(0);
});

it('"Connect selected" with nothing picked explains instead of acting', async () => {
  const { ts } = await postStatus();
  const count = enqueued.length;
  await h.slack.action({ user: 'U_ADMIN', channel: CH, message_ts: ts, action_id: ACTIONS.connectSelected });
  await h.slack.waitFor(() => h.slack.ephemerals(CH, 'U_ADMIN').find((m) => m.text.includes('Nothing is selected')));
  expect(enqueued.slice(count)).toHaveLength(0);
});
