import { can } from '../authz';
import { logsError } from '../errors';
import { ok, route, type Ctx, type Route } from '../http';
import { KqlError } from '../kql/errors';
import { INGEST, runQuery, toWire, type Table } from '../kql/eval';
import type { Row } from '../kql/functions';
import { SECURITY_ALERT_COLUMNS } from '../securityAlert';
import { workspaceResourceId, type Workspace } from '../state';
import type { ScalarType } from '../kql/ast';

const COLUMNS = SECURITY_ALERT_COLUMNS.map(([name, type]) => ({ name, type: type as ScalarType }));

/** ISO-8601 durations as Log Analytics accepts them (P[n]D T[n]H[n]M[n]S). */
function duration(s: string): number | undefined {
  const m = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(s);
  if (!m || s.toUpperCase() === 'P' || s.toUpperCase() === 'PT') return undefined;
  return ((Number(m[1] ?? 0) * 24 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 60_000 + Number(m[4] ?? 0) * 1000;
}

/** `timespan`: a duration ending now, start/end, start/duration or duration/end. */
export function parseTimespan(ts: string, now: number): { start: number; end: number } {
  const bad = (): never => {
    throw logsError(400, 'BadArgumentError', `The timespan '${ts}' is not valid. Use an ISO 8601 duration or interval.`);
  };
  const parts = ts.split('/');
  if (parts.length === 1) {
    const d = duration(parts[0]) ?? bad();
    return { start: now - d, end: now };
  }
  if (parts.length !== 2) return bad();
  const [a, b] = parts;
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  if (!Number.isNaN(ta) && !Number.isNaN(tb)) return { start: ta, end: tb };
  if (!Number.isNaN(ta)) return { start: ta, end: ta + (duration(b) ?? bad()) };
  if (!Number.isNaN(tb)) return { start: tb - (duration(a) ?? bad()), end: tb };
  return bad();
}

function securityAlertTable(ws: Workspace, window?: { start: number; end: number }): Table {
  const rows: Row[] = [];
  for (const r of ws.rows) {
    const tg = r.values.TimeGenerated as number;
    if (window && (tg < window.start || tg > window.end)) continue;
    rows.push({ ...r.values, [INGEST]: r.ingestedAt });
  }
  return { columns: COLUMNS, rows };
}

function query(ctx: Ctx, text: unknown, timespan: unknown) {
  const ws = ctx.sim.state.workspace;
  if (ctx.params.id.toLowerCase() !== ws.customerId.toLowerCase()) throw logsError(404, 'WorkspaceNotFoundError', `The workspace ${ctx.params.id} could not be found`);
  const p = ctx.principal!;
  const scope = workspaceResourceId(ws);
  if (!can(ctx.sim.state, p.objectId, 'Microsoft.OperationalInsights/workspaces/query/read', scope)
    && !can(ctx.sim.state, p.objectId, 'Microsoft.OperationalInsights/workspaces/analytics/query/action', scope)) {
    throw logsError(403, 'InsufficientAccessError', 'The provided credentials have insufficient access to perform the requested operation');
  }
  if (typeof text !== 'string' || !text.trim()) throw logsError(400, 'BadArgumentError', "The request had some invalid properties: 'query' is required.");
  const now = Date.now();
  const window = typeof timespan === 'string' && timespan ? parseTimespan(timespan, now) : undefined;
  try {
    const t = runQuery(text, { SecurityAlert: (w) => securityAlertTable(ws, w) }, { now, window });
    return ok({ tables: [toWire(t)] });
  } catch (e) {
    if (!(e instanceof KqlError)) throw e;
    throw logsError(400, 'BadArgumentError', 'The request had some invalid properties', {
      code: e.kind,
      message: e.kind === 'SyntaxError' ? 'A recognition error occurred in the query.' : 'A semantic error occurred.',
      innererror: { code: e.code, message: e.message, ...(e.where ?? {}) },
    });
  }
}

export const logsRoutes: Route[] = [
  route('POST', 'logs', 'logs.query', '/v1/workspaces/{id}/query', (ctx) => query(ctx, ctx.body?.query, ctx.body?.timespan)),
  route('GET', 'logs', 'logs.query', '/v1/workspaces/{id}/query', (ctx) => query(ctx, ctx.query.get('query'), ctx.query.get('timespan'))),
];
