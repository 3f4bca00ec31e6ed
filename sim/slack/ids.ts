import { randomBytes } from 'node:crypto';

/**
 * Identifier factories shaped like Slack's. Message timestamps are unique and strictly increasing within the
 * simulator, because Slack's `ts` doubles as the message id within a channel.
 */
export class IdFactory {
  private lastMicros = 0;
  private counter = 0;

  /** `1712345678.000123`-style message timestamp. */
  ts(now = Date.now()): string {
    this.lastMicros = Math.max(now * 1000, this.lastMicros + 1);
    const seconds = Math.floor(this.lastMicros / 1e6);
    return `${seconds}.${String(this.lastMicros % 1e6).padStart(6, '0')}`;
  }

  /** Prefixed opaque id (V… views, Ev… events). */
  next(prefix: string): string {
    this.counter += 1;
    return `${prefix}${this.counter.toString(36).toUpperCase().padStart(6, '0')}${randomBytes(2).toString('hex').toUpperCase()}`;
  }

  /** `13345224609.738474920.8088930838d88f008e0`-style trigger id. */
  triggerId(): string {
    this.counter += 1;
    return `${Date.now()}.${this.counter}.${randomBytes(10).toString('hex')}`;
  }

  /** Short id like the ones Slack fills in for blocks/elements posted without block_id/action_id. */
  shortId(): string {
    return randomBytes(3).toString('base64url');
  }

  /** Unguessable token for response_url paths. */
  secret(): string {
    return randomBytes(12).toString('hex');
  }
}
