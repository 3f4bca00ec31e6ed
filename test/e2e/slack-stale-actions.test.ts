// Clicks on messages drawn from an older state (or forged to look like them): the handler re-reads what it acts on
// from Redis, and the click can neither widen nor change the request. Signed requests through the Slack simulator.
import { startSlackSim, type SlackSim } from '../../sim/slack';
import { loadConfig } from '../../src/config';
import type { SubscriptionStatus, TenantStatus } from '../../src/domain/types';
import { createLogger } from '../../src/log';
import type { JobPort, JobRequest } from '../../src/ports';
import { createSlackApp, type SlackApp } from '../../src/slack/app';
import { ACTIONS } from '../../src/slack/ids';
import { createJobRecords } from '../../src/slack/job-records';
import { createAuditStore } from '../../src/store/audit';
import type { Redis } from '../../src/store/redis';
import { createStatusSnapshotStore } from '../../src/store/status-snapshot';
import { cleanPrefix, redisUrl, testPrefix, withRedis } from '../support/redis';

jest.setTimeout(60_000);

const prefix = testPrefix('slack-stale');
const CH = 'C_SOC';
const enqueued: JobRequest[] = [];
let sim: SlackSim;
let web: SlackApp;
let redis: Redis;

const jobs: JobPort = {
  enqueue: async (request) => {
    enqueued.push(request);
    return { jobId: `job-${enqueued.length}`, joined: false };
  },
  cancel: async () => true,
  recent: async () => [],
};

const sub = (i: number, over: Partial<SubscriptionStatus> = {}): SubscriptionStatus => ({
  subscriptionId: `00000000-0000-4000-8000-00000000000${i}`,
  displayName: `Contoso ${i}`,
  state: 'Enabled',
  connection: 'not-connected',
  connected: false,
  plans: 'some',
  enabledPlans: [],
  disabledPlans: [],
  plansPortalUrl: 'https://portal.azure.com/x',
  biDirectionalSync: 'off',
  providerRegistered: true,
  permissions: { connect: true, toggleSync: true, enablePlans: true, reasons: {} },
  warnings: [],
  ...over,
});
// Contoso 2 lost its write access since its row menu was drawn.
const SUBS = [sub(1), sub(2, { permissions: { connect: false, toggleSync: false, enablePlans: false, reasons: { connect: 'Needs Contributor or Owner on the subscription.' } } })];
const STATUS: TenantStatus = {
  workspace: { subscriptionId: 'w', resourceGroup: 'rg', name: 'ws', onboarded: true, portalUrl: 'https://portal.azure.com/ws' },
  subscriptions: SUBS,
  warnings: [],
  generatedAt: new Date().toISOString(),
};

beforeAll(async () => {
  redis = await withRedis();
  sim = await startSlackSim({ rateLimits: { enabled: false } });
  const config = loadConfig({
    ...sim.env,
    AZURE_TENANT_ID: 't',
    SENTINEL_SUBSCRIPTION_ID: '00000000-0000-0000-0000-000000000000',
    SENTINEL_RESOURCE_GROUP: 'rg',
    SENTINEL_WORKSPACE_NAME: 'ws',
    REDIS_URL: redisUrl(),
    REDIS_PREFIX: prefix,
    ADMIN_SLACK_USERS: 'U_ADMIN',
    PORT: '0',
    HOST: '127.0.0.1',
  });
  web = createSlackApp({ config, jobs, redis, logger: createLogger('silent') });
  await web.start();
  sim.setBotUrl(`http://127.0.0.1:${web.port()}/slack/events`);
  await createStatusSnapshotStore(redis, prefix).save(STATUS);
});

afterAll(async () => {
  await web?.stop();
  await sim?.close();
  await cleanPrefix(redis, prefix);
  await redis.quit();
});

function click(user: string, action: Record<string, unknown>) {
  return sim.rawAction({
    type: 'block_actions',
    user: { id: user, username: user.toLowerCase(), team_id: 'T0SENTINEL' },
    team: { id: 'T0SENTINEL', domain: 'sentinel-secops' },
    api_app_id: 'A_SENTINEL',
    container: { type: 'message', message_ts: '1700000000.000100', channel_id: CH, is_ephemeral: false },
    channel: { id: CH, name: 'secops' },
    message: { ts: '1700000000.000100', type: 'message' },
    actions: [{ block_id: 'b', action_ts: '1', ...action }],
  });
}

const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 300));

it('"Retry failed" on a dry run stays a dry run', async () => {
  const records = createJobRecords(redis, prefix);
  const [a, b] = SUBS.map((s) => s.subscriptionId);
  await records.saveRequest('connect-dry-1', { kind: 'connect', subscriptionIds: [a, b], dryRun: true, requestedBy: { userId: 'U_ADMIN' }, reply: { channel: CH, userId: 'U_ADMIN' } });
  await records.saveResult('connect-dry-1', { action: 'connect', dryRun: true, results: [{ subscriptionId: a, outcome: 'failed', detail: 'timeout' }, { subscriptionId: b, outcome: 'would-change', detail: 'would connect' }] });
  const count = enqueued.length;
  const res = await click('U_ADMIN', { type: 'button', action_id: ACTIONS.jobRetryFailed, value: 'connect-dry-1' });
  expect(res.status).toBe(200);
  const retry = await sim.waitFor(() => enqueued.slice(count).find((r) => r.kind === 'connect'));
  expect(retry).toMatchObject({ subscriptionIds: [a], dryRun: true, requestedBy: { userId: 'U_ADMIN' } });
});

it('a row menu choice the current status no longer allows is explained, audited and not queued', async () => {
  const count = enqueued.length;
  const target = SUBS[1].subscriptionId;
  await click('U_ADMIN', { type: 'overflow', action_id: ACTIONS.rowMenu, selected_option: { value: `connect:${target}` } });
  const eph = await sim.waitFor(() => sim.ephemerals(CH, 'U_ADMIN').find((m) => m.text.includes('cannot be changed that way now')));
  expect(eph.text).toContain('Needs Contributor or Owner');
  await settle();
  expect(enqueued.slice(count)).toHaveLength(0);
  const audit = await createAuditStore(redis, prefix).list({ sinceMs: 60_000 });
  expect(audit.find((e) => e.user === 'U_ADMIN' && e.targets.includes(target))).toMatchObject({ action: 'connect', result: 'refused' });
});

it('a non-admin row menu choice is refused and audited before anything else', async () => {
  const count = enqueued.length;
  const target = SUBS[0].subscriptionId;
  await click('U_MALLORY', { type: 'overflow', action_id: ACTIONS.rowMenu, selected_option: { value: `disconnect:${target}` } });
  await sim.waitFor(() => sim.ephemerals(CH, 'U_MALLORY').find((m) => m.text.includes('not allowed')));
  await settle();
  expect(enqueued.slice(count)).toHaveLength(0);
  // No "Disconnect?" prompt with a live button was drawn for someone who may not use it.
  expect(sim.ephemerals(CH, 'U_MALLORY').some((m) => JSON.stringify(m.blocks ?? []).includes(ACTIONS.disconnectConfirm))).toBe(false);
  const audit = await createAuditStore(redis, prefix).list({ sinceMs: 60_000 });
  expect(audit.find((e) => e.user === 'U_MALLORY')).toMatchObject({ action: 'disconnect', result: 'refused', targets: [target] });
});

it('the allowed row menu choice still goes through', async () => {
  const count = enqueued.length;
  await click('U_ADMIN', { type: 'overflow', action_id: ACTIONS.rowMenu, selected_option: { value: `connect:${SUBS[0].subscriptionId}` } });
  const request = await sim.waitFor(() => enqueued.slice(count).find((r) => r.kind === 'connect'));
  expect(request.subscriptionIds).toEqual([SUBS[0].subscriptionId]);
});
