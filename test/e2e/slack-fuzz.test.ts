// Property: whatever arrives — random command text, malformed or forged interactive payloads — the app answers every
// well-signed request with 200, never crashes or leaks an unhandled rejection, and a non-admin never gets anything
// mutating enqueued. Requests are signed and delivered over HTTP by the Slack simulator.
import fc from 'fast-check';
import { startSlackSim, type SlackSim } from '../../sim/slack';
import { loadConfig } from '../../src/config';
import type { SubscriptionStatus, TenantStatus } from '../../src/domain/types';
import { createLogger } from '../../src/log';
import type { JobPort, JobRequest } from '../../src/ports';
import { createSlackApp, type SlackApp } from '../../src/slack/app';
import { ACTIONS } from '../../src/slack/ids';
import { MUTATING_KINDS } from '../../src/slack/submit';
import { createAuditStore } from '../../src/store/audit';
import type { Redis } from '../../src/store/redis';
import { createRouteStore } from '../../src/store/routes';
import { createStatusSnapshotStore } from '../../src/store/status-snapshot';
import { createSubscriptionsCache } from '../../src/store/subscriptions-cache';
import { cleanPrefix, redisUrl, testPrefix, withRedis } from '../support/redis';

jest.setTimeout(300_000);

const prefix = testPrefix('slack-fuzz');
const CH = 'C_SOC';
const NON_ADMINS = ['U_MALLORY', 'U_ANALYST'];
const enqueued: JobRequest[] = [];
const rejections: unknown[] = [];
const onRejection = (reason: unknown): void => {
  rejections.push(reason);
};
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

const SUBS: SubscriptionStatus[] = Array.from({ length: 30 }, (_, i) => ({
  subscriptionId: `0000000${i % 10}-0000-4000-8000-0000000000${String(i).padStart(2, '0')}`,
  displayName: `Contoso ${['Prod', 'Dev', 'Test'][i % 3]} ${i}`,
  state: 'Enabled',
  connection: i % 2 ? 'connected' : 'not-connected',
  connected: i % 2 === 1,
  plans: 'some',
  enabledPlans: [],
  disabledPlans: [],
  plansPortalUrl: 'https://portal.azure.com/x',
  biDirectionalSync: 'off',
  providerRegistered: true,
  permissions: { connect: true, toggleSync: true, enablePlans: true, reasons: {} },
  warnings: [],
}));
const STATUS: TenantStatus = {
  workspace: { subscriptionId: 'w', resourceGroup: 'rg', name: 'ws', onboarded: true, portalUrl: 'https://portal.azure.com/ws' },
  subscriptions: SUBS,
  warnings: [],
  generatedAt: new Date().toISOString(),
};

beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  redis = await withRedis();
  sim = await startSlackSim({ rateLimits: { enabled: false }, responseUrlLimits: { maxUses: 1000 } });
  const config = loadConfig({
    ...sim.env,
    AZURE_TENANT_ID: 't',
    SENTINEL_SUBSCRIPTION_ID: '00000000-0000-0000-0000-000000000000',
    SENTINEL_RESOURCE_GROUP: 'rg',
    SENTINEL_WORKSPACE_NAME: 'ws',
    REDIS_URL: redisUrl(),
    REDIS_PREFIX: prefix,
    ADMIN_SLACK_USERS: 'U_ADMIN',
    ADMIN_SLACK_USERGROUPS: 'S_SECADMINS',
    PORT: '0',
    HOST: '127.0.0.1',
  });
  web = createSlackApp({ config, jobs, redis, logger: createLogger('silent') });
  await web.start();
  sim.setBotUrl(`http://127.0.0.1:${web.port()}/slack/events`);
  await createStatusSnapshotStore(redis, prefix).save(STATUS);
  await createSubscriptionsCache(redis, prefix).saveFromStatus(STATUS);
});

afterAll(async () => {
  process.off('unhandledRejection', onRejection);
  await web?.stop();
  await sim?.close();
  await cleanPrefix(redis, prefix);
  await redis.quit();
});

const VOCAB = [
  'help', 'status', 'prereqs', 'connect', 'disconnect', 'sync', 'incidents', 'alerts', 'query', 'notify', 'audit', 'jobs',
  'all', 'on', 'off', 'list', 'remove', '--dry-run', '--min-severity', '--severity', '--since', '--subscriptions', '--', '—',
  'High', 'informational', '24h', '0m', '999999d', 'Contoso', '"Contoso Prod 3"', '“Dev 4”', '"', '<#C_SOC|soc>', '<#C123>', '<!channel>',
  '<@U_ADMIN>', '&amp;', '*bold*', '`x`', '🛡️', '日本語', SUBS[3].subscriptionId, 'not-connected', 'errors', ',', '=',
];
const commandText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.array(fc.constantFrom(...VOCAB), { maxLength: 8 }).map((t) => t.join(' ')),
  fc.tuple(fc.constantFrom('connect all', 'sync all on', 'disconnect Contoso', 'incidents on', 'notify <#C_SOC|soc>', 'notify remove abc', 'connect "Contoso Prod 3" --dry-run'), fc.string({ maxLength: 20 })).map(([a, b]) => `${a} ${b}`),
);

const ACTION_IDS = [...Object.values(ACTIONS), 'unknown.action', '', 'x'.repeat(300)];
const value = fc.oneof(
  fc.string({ maxLength: 100 }),
  fc.constantFrom('connect:' + SUBS[0].subscriptionId, 'disconnect:' + SUBS[1].subscriptionId, 'sync-on:x', 'all:1', 'errors:99999', SUBS[2].subscriptionId, 'job-1', ':', 'prereqs:'),
);
const anything = fc.anything({ maxDepth: 2 });
const actionPayload = fc.record(
  {
    type: fc.constantFrom('block_actions', 'block_actions', 'block_suggestion', 'interactive_message', 'view_submission', 'shortcut', 'nonsense'),
    // block_suggestion carries action_id and the typed value at the top level.
    action_id: fc.constantFrom(...ACTION_IDS),
    value,
    user: fc.oneof(fc.record({ id: fc.constantFrom(...NON_ADMINS, '', 'not-a-user', 'W_EXTERNAL') }), anything),
    team: fc.oneof(fc.constant({ id: 'T0SENTINEL' }), anything),
    container: fc.oneof(
      fc.record({ type: fc.constantFrom('message', 'view', 'weird'), message_ts: fc.string({ maxLength: 20 }), channel_id: fc.constantFrom(CH, 'C_NOPE', ''), is_ephemeral: fc.boolean() }, { requiredKeys: [] }),
      anything,
    ),
    channel: fc.oneof(fc.record({ id: fc.constantFrom(CH, 'C_NOPE', 'D123') }), anything),
    state: fc.oneof(
      fc.record({ values: fc.dictionary(fc.string({ maxLength: 10 }), fc.dictionary(fc.constantFrom(ACTIONS.statusPick, ACTIONS.incidentsSeverities, 'x'), fc.oneof(fc.record({ selected_options: fc.array(fc.oneof(fc.record({ value }), anything), { maxLength: 5 }) }), anything))) }),
      anything,
    ),
    actions: fc.array(
      fc.oneof(
        fc.record({ type: fc.constantFrom('button', 'overflow', 'static_select', 'multi_static_select', 'multi_external_select', 'checkboxes'), action_id: fc.constantFrom(...ACTION_IDS), block_id: fc.string({ maxLength: 30 }), value, selected_option: fc.oneof(fc.record({ value }), anything), action_ts: fc.constant('1') }, { requiredKeys: ['action_id'] }),
        anything,
      ),
      { maxLength: 2 },
    ),
    response_url: fc.constantFrom(undefined, 'not a url'),
  },
  { requiredKeys: ['type'] },
);

async function settle(): Promise<void> {
  await new Promise((r) => setTimeout(r, 500));
}

it('thousands of random command texts from non-admins: always 200, never a mutating job', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...NON_ADMINS), commandText), { minLength: 20, maxLength: 20 }), async (batch) => {
      const results = await Promise.all(batch.map(([user, text]) => sim.command({ user, channel: CH, text })));
      for (const r of results) {
        expect(r.status).toBe(200);
        expect(r.timedOut).toBe(false);
      }
    }),
    { numRuns: 60 },
  );
  await settle();
  expect(enqueued.filter((r) => MUTATING_KINDS.has(r.kind))).toEqual([]);
  expect(await createRouteStore(redis, prefix).list()).toEqual([]);
  const refusals = (await createAuditStore(redis, prefix).list({ sinceMs: 3_600_000, limit: 10_000 })).filter((e) => e.result === 'refused');
  expect(refusals.length).toBeGreaterThan(0);
  expect(refusals.every((e) => NON_ADMINS.includes(e.user))).toBe(true);
  expect(rejections).toEqual([]);
});

it('thousands of malformed and forged interactive payloads: always answered with 200, nothing mutating enqueued', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(actionPayload, { minLength: 20, maxLength: 20 }), async (batch) => {
      const results = await Promise.all(batch.map((p) => sim.rawAction(p as Record<string, unknown>)));
      for (const r of results) {
        expect(r.status).toBe(200);
        expect(r.timedOut).toBe(false);
      }
    }),
    { numRuns: 60 },
  );
  await settle();
  expect(enqueued.filter((r) => MUTATING_KINDS.has(r.kind))).toEqual([]);
  expect(rejections).toEqual([]);
});

it('an admin using the same paths does get work enqueued (the property is not vacuous)', async () => {
  const r = await sim.command({ user: 'U_ADMIN', channel: CH, text: 'connect "Contoso Prod 3"' });
  expect(r.status).toBe(200);
  await sim.waitFor(() => enqueued.find((q) => q.kind === 'connect' && q.requestedBy.userId === 'U_ADMIN'));
});
