/** One request as the simulator saw it. */
export interface RequestLogEntry {
  seq: number;
  time: string;
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  durationMs: number;
  /** Object id of the authenticated principal, when there was one. */
  principal?: string;
  /** Logical operation, e.g. "dataConnectors.createOrUpdate". */
  operation?: string;
  apiVersion?: string;
  subscriptionId?: string;
  /** For PUTs of data connectors / rules / incidents: whether the call created the resource. */
  created?: boolean;
  throttled?: boolean;
  fault?: string;
  /** Request body for writes (kept so tests can assert what the bot sent). */
  body?: unknown;
}

/** Bounded ring buffer: old entries fall off, memory stays flat during long runs and benchmarks. */
export class RequestLog {
  private buf: RequestLogEntry[] = [];
  private start = 0;
  private seq = 0;

  constructor(private readonly capacity: number) {}

  nextSeq(): number {
    return ++this.seq;
  }

  push(e: RequestLogEntry): void {
    if (this.buf.length < this.capacity) this.buf.push(e);
    else {
      this.buf[this.start] = e;
      this.start = (this.start + 1) % this.capacity;
    }
  }

  entries(): RequestLogEntry[] {
    return this.start === 0 ? this.buf.slice() : [...this.buf.slice(this.start), ...this.buf.slice(0, this.start)];
  }

  clear(): void {
    this.buf = [];
    this.start = 0;
  }
}
