import { actionOf, childJobId, jobIdFor } from '../../src/jobs/job-ids';
import type { JobRequest } from '../../src/ports';

const A = '11111111-1111-1111-1111-111111111111';
const B = '22222222-2222-2222-2222-222222222222';

function request(overrides: Partial<JobRequest>): JobRequest {
  return { kind: 'connect', requestedBy: { userId: 'U1' }, reply: { channel: 'C1', userId: 'U1' }, ...overrides };
}

describe('jobIdFor', () => {
  it('names a single-subscription write by action and subscription', () => {
    expect(jobIdFor(request({ subscriptionIds: [A] }))).toBe(`connect-${A}`);
    expect(jobIdFor(request({ kind: 'sync', subscriptionIds: [A], params: { enabled: true } }))).toBe(`sync-on-${A}`);
    expect(jobIdFor(request({ kind: 'sync', subscriptionIds: [A], params: { enabled: false } }))).toBe(`sync-off-${A}`);
    expect(jobIdFor(request({ kind: 'disconnect', subscriptionIds: [A], dryRun: true }))).toBe(`disconnect-dry-${A}`);
  });

  it('does not depend on who asked, where, or the order and case of ids', () => {
    const one = jobIdFor(request({ subscriptionIds: [A, B] }));
    const two = jobIdFor(request({ subscriptionIds: [B.toUpperCase(), A, A], requestedBy: { userId: 'U2' }, reply: { channel: 'C9', userId: 'U2' } }));
    expect(one).toBe(two);
    expect(one).toMatch(/^connect-b[0-9a-f]{16}$/);
  });

  it('separates all from a list and the requested state', () => {
    expect(jobIdFor(request({ all: true }))).toBe('connect-all');
    expect(jobIdFor(request({ kind: 'sync', all: true, params: { enabled: false } }))).toBe('sync-off-all');
    expect(jobIdFor(request({ subscriptionIds: [A, B] }))).not.toBe(jobIdFor(request({ subscriptionIds: [A, B], dryRun: true })));
  });

  it('keys reads by parameters and reply target so each asker gets an answer', () => {
    const status = request({ kind: 'status', params: { page: 1 } });
    expect(jobIdFor(status)).toBe(jobIdFor({ ...status, params: { page: 1 } }));
    expect(jobIdFor(status)).not.toBe(jobIdFor({ ...status, reply: { channel: 'C1', userId: 'U2' } }));
    expect(jobIdFor(status)).not.toBe(jobIdFor({ ...status, params: { page: 2 } }));
  });

  it('never produces ids BullMQ rejects', () => {
    const odd = jobIdFor(request({ subscriptionIds: ['/subscriptions/x:y'] }));
    expect(odd).not.toContain(':');
    expect(jobIdFor(request({ subscriptionIds: ['12345'] }))).toMatch(/^connect-h[0-9a-f]{16}$/);
    expect(childJobId('connect-all', 1700000000000, A)).toBe(`connect-all-r1700000000000-${A}`);
  });

  it('names the action by requested state', () => {
    expect(actionOf({ kind: 'incidents', params: { enabled: false } })).toBe('incidents-off');
    expect(actionOf({ kind: 'register-provider' })).toBe('register-provider');
  });
});
