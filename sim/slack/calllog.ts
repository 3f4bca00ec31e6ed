/** Every Web API call and response_url post the simulator received, for assertions and the UI. */
import type { Workspace } from './workspace';

export interface ApiCall {
  seq: number;
  /** Web API method name, or `response_url`. */
  method: string;
  /** Arguments as received (form fields stay strings), token removed. */
  args: Record<string, unknown>;
  at: string;
  /** HTTP status returned (200, 404 for used response_urls, 429 when rate limited). */
  status: number;
  ok: boolean;
  error?: string;
  retryAfter?: number;
  ms: number;
}

export class CallLog {
  private calls: ApiCall[] = [];
  private seq = 0;

  constructor(private readonly ws: Workspace) {}

  record(call: Omit<ApiCall, 'seq'>): ApiCall {
    const entry = { seq: ++this.seq, ...call };
    this.calls.push(entry);
    this.ws.emit({ type: 'api_call', call: { ...entry } });
    return entry;
  }

  list(method?: string): ApiCall[] {
    return method ? this.calls.filter((c) => c.method === method) : [...this.calls];
  }

  clear(): void {
    this.calls = [];
  }
}
