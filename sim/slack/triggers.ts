/**
 * trigger_ids: issued with each interaction delivered to the bot, exchangeable once for a view, and only for
 * a short time (3 s on Slack).
 */
import type { IdFactory } from './ids';

export type TriggerCheck = { ok: true; user: string } | { ok: false; error: 'invalid_trigger_id' | 'expired_trigger_id' | 'exchanged_trigger_id' };

export class TriggerRegistry {
  private readonly issued = new Map<string, { user: string; at: number; used: boolean }>();

  constructor(
    private readonly ids: IdFactory,
    /** Validity window in ms; 0 disables the expiry check. */
    public ttlMs = 3000,
  ) {}

  issue(user: string, now = Date.now()): string {
    const id = this.ids.triggerId();
    this.issued.set(id, { user, at: now, used: false });
    return id;
  }

  exchange(id: string, now = Date.now()): TriggerCheck {
    const t = this.issued.get(id);
    if (!t) return { ok: false, error: 'invalid_trigger_id' };
    if (t.used) return { ok: false, error: 'exchanged_trigger_id' };
    if (this.ttlMs > 0 && now - t.at > this.ttlMs) return { ok: false, error: 'expired_trigger_id' };
    t.used = true;
    return { ok: true, user: t.user };
  }

  clear(): void {
    this.issued.clear();
  }
}
