import { createAlert } from './flow';
import { Faults } from './faults';
import { RequestLog } from './requestLog';
import { buildState, workspaceResourceId, type TenantState } from './state';
import { Throttle } from './throttle';
import { TokenIssuer } from './tokens';
import { scenarioFromBody } from './scenarios';
import type { Scenario } from './scenarios/types';

export interface SimOptions {
  /** Page size of every paged list (subscriptions, connectors, incidents, alerts…). Default 100. */
  pageSize?: number;
  /** Multiplies ARM bucket sizes and refill rates; 0 disables throttling. Default 1. */
  throttleScale?: number;
  /** Defender alert → SecurityAlert row delay. Default 3000 ms; 0 makes rows visible synchronously. */
  ingestionDelayMs?: number;
  /** Incident closed → Defender alert resolved delay (bi-directional sync). Default 5000 ms. */
  syncDelayMs?: number;
  /** Registering → Registered delay for resource providers. Default 3000 ms. */
  registrationDelayMs?: number;
  /** Request log capacity (ring buffer). Default 200,000. */
  requestLogSize?: number;
  /** Token lifetime in seconds. Default 3600. */
  tokenLifetimeSec?: number;
}

export type ResolvedOptions = Required<SimOptions>;

export function resolveOptions(o: SimOptions = {}): ResolvedOptions {
  return {
    pageSize: o.pageSize ?? 100,
    throttleScale: o.throttleScale ?? 1,
    ingestionDelayMs: o.ingestionDelayMs ?? 3000,
    syncDelayMs: o.syncDelayMs ?? 5000,
    registrationDelayMs: o.registrationDelayMs ?? 3000,
    requestLogSize: o.requestLogSize ?? 200_000,
    tokenLifetimeSec: o.tokenLifetimeSec ?? 3600,
  };
}

/** The simulator's mutable core: tenant state plus the machinery around it, independent of HTTP. */
export class Sim {
  state!: TenantState;
  scenario!: Scenario;
  readonly opts: ResolvedOptions;
  readonly tokens = new TokenIssuer();
  readonly throttle: Throttle;
  readonly faults = new Faults();
  readonly log: RequestLog;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(scenario: Scenario, opts: SimOptions = {}) {
    this.opts = resolveOptions(opts);
    this.throttle = new Throttle(this.opts.throttleScale);
    this.log = new RequestLog(this.opts.requestLogSize);
    this.loadScenario(scenario);
  }

  /** Replaces the whole tenant; pending ingestion/sync timers of the old tenant are dropped. */
  loadScenario(scenario: Scenario): void {
    this.cancelTimers();
    this.scenario = scenario;
    this.state = buildState(scenario, this.opts.registrationDelayMs);
    this.throttle.reset();
    for (const a of scenario.alerts ?? []) createAlert(this, a, true);
  }

  /** Accepts what POST /_sim/scenario accepts: a scenario object or {name, size}. */
  loadScenarioFrom(body: unknown): void {
    this.loadScenario(scenarioFromBody(body));
  }

  workspaceId(): string {
    return workspaceResourceId(this.state.workspace);
  }

  /** Runs `fn` after `ms`, or synchronously when ms <= 0 so tests see effects immediately. */
  schedule(ms: number, fn: () => void): void {
    if (ms <= 0) {
      fn();
      return;
    }
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  cancelTimers(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
