/** ARM-style token buckets (per principal, per subscription or tenant, per operation type). */
export type BucketKind = 'reads' | 'writes' | 'deletes';

export const ARM_LIMITS: Record<BucketKind, { size: number; refillPerSec: number }> = {
  reads: { size: 250, refillPerSec: 25 },
  writes: { size: 200, refillPerSec: 10 },
  deletes: { size: 200, refillPerSec: 10 },
};

export interface ThrottleDecision {
  allowed: boolean;
  remaining: number;
  /** Whole seconds until one token is available (only when throttled). */
  retryAfterSec?: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class Throttle {
  private readonly buckets = new Map<string, Bucket>();

  /** scale 0 disables throttling; otherwise bucket sizes and refill rates are multiplied by it. */
  constructor(private scale: number) {}

  get enabled(): boolean {
    return this.scale > 0;
  }

  setScale(scale: number): void {
    this.scale = scale;
    this.buckets.clear();
  }

  take(key: string, kind: BucketKind, now = Date.now()): ThrottleDecision {
    const lim = ARM_LIMITS[kind];
    const size = Math.max(1, Math.floor(lim.size * this.scale));
    const rate = lim.refillPerSec * this.scale;
    if (!this.enabled) return { allowed: true, remaining: size };
    const id = `${kind}|${key}`;
    let b = this.buckets.get(id);
    if (!b) {
      b = { tokens: size, at: now };
      this.buckets.set(id, b);
    } else {
      b.tokens = Math.min(size, b.tokens + ((now - b.at) / 1000) * rate);
      b.at = now;
    }
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { allowed: true, remaining: Math.floor(b.tokens) };
    }
    return { allowed: false, remaining: 0, retryAfterSec: Math.max(1, Math.ceil((1 - b.tokens) / rate)) };
  }

  reset(): void {
    this.buckets.clear();
  }
}
