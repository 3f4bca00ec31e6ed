// At most one send per interval per key; states arriving in between are coalesced and the latest one is always sent.
// Each caller's promise settles once a send that includes its state (or a newer one) has finished.

interface Slot<T> {
  last: number;
  pending?: T;
  waiters: (() => void)[];
  timer?: NodeJS.Timeout;
  inflight: boolean;
}

export class Coalescer<T> {
  private readonly slots = new Map<string, Slot<T>>();

  constructor(
    private readonly send: (key: string, state: T) => Promise<void>,
    private readonly intervalMs = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  push(key: string, state: T): Promise<void> {
    const slot = this.slots.get(key) ?? { last: -Infinity, waiters: [], inflight: false };
    this.slots.set(key, slot);
    slot.pending = state;
    return new Promise<void>((resolve) => {
      slot.waiters.push(resolve);
      this.schedule(key, slot);
    });
  }

  private schedule(key: string, slot: Slot<T>): void {
    if (slot.timer || slot.inflight) return;
    const delay = Math.max(0, slot.last + this.intervalMs - this.now());
    slot.timer = setTimeout(() => void this.flush(key, slot), delay);
  }

  private async flush(key: string, slot: Slot<T>): Promise<void> {
    slot.timer = undefined;
    const state = slot.pending as T;
    const waiters = slot.waiters;
    slot.pending = undefined;
    slot.waiters = [];
    slot.inflight = true;
    try {
      await this.send(key, state);
    } finally {
      slot.inflight = false;
      slot.last = this.now();
      for (const resolve of waiters) resolve();
      if (slot.waiters.length) this.schedule(key, slot);
      else this.slots.delete(key);
    }
  }
}
