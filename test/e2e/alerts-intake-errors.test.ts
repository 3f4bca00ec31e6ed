// Alert intake when Log Analytics misbehaves: partial answers, failed queries and long outages, through the real
// LogsQueryClient against the simulator. Every qualifying alert is posted exactly once and the watermark never moves
// past what was read in full.
import type { AlertInput, CreatedAlert } from '../../sim/azure';
import { alertMetrics } from '../../src/jobs/alerts/metrics';
import { FAST, startHarness, SUBS, type Harness } from './alerts-harness';

const QUERY = '/query$';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ids = (h: Harness) => h.cards('C_SOC').map((m) => m.metadata?.event_payload?.systemAlertId as string);
const sorted = (list: readonly string[]) => [...list].sort();
const idsOf = (alerts: readonly CreatedAlert[]) => sorted(alerts.map((a) => a.systemAlertId));

/** One alert at a time, so every row has its own ingestion instant and slices can cut between them. */
async function createSpaced(h: Harness, inputs: AlertInput[]): Promise<CreatedAlert[]> {
  const out: CreatedAlert[] = [];
  for (const input of inputs) {
    out.push(...h.createAlerts([input]));
    await sleep(3);
  }
  return out;
}

const high = (n: number, name: string): AlertInput[] => Array.from({ length: n }, (_, i) => ({ subscriptionId: SUBS.payments, severity: 'High', displayName: `${name}-${i}` }));

/** The newest ingestion time in the workspace: where a caught-up watermark must stand (never "now"). */
function newestIngestion(h: Harness): string {
  return new Date(Math.max(...h.azure.state.workspace.rows.map((r) => r.ingestedAt))).toISOString();
}

async function failedPolls(): Promise<number> {
  return (await alertMetrics.polls.get()).values.find((v) => v.labels.outcome === 'error')?.value ?? 0;
}

describe('alert intake: partial answers, query errors and outages', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  it('a partial answer posts what it holds once and reads the window again with half the limit in the same poll', async () => {
    h = await startHarness('intake-partial-retry');
    const created = await createSpaced(h, high(5, 'retry'));

    h.azure.setFaults({ path: QUERY, partialRows: 2, count: 1 });
    const poll = await h.alerting.pollOnce();
    await h.alerting.idle(60_000);
    expect(poll).toMatchObject({ outcome: 'ok', stop: 'caught-up', slices: 2, partialSlices: 1, newCards: 5, limit: 1000, reducedLimit: true });
    expect(h.azure.requests({ path: /\/query$/ }).slice(-2).map((r) => /take (\d+)/.exec(String((r.body as { query: string }).query))?.[1])).toEqual(['2000', '1000']);
    expect(sorted(ids(h))).toEqual(idsOf(created));
    expect(await h.alerting.store.getWatermark()).toBe(newestIngestion(h));

    // Complete slices bring the limit back.
    expect(await h.alerting.pollOnce()).toMatchObject({ outcome: 'ok', partialSlices: 0, newCards: 0, limit: 2000, reducedLimit: false });
    expect(ids(h)).toHaveLength(5);
  });

  it('a partial answer with no budget left keeps the watermark and remembers the smaller limit; the next poll posts the rest', async () => {
    h = await startHarness('intake-partial', { ...FAST, intake: { maxSlices: 1 } });
    const start = await h.alerting.store.getWatermark();
    const created = await createSpaced(h, high(5, 'partial'));

    h.azure.setFaults({ path: QUERY, partialRows: 2, count: 1 });
    const partial = await h.alerting.pollOnce();
    await h.alerting.idle(60_000);
    expect(partial).toMatchObject({ outcome: 'partial', stop: 'partial', slices: 1, rows: 2, newCards: 2, watermark: start, partialSlices: 1, limit: 1000, reducedLimit: true });
    expect(await h.alerting.store.getWatermark()).toBe(start);
    expect(await h.alerting.store.getSliceLimit(start as string)).toBe(1000);
    // The partial table is the oldest prefix of the slice.
    expect(sorted(ids(h))).toEqual(idsOf(created.slice(0, 2)));

    // A card from the partial answer changes status before the healthy poll: updated, not posted again.
    h.azure.setAlertStatus(created[0].name, 'Resolved');
    const healthy = await h.alerting.pollOnce();
    await h.alerting.idle(60_000);
    expect(healthy).toMatchObject({ outcome: 'ok', stop: 'caught-up', newCards: 3, changes: 1, partialSlices: 0 });
    expect(/take (\d+)/.exec(String((h.azure.requests({ path: /\/query$/ }).at(-1)?.body as { query: string }).query))?.[1]).toBe('1000');
    expect(ids(h)).toHaveLength(5);
    expect(sorted(ids(h))).toEqual(idsOf(created));
    expect(await h.alerting.store.getWatermark()).toBe(newestIngestion(h));

    await h.pollAndSettle();
    expect(ids(h)).toHaveLength(5);
    expect(h.slack.calls('chat.postMessage').filter((c) => c.ok && c.args.channel === 'C_SOC' && !c.args.thread_ts)).toHaveLength(5);
  });

  it('a slice that always comes back partial is read with smaller limits: intake keeps moving, posts every alert once, then the limit recovers', async () => {
    h = await startHarness('intake-oversized', { ...FAST, intake: { limit: 16, minLimit: 2, maxSlices: 4 }, storm: { cardLimit: 50 } });
    const { store } = h.alerting;
    const start = await store.getWatermark();
    // Any answer over 5 rows is cut off, for good: the old poller re-read the same 5 rows on every tick.
    h.azure.setFaults({ path: QUERY, partialAboveRows: 5 });
    const created = await createSpaced(h, (['High', 'High', 'Low', 'High', 'High', 'Medium', 'High'] as const).flatMap((severity, i) => [
      { subscriptionId: SUBS.payments, severity, displayName: `oversized-${i}` },
      { subscriptionId: SUBS.payments, severity: 'High' as const, displayName: `oversized-${i}-b` },
    ]));
    const qualifying = created.filter((a) => a.severity === 'High');
    expect(qualifying.length).toBeGreaterThan(5);

    const polls = [];
    const marks = [start];
    for (let i = 0; i < 10 && polls.at(-1)?.stop !== 'caught-up'; i++) {
      polls.push(await h.alerting.pollOnce());
      marks.push(await store.getWatermark());
    }
    await h.alerting.idle(60_000);
    expect(polls.length).toBeGreaterThan(1);
    expect(polls.at(-1)?.stop).toBe('caught-up');
    // Every poll moved the watermark, on a reduced limit, although partial answers kept coming.
    for (let i = 1; i < marks.length; i++) expect(Date.parse(marks[i] as string)).toBeGreaterThan(Date.parse(marks[i - 1] as string));
    expect(polls.every((p) => p.outcome === 'ok' && p.reducedLimit && p.limit === 4)).toBe(true);
    expect(polls[0]).toMatchObject({ partialSlices: 2, stop: 'budget' });
    expect(polls.reduce((n, p) => n + p.partialSlices, 0)).toBeLessThanOrEqual(polls.length * 2);
    expect((await alertMetrics.sliceLimit.get()).values[0]?.value).toBe(4);

    expect(ids(h)).toHaveLength(qualifying.length);
    expect(sorted(ids(h))).toEqual(idsOf(qualifying));
    expect(polls.reduce((n, p) => n + p.newCards, 0)).toBe(qualifying.length);
    expect(await store.getWatermark()).toBe(newestIngestion(h));

    // Caught up while the fault stays: one probe at a larger limit per poll, nothing new, the watermark stays.
    const steady = await h.alerting.pollOnce();
    expect(steady).toMatchObject({ outcome: 'ok', stop: 'caught-up', partialSlices: 1, newCards: 0, limit: 4, watermark: newestIngestion(h) });

    // Answers small enough again: complete slices double the limit back to the configured one, and it is forgotten.
    h.azure.clearFaults();
    const recovered = await h.alerting.pollOnce();
    expect(recovered).toMatchObject({ outcome: 'ok', stop: 'caught-up', partialSlices: 0, newCards: 0, limit: 16, reducedLimit: false });
    expect(await store.getSliceLimit(newestIngestion(h))).toBeUndefined();
    expect((await alertMetrics.sliceLimit.get()).values[0]?.value).toBe(16);
    await h.alerting.idle(60_000);
    expect(ids(h)).toHaveLength(qualifying.length);
    expect(h.slack.calls('chat.postMessage').filter((c) => c.ok && c.args.channel === 'C_SOC' && !c.args.thread_ts)).toHaveLength(qualifying.length);
  });

  it('a 503 or a BadArgumentError fails the poll visibly and keeps the watermark; the next poll catches up', async () => {
    h = await startHarness('intake-errors');
    const { store } = h.alerting;
    const start = await store.getWatermark();
    const first = await createSpaced(h, high(3, 'before-503'));

    // Retry-After 0: the SDK's own retries run at once and all fail, as in a real outage.
    h.azure.setFaults({ path: QUERY, status: 503, retryAfter: 0 });
    const failedBefore = await failedPolls();
    const down = await h.alerting.pollOnce();
    expect(down).toMatchObject({ outcome: 'error', slices: 0, rows: 0, newCards: 0, watermark: start });
    expect(down.error).toMatch(/HTTP 503/);
    expect(await failedPolls()).toBe(failedBefore + 1);
    expect(await store.getWatermark()).toBe(start);
    expect(h.azure.requests({ path: /\/query$/ }).filter((r) => r.status === 503).length).toBeGreaterThan(1);
    await h.alerting.idle(60_000);
    expect(ids(h)).toHaveLength(0);

    h.azure.clearFaults();
    expect(await h.alerting.pollOnce()).toMatchObject({ outcome: 'ok', newCards: 3 });
    await h.alerting.idle(60_000);
    expect(sorted(ids(h))).toEqual(idsOf(first));
    const caughtUp = await store.getWatermark();
    expect(caughtUp).toBe(newestIngestion(h));

    const second = await createSpaced(h, high(2, 'before-400'));
    h.azure.clearRequests();
    h.azure.setFaults({ path: QUERY, status: 400, code: 'BadArgumentError', message: 'The request had some invalid properties', count: 1 });
    const rejected = await h.alerting.pollOnce();
    expect(rejected).toMatchObject({ outcome: 'error', newCards: 0, watermark: caughtUp });
    expect(rejected.error).toMatch(/rejected the query/);
    expect(await failedPolls()).toBe(failedBefore + 2);
    expect(h.azure.requests({ path: /\/query$/ }).map((r) => r.status)).toEqual([400]);
    expect(await store.getWatermark()).toBe(caughtUp);

    await h.pollAndSettle();
    expect(ids(h)).toHaveLength(5);
    expect(sorted(ids(h))).toEqual(idsOf([...first, ...second]));
    expect(await store.getWatermark()).toBe(newestIngestion(h));
  });

  it('after several failed polls, catch-up reads in slices across polls and posts every qualifying alert once', async () => {
    h = await startHarness('intake-outage', { ...FAST, intake: { limit: 3, maxSlices: 2 }, storm: { cardLimit: 50 } });
    const { store } = h.alerting;
    const start = await store.getWatermark();
    h.azure.setFaults({ path: QUERY, status: 503, retryAfter: 0 });
    const created: CreatedAlert[] = [];
    for (let poll = 0; poll < 3; poll++) {
      created.push(...await createSpaced(h, (['High', 'Medium', 'High', 'Low', 'Informational'] as const).map((severity, i) => ({
        subscriptionId: SUBS.payments, severity, displayName: `outage-${poll}-${i}`,
      }))));
      expect(await h.alerting.pollOnce()).toMatchObject({ outcome: 'error', watermark: start });
    }
    // A second row for one alert: it is read once, in its latest state.
    h.azure.setAlertStatus(created[0].name, 'Resolved');
    expect(await store.getWatermark()).toBe(start);

    h.azure.clearFaults();
    const polls = [];
    for (let i = 0; i < 10 && polls.at(-1)?.stop !== 'caught-up'; i++) polls.push(await h.alerting.pollOnce());
    expect(polls.every((p) => p.outcome === 'ok')).toBe(true);
    expect(polls[0]).toMatchObject({ stop: 'budget', slices: 2 });
    expect(polls.length).toBeGreaterThan(2);
    expect(polls.at(-1)?.stop).toBe('caught-up');
    await h.alerting.idle(60_000);

    const qualifying = created.filter((a) => a.severity === 'High');
    expect(ids(h)).toHaveLength(qualifying.length);
    expect(sorted(ids(h))).toEqual(idsOf(qualifying));
    expect(polls.reduce((n, p) => n + p.newCards, 0)).toBe(qualifying.length);
    expect(await store.getWatermark()).toBe(newestIngestion(h));

    await h.pollAndSettle();
    expect(ids(h)).toHaveLength(qualifying.length);
  });
});
