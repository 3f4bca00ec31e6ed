/**
 * Per-method token buckets standing in for Slack's rate limits (reference/slack.md §B1).
 * Slack limits per method, per app, per workspace; `chat.postMessage` is additionally ~1/s per channel.
 */

export type RateLimitScope = 'workspace' | 'channel' | 'user';

export interface RateLimitRule {
  /** Sustained rate. */
  perMinute: number;
  /** Bucket capacity: how many calls may arrive back to back before the sustained rate applies. */
  burst: number;
  scope: RateLimitScope;
}

export type RateLimitSetting = RateLimitRule | RateLimitRule[] | false;

export interface RateLimitConfig {
  /** false turns every limit off (default true). */
  enabled?: boolean;
  /** Multiplies every refill rate: 10 makes limits ten times more permissive, 0.1 ten times stricter. Default 1. */
  scale?: number;
  /** Per-method overrides; `false` disables one method's limit. Merged over the defaults. */
  methods?: Record<string, RateLimitSetting>;
}

const tier = (perMinute: number): RateLimitRule => ({ perMinute, burst: perMinute, scope: 'workspace' });
const TIER2 = tier(20);
const TIER3 = tier(50);
const TIER4 = tier(100);

/** Defaults follow Slack's published tiers; burst sizes for the special `chat.postMessage` limit are a judgement call. */
export const DEFAULT_RATE_LIMITS: Record<string, RateLimitSetting> = {
  'chat.postMessage': [
    { perMinute: 60, burst: 3, scope: 'channel' },
    { perMinute: 300, burst: 100, scope: 'workspace' },
  ],
  'chat.update': TIER3,
  'chat.delete': TIER3,
  'chat.postEphemeral': TIER4,
  'views.open': TIER4,
  'views.push': TIER4,
  'views.update': TIER4,
  'views.publish': TIER4,
  'users.info': TIER4,
  'users.list': TIER2,
  'usergroups.list': TIER2,
  'usergroups.users.list': TIER2,
  'conversations.history': TIER3,
  'conversations.replies': TIER3,
  'conversations.info': TIER3,
  'conversations.list': TIER2,
  'auth.test': { perMinute: 300, burst: 300, scope: 'workspace' },
};

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfter: number };

export class RateLimiter {
  private enabled = true;
  private scale = 1;
  private rules: Record<string, RateLimitRule[]> = {};
  private readonly buckets = new Map<string, Bucket>();

  constructor(config: RateLimitConfig = {}) {
    this.configure(config);
  }

  /** Replaces the configuration (defaults + overrides) and forgets all buckets. */
  configure(config: RateLimitConfig): void {
    this.enabled = config.enabled ?? true;
    this.scale = config.scale ?? 1;
    const merged = { ...DEFAULT_RATE_LIMITS, ...config.methods };
    this.rules = Object.fromEntries(
      Object.entries(merged).map(([method, s]) => [method, s === false ? [] : Array.isArray(s) ? s : [s]]),
    );
    this.buckets.clear();
  }

  reset(): void {
    this.buckets.clear();
  }

  /** Takes one token from every bucket that applies, or none if any is empty. */
  take(method: string, keys: { channel?: string; user?: string }, now = Date.now()): RateDecision {
    const rules = this.enabled ? (this.rules[method] ?? []) : [];
    const hits = rules.map((rule) => {
      const scopeKey = rule.scope === 'workspace' ? '*' : (keys[rule.scope] ?? '*');
      const id = `${method}|${rule.scope}|${scopeKey}`;
      const perSecond = (rule.perMinute / 60) * this.scale;
      const bucket = this.buckets.get(id) ?? { tokens: rule.burst, updatedAt: now };
      bucket.tokens = Math.min(rule.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * perSecond);
      bucket.updatedAt = now;
      this.buckets.set(id, bucket);
      return { bucket, perSecond };
    });
    const empty = hits.filter((h) => h.bucket.tokens < 1);
    if (empty.length > 0) {
      const wait = Math.max(...empty.map((h) => (1 - h.bucket.tokens) / h.perSecond));
      // Retry-After is whole seconds; never 0, or clients would hammer us.
      return { allowed: false, retryAfter: Math.max(1, Math.ceil(wait)) };
    }
    for (const h of hits) h.bucket.tokens -= 1;
    return { allowed: true };
  }
}
