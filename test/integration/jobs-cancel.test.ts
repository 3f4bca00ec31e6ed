// Cancelling a bulk run: children not yet started are skipped, the final message says cancelled with what completed.
import { startJobsHarness, CHANNEL, type JobsHarness } from '../support/jobs-harness';

jest.setTimeout(120_000);

let h: JobsHarness;

beforeAll(async () => {
  h = await startJobsHarness('jobs-cancel', { scenario: 'large', size: 80 });
  // A small write budget keeps the run going long enough to cancel it midway.
  await h.startWorkers({ concurrency: 4, writeBudget: { burst: 4, perSecond: 4 } });
});

afterAll(async () => h?.close());

it('cancels what has not started and reports what completed', async () => {
  const workspaceSub = h.azure.state.workspace.subscriptionId.toLowerCase();
  const subs = [...h.azure.state.subscriptions.keys()].filter((id) => id !== workspaceSub);
  const { jobId } = await h.port.enqueue(h.request({ subscriptionIds: subs }));
  for (let i = 0; i < 500 && (await h.store.resultCount(jobId)) < 6; i++) await new Promise((r) => setTimeout(r, 20));
  expect(await h.port.cancel(jobId, { userId: 'U_ADMIN' })).toBe(true);

  const { result, cancelled } = await h.waitForFinal(jobId);
  expect(cancelled).toBe(true);
  expect(result.results.length).toBeGreaterThanOrEqual(6);
  expect(result.results.length).toBeLessThan(subs.length / 2);

  // Nothing outside the reported results was written.
  const reported = new Set(result.results.map((r) => r.subscriptionId));
  const connectPuts = h.azure.requests({ method: 'PUT', path: /dataConnectors/ });
  for (const put of connectPuts) {
    const target = /sc-([0-9a-f-]{36})/.exec(put.path)?.[1];
    expect(target && reported.has(target)).toBe(true);
  }
  const connected = await h.connectedSubscriptions();
  for (const r of result.results.filter((x) => x.outcome === 'changed')) expect(connected.has(r.subscriptionId)).toBe(true);

  const messages = h.slack.messages(CHANNEL).filter((m) => /^Connect/.test(m.text ?? ''));
  expect(messages).toHaveLength(1);
  expect(messages[0].text).toMatch(/cancelled/i);

  const [summary] = (await h.port.recent()).filter((s) => s.jobId === jobId);
  expect(summary.state).toBe('cancelled');
  expect(await h.port.cancel(jobId, { userId: 'U_ADMIN' })).toBe(false);
});
