// The job system against real Redis, the Azure simulator (real gateway) and the Slack simulator (real presenter).
import { Queue, type Job } from 'bullmq';
import { SMALL_SUBSCRIPTIONS as S } from '../../sim/azure';
import { QUEUES } from '../../src/jobs';
import { CHANNEL, startJobsHarness, type JobsHarness } from '../support/jobs-harness';

jest.setTimeout(120_000);

const CONNECTABLE = [S.secops, S.payments, S.web, S.identity, S.data, S.sandbox, S.networking, S.analytics];
const UNCONNECTABLE: Record<string, string> = {
  [S.archive]: 'MissingSubscriptionRegistration',
  [S.qa]: 'InvalidLicense',
  [S.finance]: 'AuthorizationFailed',
  [S.partner]: 'AuthorizationFailed',
  [S.decommissioned]: 'ReadOnlyDisabledSubscription',
};
const ALL_SMALL = Object.values(S);

let h: JobsHarness;
let items: Queue;

beforeAll(async () => {
  h = await startJobsHarness('jobs');
  await h.startWorkers();
  items = new Queue(QUEUES.bulkItems, { connection: h.redis, prefix: h.prefix });
});

afterAll(async () => {
  await items?.close();
  await h?.close();
});

beforeEach(() => {
  h.azure.loadScenario('small');
  h.azure.clearFaults();
  h.azure.setThrottleScale(1);
  h.azure.clearRequests();
  h.slack.reset();
});

async function childrenOf(jobId: string): Promise<Job[]> {
  const jobs = await items.getJobs(['completed', 'failed'], 0, -1);
  return jobs.filter((j) => j.data.parentId === jobId);
}

function progressMessages() {
  return h.slack.messages(CHANNEL).filter((m) => /^Connect/.test(m.text ?? ''));
}

describe('bulk connect', () => {
  it('connects the small scenario: connectable subscriptions end connected, the others fail with their Problem', async () => {
    const { jobId, joined } = await h.port.enqueue(h.request({ subscriptionIds: ALL_SMALL }));
    expect(joined).toBe(false);
    const { result, cancelled } = await h.waitForFinal(jobId);
    expect(cancelled).toBe(false);
    expect(result.results).toHaveLength(ALL_SMALL.length);

    const connected = await h.connectedSubscriptions();
    for (const id of CONNECTABLE) expect(connected.has(id)).toBe(true);
    for (const r of result.results) {
      if (CONNECTABLE.includes(r.subscriptionId)) expect(['changed', 'unchanged']).toContain(r.outcome);
      else {
        expect(r.outcome).toBe('failed');
        expect(r.problem?.code).toBe(UNCONNECTABLE[r.subscriptionId]);
        expect(r.detail.length).toBeGreaterThan(20);
        expect(connected.has(r.subscriptionId)).toBe(false);
      }
    }
    // Permanent failures fail at once: one attempt, no retries.
    const failed = (await childrenOf(jobId)).filter((j) => j.failedReason);
    expect(failed).toHaveLength(Object.keys(UNCONNECTABLE).length);
    for (const job of failed) expect(job.attemptsMade).toBe(1);

    // One message, updated in place to the final state.
    const messages = progressMessages();
    expect(messages).toHaveLength(1);
    expect(messages[0].text).toMatch(/finished/);
    expect(messages[0].text).toMatch(/5 failed/);

    const recent = await h.port.recent();
    expect(recent.find((r) => r.jobId === jobId)).toMatchObject({ state: 'completed', requestedBy: 'U_ADMIN', targets: 13, progress: { done: 13, total: 13 } });
  });

  it('joins a duplicate request while it runs, and runs it again once finished', async () => {
    const request = h.request({ subscriptionIds: [S.data, S.sandbox] });
    const [first, second] = await Promise.all([h.port.enqueue(request), h.port.enqueue({ ...request, requestedBy: { userId: 'U_ADMIN2' } })]);
    expect(second.jobId).toBe(first.jobId);
    expect([first.joined, second.joined].sort()).toEqual([false, true]);
    const run1 = await h.waitForFinal(first.jobId);
    expect(run1.result.results.map((r) => r.outcome)).toEqual(['changed', 'changed']);
    const creates = h.azure.requests({ method: 'PUT', path: /dataConnectors/ }).filter((r) => r.created);
    expect(creates).toHaveLength(2);

    const again = await h.port.enqueue(request);
    expect(again).toEqual({ jobId: first.jobId, joined: false });
    await new Promise((r) => setTimeout(r, 50));
    const run2 = await h.waitForFinal(first.jobId);
    expect(run2.result.results.map((r) => r.outcome)).toEqual(['unchanged', 'unchanged']);
  });

  it('waits out 429 storms with Retry-After without spending attempts', async () => {
    h.azure.setFaults({ path: 'dataConnectors', method: 'PUT', status: 429, retryAfter: 1, count: 8 });
    const targets = [S.identity, S.data, S.sandbox, S.networking, S.analytics];
    const { jobId } = await h.port.enqueue(h.request({ subscriptionIds: targets }));
    const { result } = await h.waitForFinal(jobId);
    expect(result.results.every((r) => r.outcome === 'changed')).toBe(true);
    expect(h.azure.requests({ method: 'PUT', path: /dataConnectors/ }).filter((r) => r.status === 429).length).toBe(8);
    const connected = await h.connectedSubscriptions();
    for (const id of targets) expect(connected.has(id)).toBe(true);
    const children = await childrenOf(jobId);
    expect(children).toHaveLength(targets.length);
    // BullMQ counts the successful run as an attempt: 1 means no attempt was spent on throttling.
    for (const job of children) {
      expect(job.failedReason).toBeFalsy();
      expect(job.attemptsMade).toBe(1);
    }
    // The 429s reached the job layer (SDK retries are off for writes) and put jobs back without an attempt.
    expect(children.some((j) => j.attemptsStarted > 1)).toBe(true);
  });

  it('retries transient errors with backoff and still reports per subscription', async () => {
    h.azure.setFaults({ path: `dataConnectors/sc-${S.data}`, method: 'PUT', status: 503, count: 2 });
    const targets = [S.data, S.sandbox, S.finance];
    const { jobId } = await h.port.enqueue(h.request({ subscriptionIds: targets }));
    const { result } = await h.waitForFinal(jobId);
    const byId = new Map(result.results.map((r) => [r.subscriptionId, r]));
    expect(byId.get(S.data)?.outcome).toBe('changed');
    expect(byId.get(S.sandbox)?.outcome).toBe('changed');
    expect(byId.get(S.finance)?.problem?.code).toBe('AuthorizationFailed');
    // failedReason keeps the last transient error; the return value shows the retry succeeded.
    const retried = (await childrenOf(jobId)).filter((j) => j.attemptsMade > 1 && j.returnvalue?.outcome === 'changed');
    expect(retried.map((j) => j.data.subscriptionId)).toEqual([S.data]);
    expect(retried[0].attemptsMade).toBe(3);
  });
});

describe('single operations', () => {
  it('answers a status request in the channel', async () => {
    const { jobId } = await h.port.enqueue(h.request({ kind: 'status' }));
    const message = await h.slack.waitForMessage(CHANNEL, (m) => /Security Operations|subscriptions/i.test(JSON.stringify(m)), 30_000);
    expect(message).toBeTruthy();
    const recent = await h.port.recent();
    expect(recent.find((r) => r.jobId === jobId)?.kind).toBe('status');
  });

  it('tells the requester about a permanent failure once, without retrying', async () => {
    const { jobId } = await h.port.enqueue(h.request({ kind: 'query', params: {} }));
    const ops = new Queue(QUEUES.operations, { connection: h.redis, prefix: h.prefix });
    try {
      for (let i = 0; i < 100 && (await ops.getJobState(jobId)) !== 'failed'; i++) await new Promise((r) => setTimeout(r, 50));
      const job = await ops.getJob(jobId);
      expect(job?.attemptsMade).toBe(1);
      expect(job?.failedReason).toMatch(/missing "name"/);
    } finally {
      await ops.close();
    }
  });
});
