import { createAuditStore } from '../../src/store/audit';
import { createRouteStore } from '../../src/store/routes';
import { createStatusSnapshotStore } from '../../src/store/status-snapshot';
import { createSubscriptionsCache } from '../../src/store/subscriptions-cache';
import { createJobRecords } from '../../src/slack/job-records';
import { Coalescer } from '../../src/slack/throttle';
import type { Redis } from '../../src/store/redis';
import { cleanPrefix, testPrefix, withRedis } from '../support/redis';

let redis: Redis;
const prefix = testPrefix('slack-stores');
beforeAll(async () => {
  redis = await withRedis();
});
afterAll(async () => {
  await cleanPrefix(redis, prefix);
  await redis.quit();
});

it('audit: newest first, --since is a time range, the stream is capped', async () => {
  const audit = createAuditStore(redis, prefix);
  await audit.record({ user: 'U1', action: 'connect', targets: ['s1'], result: 'allowed', detail: 'job 1' });
  await audit.record({ user: 'U2', action: 'sync-on', targets: [], result: 'refused' });
  const all = await audit.list({ sinceMs: 60_000 });
  expect(all.map((e) => e.user)).toEqual(['U2', 'U1']);
  expect(all[1]).toMatchObject({ action: 'connect', targets: ['s1'], result: 'allowed', detail: 'job 1' });
  expect(await audit.list({ sinceMs: 1, now: Date.now() - 3_600_000 })).toHaveLength(2);
  expect(await audit.list({ sinceMs: 1_000, now: Date.now() + 3_600_000 })).toHaveLength(0);
  const info = (await redis.call('XINFO', 'STREAM', `${prefix}:audit`)) as unknown[];
  expect(info).toContain('length');
});

it('routes: add, list, get, remove', async () => {
  const routes = createRouteStore(redis, prefix);
  const r = await routes.add({ channel: 'C_SOC', minSeverity: 'Medium', subscriptionIds: ['a'], createdBy: 'U_ADMIN' });
  expect(r.id).toMatch(/^[0-9a-f]{8}$/);
  expect(await routes.get(r.id)).toEqual(r);
  expect(await routes.list()).toEqual([r]);
  expect(await routes.remove(r.id)).toBe(true);
  expect(await routes.remove(r.id)).toBe(false);
});

it('snapshot and subscription cache round-trip', async () => {
  const snap = createStatusSnapshotStore(redis, prefix);
  const cache = createSubscriptionsCache(redis, prefix);
  expect(await snap.load()).toBeUndefined();
  expect(await cache.load()).toBeUndefined();
  const status = { workspace: { subscriptionId: 'w', resourceGroup: 'rg', name: 'ws', onboarded: true, portalUrl: '' }, subscriptions: [], warnings: [], generatedAt: '2026-01-01T00:00:00Z' };
  await snap.save(status);
  expect(await snap.load()).toEqual(status);
  await cache.save([{ subscriptionId: 'a', displayName: 'A' }], 'now');
  expect(await cache.load()).toEqual({ at: 'now', subscriptions: [{ subscriptionId: 'a', displayName: 'A' }] });
});

it('subscription cache sees a list another process wrote after an earlier load', async () => {
  const reader = createSubscriptionsCache(redis, prefix);
  const writer = createSubscriptionsCache(redis, prefix);
  await writer.save([{ subscriptionId: 'a', displayName: 'A' }], 't1');
  expect((await reader.load())?.subscriptions).toEqual([{ subscriptionId: 'a', displayName: 'A' }]);
  await writer.save([{ subscriptionId: 'b', displayName: 'B' }], 't2');
  expect(await reader.load()).toEqual({ at: 't2', subscriptions: [{ subscriptionId: 'b', displayName: 'B' }] });
  await redis.del(`${prefix}:subscriptions:cache`);
  expect(await reader.load()).toBeUndefined();
});

it('job records never keep the response_url and claim the progress message once', async () => {
  const records = createJobRecords(redis, prefix);
  await records.saveRequest('j1', { kind: 'connect', subscriptionIds: ['a'], requestedBy: { userId: 'U' }, reply: { channel: 'C', userId: 'U', responseUrl: 'https://hooks/secret' } });
  expect(JSON.stringify(await records.request('j1'))).not.toContain('secret');
  expect(await records.claimMessage('j1')).toBe(true);
  expect(await records.claimMessage('j1')).toBe(false);
  expect(await records.message('j1')).toBeUndefined();
  await records.saveMessage('j1', { channel: 'C', ts: '1.1' });
  expect(await records.message('j1')).toEqual({ channel: 'C', ts: '1.1' });
});

it('Coalescer: ≤ 1 send per interval per key, and the last state always lands', async () => {
  const sent: { at: number; v: number }[] = [];
  const start = Date.now();
  const c = new Coalescer<number>(async (_k, v) => {
    sent.push({ at: Date.now() - start, v });
  }, 200);
  const pushes = Array.from({ length: 50 }, (_, i) => c.push('job', i));
  await Promise.all(pushes);
  expect(sent.at(-1)!.v).toBe(49);
  expect(sent.length).toBeLessThanOrEqual(3);
  for (let i = 1; i < sent.length; i++) expect(sent[i].at - sent[i - 1].at).toBeGreaterThanOrEqual(190);
});
