import { RateLimiter } from '../../sim/slack/ratelimit';

describe('RateLimiter', () => {
  const t0 = 1_000_000;

  it('lets a burst through, then asks to retry after the refill time', () => {
    const rl = new RateLimiter({ methods: { 'chat.postMessage': { perMinute: 60, burst: 3, scope: 'channel' } } });
    for (let i = 0; i < 3; i += 1) expect(rl.take('chat.postMessage', { channel: 'C1' }, t0)).toEqual({ allowed: true });
    expect(rl.take('chat.postMessage', { channel: 'C1' }, t0)).toEqual({ allowed: false, retryAfter: 1 });
    expect(rl.take('chat.postMessage', { channel: 'C2' }, t0)).toEqual({ allowed: true });
    expect(rl.take('chat.postMessage', { channel: 'C1' }, t0 + 1000)).toEqual({ allowed: true });
  });

  it('applies the default workspace-wide chat.postMessage cap alongside the per-channel one', () => {
    const rl = new RateLimiter();
    let allowed = 0;
    for (let c = 0; c < 200; c += 1) if (rl.take('chat.postMessage', { channel: `C${c}` }, t0).allowed) allowed += 1;
    expect(allowed).toBe(100);
  });

  it('uses per-minute tiers for other methods and reports whole seconds', () => {
    const rl = new RateLimiter({ methods: { 'chat.update': { perMinute: 50, burst: 1, scope: 'workspace' } } });
    rl.take('chat.update', {}, t0);
    expect(rl.take('chat.update', {}, t0)).toEqual({ allowed: false, retryAfter: 2 }); // 1.2 s rounded up
  });

  it('scales, disables per method, and disables globally', () => {
    const scaled = new RateLimiter({ scale: 10, methods: { 'views.open': { perMinute: 60, burst: 1, scope: 'workspace' } } });
    scaled.take('views.open', {}, t0);
    expect(scaled.take('views.open', {}, t0 + 100).allowed).toBe(true);
    const off = new RateLimiter({ methods: { 'chat.postMessage': false } });
    for (let i = 0; i < 500; i += 1) expect(off.take('chat.postMessage', { channel: 'C' }, t0).allowed).toBe(true);
    const none = new RateLimiter({ enabled: false });
    for (let i = 0; i < 500; i += 1) expect(none.take('usergroups.users.list', {}, t0).allowed).toBe(true);
  });

  it('leaves unknown methods unlimited', () => {
    const rl = new RateLimiter();
    for (let i = 0; i < 1000; i += 1) expect(rl.take('bots.info', {}, t0).allowed).toBe(true);
  });
});
