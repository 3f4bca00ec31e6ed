// The alert store on a real Redis: forward-only watermark, remembered slice limit, exclusive claims, pacing slots, reply queue.
import { createAlertStore, type AlertStore } from '../../src/store/alerts';
import type { Redis } from '../../src/store/redis';
import { cleanPrefix, testPrefix, withRedis } from '../support/redis';

let redis: Redis;
let prefix: string;
let store: AlertStore;

beforeAll(async () => {
  redis = await withRedis();
});
beforeEach(() => {
  prefix = testPrefix('alert-store');
  store = createAlertStore(redis, prefix, { channelGapMs: 1000, workspaceGapMs: 10, updateGapMs: 500 });
});
afterEach(async () => cleanPrefix(redis, prefix));
afterAll(async () => redis.quit());

describe('alert store', () => {
  it('moves the watermark forward only', async () => {
    expect(await store.getWatermark()).toBeUndefined();
    expect(await store.advanceWatermark('2026-01-01T00:00:10.000Z')).toBe(true);
    expect(await store.advanceWatermark('2026-01-01T00:00:05.000Z')).toBe(false);
    expect(await store.getWatermark()).toBe('2026-01-01T00:00:10.000Z');
    // Finer-grained Log Analytics timestamps compare as instants.
    expect(await store.advanceWatermark('2026-01-01T00:00:10.1234567Z')).toBe(true);
  });

  it('remembers a reduced slice limit for one watermark only', async () => {
    const w = '2026-01-01T00:00:10.000Z';
    expect(await store.getSliceLimit(w)).toBeUndefined();
    await store.setSliceLimit(w, 500);
    expect(await store.getSliceLimit(w)).toBe(500);
    expect(await store.getSliceLimit('2026-01-01T00:00:11.000Z')).toBeUndefined();
    await store.setSliceLimit(w, undefined);
    expect(await store.getSliceLimit(w)).toBeUndefined();
  });

  it('grants a claim to one holder at a time and releases only the holder', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.claim('C1', 'a1', `t${i}`, 5000)));
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = `t${results.indexOf(true)}`;
    await store.release('C1', 'a1', 'someone-else');
    expect(await store.claim('C1', 'a1', 'x', 5000)).toBe(false);
    await store.release('C1', 'a1', winner);
    expect(await store.claim('C1', 'a1', 'x', 5000)).toBe(true);
  });

  it('reserves post slots per channel in arrival order, and a 429 holds the channel for Retry-After', async () => {
    expect(await store.reservePostSlot('C1', 2500)).toBe(0);
    const second = await store.reservePostSlot('C1', 2500);
    const third = await store.reservePostSlot('C1', 2500);
    expect(second).toBeGreaterThan(900);
    expect(third).toBeGreaterThan(second + 900);
    // Too far away: nothing reserved, the caller is told how long to stay away.
    expect(await store.reservePostSlot('C1', 1500)).toBeLessThan(-1500);
    expect(await store.reservePostSlot('C2', 2500)).toBeLessThan(100); // another channel only waits for the workspace gap
    await store.holdSlot('C2', 3000);
    expect(await store.reservePostSlot('C2', 1000)).toBeLessThan(-2500);
  });

  it('records decisions, channels per alert and queued thread replies', async () => {
    await store.applyPollWrites({
      created: [{ systemAlertId: 'a1', channel: 'C1', mode: 'card', severity: 'High', firstSeenAt: 'now', lastStatus: 'New', lastIngestedAt: '2026-01-01T00:00:00Z' }],
      updated: [],
      snapshots: [],
      digests: [],
    });
    const { records, channelsById } = await store.loadSeen(['a1', 'a2'], ['C1', 'C2']);
    expect(records.size).toBe(1);
    expect(channelsById.get('a1')).toEqual(['C1']);
    await store.markRendered('C1', 'a1', { renderedStatus: 'Resolved' }, 'first');
    await store.pushReply('C1', 'a1', 'second');
    expect(await store.nextReply('C1', 'a1')).toBe('first');
    await store.replyPosted('C1', 'a1');
    expect(await store.nextReply('C1', 'a1')).toBe('second');
    expect((await store.getRecord('C1', 'a1'))?.renderedStatus).toBe('Resolved');
  });
});
