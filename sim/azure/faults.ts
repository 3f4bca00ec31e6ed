import { randomUUID } from 'node:crypto';

/** A fault injected on matching requests. */
export interface FaultSpec {
  id?: string;
  /** Regular expression tested against the request path (without query). */
  path?: string;
  method?: string;
  subscriptionId?: string;
  /** 0..1, default 1. */
  probability?: number;
  /** Number of times to fire before the fault removes itself; unlimited when omitted. */
  count?: number;
  /** Added delay before the request is handled (or before the fault response). */
  latencyMs?: number;
  /** When set, the request is answered with this status instead of being handled. */
  status?: number;
  /** ARM error code for the body (defaults by status). */
  code?: string;
  message?: string;
  /** Retry-After header in seconds. */
  retryAfter?: number;
}

interface ActiveFault extends FaultSpec {
  id: string;
  re?: RegExp;
}

const DEFAULT_CODES: Record<number, string> = {
  400: 'BadRequest', 401: 'InvalidAuthenticationToken', 403: 'AuthorizationFailed', 404: 'ResourceNotFound', 409: 'Conflict',
  429: 'TooManyRequests', 500: 'InternalServerError', 502: 'BadGateway', 503: 'ServiceUnavailable', 504: 'GatewayTimeout',
};

export const defaultCodeFor = (status: number): string => DEFAULT_CODES[status] ?? 'InternalServerError';

export class Faults {
  private list: ActiveFault[] = [];

  add(spec: FaultSpec): string {
    const id = spec.id ?? randomUUID();
    this.list.push({ ...spec, id, re: spec.path ? new RegExp(spec.path, 'i') : undefined });
    return id;
  }

  clear(): void {
    this.list = [];
  }

  all(): FaultSpec[] {
    return this.list.map(({ re: _re, ...f }) => f);
  }

  /** First fault that matches and fires (its count is consumed). */
  match(method: string, path: string, subscriptionId: string | undefined): FaultSpec | undefined {
    if (this.list.length === 0) return undefined;
    for (const f of this.list) {
      if (f.method && f.method.toUpperCase() !== method) continue;
      if (f.re && !f.re.test(path)) continue;
      if (f.subscriptionId && f.subscriptionId.toLowerCase() !== subscriptionId?.toLowerCase()) continue;
      if (f.probability !== undefined && Math.random() >= f.probability) continue;
      if (f.count !== undefined) {
        f.count -= 1;
        if (f.count <= 0) this.list = this.list.filter((x) => x !== f);
      }
      return f;
    }
    return undefined;
  }
}
