/**
 * The `/_sim/*` control API (JSON): act as users, inspect what the bot did, reconfigure. Each route is a thin
 * wrapper over the in-process SlackSim methods, so tests and the HTTP API exercise the same code.
 */
import { SimRequestError } from './errors';
import type { SlackSim } from './sim';

export interface ControlResponse {
  status: number;
  body: unknown;
}

type Route = (sim: SlackSim, body: Record<string, any>, query: URLSearchParams) => Promise<unknown> | unknown;

function need(value: unknown, name: string): string {
  if (typeof value !== 'string' || !value) throw new SimRequestError(400, `missing "${name}"`);
  return value;
}

const overridesOf = (body: Record<string, any>) => body.overrides;

const ROUTES: Record<string, Route> = {
  'POST /_sim/command': (sim, b) => sim.command({ user: need(b.user, 'user'), channel: need(b.channel, 'channel'), text: b.text, command: b.command }, overridesOf(b)),
  'POST /_sim/action': (sim, b) => sim.action({ ...b, user: need(b.user, 'user'), action_id: need(b.action_id, 'action_id') }, overridesOf(b)),
  'POST /_sim/suggest': (sim, b) =>
    sim.suggest({ ...b, user: need(b.user, 'user'), action_id: need(b.action_id, 'action_id'), value: typeof b.value === 'string' ? b.value : '' }, overridesOf(b)),
  'POST /_sim/raw-action': (sim, b) => {
    if (!b.payload || typeof b.payload !== 'object') throw new SimRequestError(400, 'missing "payload" object');
    return sim.rawAction(b.payload, overridesOf(b));
  },
  'POST /_sim/view-submission': (sim, b) => sim.submitView({ user: need(b.user, 'user'), view_id: need(b.view_id, 'view_id'), values: b.values }, overridesOf(b)),
  'POST /_sim/view-closed': (sim, b) => sim.closeView({ user: need(b.user, 'user'), view_id: need(b.view_id, 'view_id') }, overridesOf(b)),
  'POST /_sim/event': (sim, b) => {
    if (b.event && typeof b.event === 'object') return sim.event(b.event, { event_id: b.event_id, retryNum: b.retryNum, retryReason: b.retryReason }, overridesOf(b));
    if (b.type !== 'app_home_opened') throw new SimRequestError(400, 'give {type:"app_home_opened", user} or a raw {event}');
    return sim.homeOpened({ user: need(b.user, 'user'), tab: b.tab, event_id: b.event_id, retryNum: b.retryNum, retryReason: b.retryReason }, overridesOf(b));
  },
  'POST /_sim/trigger': (sim, b) => ({ trigger_id: sim.issueTrigger(need(b.user, 'user')) }),
  'GET /_sim/messages': (sim, _b, q) => {
    const channel = need(q.get('channel'), 'channel');
    return { channel, messages: sim.messages(channel) };
  },
  'GET /_sim/calls': (sim, _b, q) => ({ calls: sim.calls(q.get('method') ?? undefined) }),
  'GET /_sim/deliveries': (sim) => ({ deliveries: sim.deliveries() }),
  'GET /_sim/views': (sim, _b, q) => sim.views(need(q.get('user'), 'user')),
  'GET /_sim/state': (sim) => sim.state(),
  'POST /_sim/reset': (sim) => {
    sim.reset();
    return { ok: true };
  },
  'POST /_sim/config': (sim, b) => {
    sim.configure(b);
    return { ok: true, botUrl: sim.botUrl() ?? null };
  },
  'GET /_sim/socket': (sim) => sim.socketMode(),
  'POST /_sim/socket/disconnect': (sim, b) => ({ disconnected: sim.disconnectSockets(b.reason) }),
};

export async function handleControl(sim: SlackSim, method: string, url: URL, rawBody: string): Promise<ControlResponse> {
  const route = ROUTES[`${method} ${url.pathname.replace(/\/$/, '')}`];
  if (!route) return { status: 404, body: { error: 'not_found', routes: Object.keys(ROUTES) } };
  try {
    const body = rawBody ? JSON.parse(rawBody) : {};
    return { status: 200, body: await route(sim, body, url.searchParams) };
  } catch (err) {
    if (err instanceof SimRequestError) return { status: err.status, body: { error: err.message, ...err.details } };
    if (err instanceof SyntaxError) return { status: 400, body: { error: `invalid JSON: ${err.message}` } };
    return { status: 500, body: { error: err instanceof Error ? err.message : String(err) } };
  }
}
