import type { WebClient } from '@slack/web-api';
import { createLogger } from '../../src/log';
import { createAuditStore } from '../../src/store/audit';
import { authorizeMutation, createAuthz, isAdminDecision } from '../../src/slack/authz';
import { cleanPrefix, testPrefix, withRedis } from '../support/redis';
import type { Redis } from '../../src/store/redis';

const logger = createLogger('silent');

describe('isAdminDecision (pure)', () => {
  const sources = { users: ['U_ADMIN'], groupMembers: [['U_ADMIN2'], []] };
  it.each([
    ['U_ADMIN', true],
    ['U_ADMIN2', true],
    ['U_ANALYST', false],
    ['U_MALLORY', false],
    ['', false],
    ['u_admin', false],
    ['U_ADMIN ', false],
  ])('%s → %s', (user, expected) => {
    expect(isAdminDecision(user, sources)).toBe(expected);
  });
  it('nobody is an admin when nothing is configured', () => {
    expect(isAdminDecision('U_ADMIN', { users: [], groupMembers: [] })).toBe(false);
  });
});

describe('createAuthz (usergroup membership cached in memory and Redis)', () => {
  let redis: Redis;
  const prefix = testPrefix('slack-authz');
  beforeAll(async () => {
    redis = await withRedis();
  });
  afterAll(async () => {
    await cleanPrefix(redis, prefix);
    await redis.quit();
  });

  function fakeClient(members: Record<string, string[]>, fail = false) {
    const calls: string[] = [];
    const client = {
      usergroups: {
        users: {
          list: async ({ usergroup }: { usergroup: string }) => {
            calls.push(usergroup);
            if (fail) throw new Error('ratelimited');
            return { ok: true, users: members[usergroup] ?? [] };
          },
        },
      },
    } as unknown as WebClient;
    return { client, calls };
  }

  it('admits direct admins and usergroup members; reads the group once within the TTL', async () => {
    const { client, calls } = fakeClient({ S_SECADMINS: ['U_ADMIN2'] });
    const config = { admins: { users: ['U_ADMIN'], usergroups: ['S_SECADMINS'] } };
    let now = 1_000;
    const authz = createAuthz({ config, client, redis, prefix, logger, now: () => now });
    expect(await authz.isAdmin('U_ADMIN')).toBe(true);
    expect(await authz.isAdmin('U_ADMIN2')).toBe(true);
    expect(await authz.isAdmin('U_ANALYST')).toBe(false);
    expect(calls).toEqual(['S_SECADMINS']);
    now += 301_000;
    await redis.del(`${prefix}:slack:admins:S_SECADMINS`);
    expect(await authz.isAdmin('U_MALLORY')).toBe(false);
    expect(calls).toHaveLength(2);
  });

  it('fails closed when Slack cannot be asked', async () => {
    const { client } = fakeClient({}, true);
    const authz = createAuthz({ config: { admins: { users: [], usergroups: ['S_OTHER'] } }, client, redis, prefix, logger });
    expect(await authz.isAdmin('U_ADMIN2')).toBe(false);
  });

  it('fails closed when the membership expired and Slack errors: no stale admin', async () => {
    let fail = false;
    const client = {
      usergroups: {
        users: {
          list: async () => {
            if (fail) throw new Error('ratelimited');
            return { ok: true, users: ['U_ADMIN2'] };
          },
        },
      },
    } as unknown as WebClient;
    let now = 1_000;
    const groupPrefix = `${prefix}:stale`;
    const authz = createAuthz({ config: { admins: { users: [], usergroups: ['S_SECADMINS'] } }, client, redis, prefix: groupPrefix, logger, now: () => now });
    expect(await authz.isAdmin('U_ADMIN2')).toBe(true);
    now += 301_000;
    await redis.del(`${groupPrefix}:slack:admins:S_SECADMINS`);
    fail = true;
    expect(await authz.isAdmin('U_ADMIN2')).toBe(false);
  });

  it('authorizeMutation audits refusals and says why', async () => {
    const audit = createAuditStore(redis, prefix);
    const authz = { isAdmin: async (u: string) => u === 'U_ADMIN' };
    expect(await authorizeMutation({ authz, audit, logger }, { userId: 'U_ADMIN', action: 'connect', targets: ['a'], source: 'action' })).toEqual({ allowed: true });
    const refused = await authorizeMutation({ authz, audit, logger }, { userId: 'U_MALLORY', action: 'sync-on', targets: ['a', 'b'], source: 'action' });
    expect(refused).toMatchObject({ allowed: false });
    if (!refused.allowed) expect(refused.text).toMatch(/not allowed to sync on/);
    const [entry] = await audit.list();
    expect(entry).toMatchObject({ user: 'U_MALLORY', action: 'sync-on', targets: ['a', 'b'], result: 'refused', source: 'action' });
  });
});
