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
  /** ARM error code for the body (defaults by status); for a partial answer, the detail's code (default EngineError). */
  code?: string;
  message?: string;
  /** Retry-After header in seconds. */
  retryAfter?: number;
  /**
   * Log Analytics query only: answer 200 with just the first N rows of each table plus the `PartialError` object, as
   * the service does when part of the query fails (e.g. the result set is too large).
   */
  partialRows?: number;
  /** Like partialRows, as a fraction 0..1 of each table's rows (rounded down). */
  partialFraction?: number;
  /**
   * Log Analytics query only: answer partially only when a table of the full answer has more than N rows (the
   * service's result size cap, scaled down), keeping partialRows / partialFraction of it or else its first N rows.
   * Smaller answers pass untouched and don't spend the count.
   */
  partialAboveRows?: number;
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

export const isPartialFault = (f: FaultSpec): boolean =>
  !f.status && (f.partialRows !== undefined || f.partialFraction !== undefined || f.partialAboveRows !== undefined);

interface QueryAnswer {
  tables: { rows: unknown[] }[];
}

/** A query answer cut to a prefix of its rows, with the error object Log Analytics adds to a partial 200. */
export function partialAnswer(f: FaultSpec, answer: QueryAnswer): QueryAnswer & { error: unknown } {
  const cut = (n: number) => f.partialRows ?? (f.partialFraction !== undefined ? Math.floor(n * f.partialFraction) : f.partialAboveRows ?? 0);
  const keep = (n: number) => Math.max(0, Math.min(n, cut(n)));
  return {
    tables: answer.tables.map((t) => ({ ...t, rows: t.rows.slice(0, keep(t.rows.length)) })),
    error: {
      code: 'PartialError',
      message: 'There were some errors when processing your query.',
      correlationId: randomUUID(),
      details: [{
        code: f.code ?? 'EngineError',
        message: f.message ?? 'Something went wrong processing your query on the server.',
        innererror: {
          code: '-2133196797',
          message: 'Query execution has exceeded the allowed limits (80DA0003): the results of this query exceed the set limit, so not all records were returned (E_QUERY_RESULT_SET_TOO_LARGE, 0x80DA0003).',
          severity: 2,
          severityName: 'Error',
        },
      }],
    },
  };
}

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

  /**
   * First fault that matches and fires (its count is consumed). Partial faults only match Log Analytics queries;
   * result size faults (partialAboveRows) never match here: they are decided on the answer, by oversized().
   */
  match(method: string, path: string, subscriptionId: string | undefined, logsQuery = false): FaultSpec | undefined {
    return this.first((f) => f.partialAboveRows === undefined && (logsQuery || !isPartialFault(f)), method, path, subscriptionId);
  }

  /** First result size fault that a Log Analytics answer whose largest table has `rows` rows triggers. */
  oversized(method: string, path: string, subscriptionId: string | undefined, rows: number): FaultSpec | undefined {
    return this.first((f) => f.partialAboveRows !== undefined && rows > f.partialAboveRows, method, path, subscriptionId);
  }

  private first(applies: (f: ActiveFault) => boolean, method: string, path: string, subscriptionId: string | undefined): FaultSpec | undefined {
    for (const f of this.list) {
      if (!applies(f)) continue;
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
