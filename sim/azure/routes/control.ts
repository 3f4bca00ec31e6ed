import { changeAlertStatus, closeIncident, createAlerts, snapshot } from '../control';
import { HttpError } from '../errors';
import { noContent, ok, route, type Ctx, type Reply, type Route } from '../http';
import type { FaultSpec } from '../faults';
import type { AlertInput } from '../scenarios/types';

/** Plain-JSON test control surface; mistakes answer 400 with {error}. */
const guard = (fn: (ctx: Ctx) => Reply) => (ctx: Ctx): Reply => {
  try {
    return fn(ctx);
  } catch (e) {
    if (e instanceof HttpError) throw e;
    throw new HttpError(400, { error: e instanceof Error ? e.message : String(e) });
  }
};

const asList = <T>(body: unknown, key: string): T[] => {
  if (Array.isArray(body)) return body as T[];
  const b = body as Record<string, unknown> | undefined;
  if (b && Array.isArray(b[key])) return b[key] as T[];
  if (b && typeof b === 'object') return [b as T];
  throw new Error('request body must be an object or an array');
};

export const controlRoutes: Route[] = [
  route('GET', 'control', 'control.state', '/_sim/state', (ctx) => ok(snapshot(ctx.sim.state))),
  route('POST', 'control', 'control.scenario', '/_sim/scenario', guard((ctx) => {
    ctx.sim.loadScenarioFrom(ctx.body ?? {});
    return ok({ scenario: ctx.sim.state.scenario, subscriptions: ctx.sim.state.subscriptionList.length });
  })),
  route('POST', 'control', 'control.alerts', '/_sim/alerts', guard((ctx) => ok({ alerts: createAlerts(ctx.sim, asList<AlertInput>(ctx.body, 'alerts')) }))),
  route('POST', 'control', 'control.alertStatus', '/_sim/alerts/{name}/status', guard((ctx) => {
    const a = changeAlertStatus(ctx.sim, ctx.params.name, String(ctx.body?.status ?? ''));
    return ok({ name: a.name, status: a.status });
  })),
  route('POST', 'control', 'control.closeIncident', '/_sim/incidents/{id}/close', guard((ctx) => {
    closeIncident(ctx.sim, ctx.params.id, ctx.body ?? {});
    return noContent();
  })),
  route('GET', 'control', 'control.faults', '/_sim/faults', (ctx) => ok({ faults: ctx.sim.faults.all() })),
  route('POST', 'control', 'control.addFaults', '/_sim/faults', guard((ctx) => ok({ ids: asList<FaultSpec>(ctx.body, 'faults').map((f) => ctx.sim.faults.add(f)) }))),
  route('DELETE', 'control', 'control.clearFaults', '/_sim/faults', (ctx) => {
    ctx.sim.faults.clear();
    return noContent();
  }),
  route('GET', 'control', 'control.requests', '/_sim/requests', (ctx) => {
    const since = Number(ctx.query.get('since') ?? 0);
    const path = ctx.query.get('path');
    const re = path ? new RegExp(path, 'i') : undefined;
    const method = ctx.query.get('method')?.toUpperCase();
    return ok({ requests: ctx.sim.log.entries().filter((e) => e.seq > since && (!re || re.test(e.path)) && (!method || e.method === method)) });
  }),
  route('DELETE', 'control', 'control.clearRequests', '/_sim/requests', (ctx) => {
    ctx.sim.log.clear();
    return noContent();
  }),
  route('POST', 'control', 'control.throttle', '/_sim/throttle', guard((ctx) => {
    const scale = Number(ctx.body?.scale);
    if (!Number.isFinite(scale) || scale < 0) throw new Error('scale must be a number >= 0');
    ctx.sim.throttle.setScale(scale);
    return noContent();
  })),
];
