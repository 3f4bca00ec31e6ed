import { SMALL_SUBSCRIPTIONS as S, type AzureSim } from '../../sim/azure';
import { clients, control, credential, failure, startSim } from './azure-sim-clients';

describe('azure sim: ARM throttling', () => {
  let sim: AzureSim;
  // Scale 0.02: reads bucket 5, refill 0.5/s → Retry-After 2 s; writes bucket 4, refill 0.2/s.
  beforeAll(async () => {
    sim = await startSim({ throttleScale: 0.02 });
  });
  afterAll(() => sim.close());

  test('reads drain the bucket, 429 + Retry-After follows, and the SDK retry policy honours it', async () => {
    const c = clients(sim, credential(sim), { maxRetries: 3 });
    const sec = c.security(S.web);
    for (let i = 0; i < 5; i++) await sec.pricings.get('VirtualMachines');
    const t0 = Date.now();
    const p = await sec.pricings.get('VirtualMachines');
    expect(p.pricingTier).toBe('Standard');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1900);
    const log = sim.requests({ path: new RegExp(`${S.web}/providers/Microsoft.Security/pricings`) });
    const throttled = log.filter((r) => r.status === 429);
    expect(throttled.length).toBeGreaterThanOrEqual(1);
    expect(throttled[0].throttled).toBe(true);
    expect(log.at(-1)!.status).toBe(200);
  });

  test('429 carries ARM TooManyRequests envelope, Retry-After and remaining-count headers; buckets are per principal and subscription', async () => {
    sim.setThrottleScale(0.02);
    const raw = clients(sim).raw;
    const url = `/subscriptions/${S.payments}/providers/Microsoft.Security/settings/Sentinel?api-version=2021-07-01`;
    const remaining: string[] = [];
    for (let i = 0; i < 5; i++) remaining.push((await raw('GET', url)).headers['x-ms-ratelimit-remaining-subscription-reads']);
    expect(remaining).toEqual(['4', '3', '2', '1', '0']);
    const r = await raw('GET', url);
    expect(r.status).toBe(429);
    expect(r.headers['retry-after']).toBe('2');
    expect(r.body.error.code).toBe('TooManyRequests');
    expect((await clients(sim, credential(sim, 'readonly')).raw('GET', url)).status).toBe(200);
    expect((await raw('GET', `/subscriptions/${S.web}/providers/Microsoft.Security/settings/Sentinel?api-version=2021-07-01`)).status).toBe(200);
  });

  test('writes and deletes have their own buckets with -writes/-deletes headers', async () => {
    sim.setThrottleScale(0.02);
    const raw = clients(sim).raw;
    const url = `/subscriptions/${S.sandbox}/providers/Microsoft.Security/settings/Sentinel?api-version=2021-07-01`;
    const statuses: number[] = [];
    let last: Record<string, string> = {};
    for (let i = 0; i < 5; i++) {
      const r = await raw('PUT', url, { kind: 'AlertSyncSettings', properties: { enabled: true } });
      statuses.push(r.status);
      last = r.headers;
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    expect(last['retry-after']).toBe('5');
    const del = await raw('DELETE', `/subscriptions/${S.secops}/resourceGroups/rg-sentinel/providers/Microsoft.OperationalInsights/workspaces/law-sentinel-prod/providers/Microsoft.SecurityInsights/dataConnectors/none?api-version=2022-09-01-preview`);
    expect(del.headers['x-ms-ratelimit-remaining-subscription-deletes']).toBe('3');
  });

  test('scale 0 disables throttling', async () => {
    sim.setThrottleScale(0);
    const raw = clients(sim).raw;
    for (let i = 0; i < 30; i++) expect((await raw('GET', `/subscriptions/${S.qa}/providers/Microsoft.Security/pricings?api-version=2022-03-01`)).status).toBe(200);
  });
});

describe('azure sim: injected faults', () => {
  let sim: AzureSim;
  beforeAll(async () => {
    sim = await startSim();
  });
  afterAll(() => sim.close());
  afterEach(() => sim.clearFaults());

  test('503 with Retry-After (count 1) is retried by the SDK', async () => {
    sim.setFaults({ path: '/pricings$', status: 503, retryAfter: 1, count: 1 });
    const c = clients(sim, credential(sim), { maxRetries: 3 });
    const list = await c.security(S.web).pricings.list();
    expect(list.value!.length).toBeGreaterThan(0);
    const log = sim.requests({ path: /pricings$/ });
    expect(log.map((r) => r.status)).toEqual([503, 200]);
    expect(log[0].fault).toBeDefined();
  });

  test('ARM error codes, method and subscription matching, via the control API', async () => {
    const { ids } = await control(sim, 'POST', '/faults', [{ method: 'PUT', path: 'dataConnectors', subscriptionId: S.secops, status: 409, code: 'AnotherOperationInProgress', message: 'busy' }]);
    expect(ids).toHaveLength(1);
    expect((await control(sim, 'GET', '/faults')).faults).toHaveLength(1);
    const c = clients(sim);
    const err = await failure(c.sentinel.dataConnectors.createOrUpdate('rg-sentinel', 'law-sentinel-prod', 'x', { kind: 'AzureSecurityCenter', subscriptionId: S.data, dataTypes: { alerts: { state: 'Enabled' } } }));
    expect(err.statusCode).toBe(409);
    expect(err.code).toBe('AnotherOperationInProgress');
    const list = [];
    for await (const d of c.sentinel.dataConnectors.list('rg-sentinel', 'law-sentinel-prod')) list.push(d);
    expect(list.length).toBeGreaterThan(0);
    await control(sim, 'DELETE', '/faults');
    expect((await control(sim, 'GET', '/faults')).faults).toHaveLength(0);
  });

  test('500 without retries surfaces InternalServerError; probability 0 never fires', async () => {
    sim.setFaults([{ path: 'settings', status: 500 }, { path: 'pricings', status: 500, probability: 0 }]);
    const c = clients(sim);
    const err = await failure(c.security(S.web).settings.get('Sentinel'));
    expect(err.statusCode).toBe(500);
    expect(err.code).toBe('InternalServerError');
    expect((await c.security(S.web).pricings.list()).value!.length).toBeGreaterThan(0);
  });

  test('429 faults honour Retry-After and latency faults delay the answer', async () => {
    sim.setFaults([{ path: '^/subscriptions$', status: 429, retryAfter: 1, count: 1 }, { path: '/providers/Microsoft.Security$', latencyMs: 200 }]);
    const c = clients(sim, credential(sim), { maxRetries: 2 });
    const subs = [];
    for await (const s of c.subscriptions.subscriptions.list()) subs.push(s);
    expect(subs.length).toBe(13);
    const t0 = Date.now();
    await c.resources(S.web).providers.get('Microsoft.Security');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(190);
  });

  test('request log: GET/DELETE /_sim/requests', async () => {
    await control(sim, 'DELETE', '/requests');
    await clients(sim).security(S.web).pricings.list();
    const { requests } = await control(sim, 'GET', '/requests?path=pricings');
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: 'GET', status: 200, operation: 'pricings.list', apiVersion: '2022-03-01', subscriptionId: S.web });
  });
});
