import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { changeAlertStatus, closeIncident, createAlerts, type CloseOptions, type CreatedAlert } from './control';
import type { FaultSpec } from './faults';
import type { RequestLogEntry } from './requestLog';
import { ROUTES } from './routes';
import { resolveScenario } from './scenarios';
import { listen } from './server';
import { Sim, type SimOptions } from './sim';
import type { TenantState } from './state';
import type { AlertInput, Scenario } from './scenarios/types';

export type { Scenario, AlertInput } from './scenarios/types';
export type { FaultSpec } from './faults';
export type { RequestLogEntry } from './requestLog';
export type { TenantState } from './state';
export type { CreatedAlert, CloseOptions } from './control';
export type { SimOptions } from './sim';
export { startAlertGenerator, type AlertGeneratorOptions } from './scenarios/generator';
export { SMALL_SUBSCRIPTIONS } from './scenarios/small';
export { BOT, READONLY, TENANT_ID } from './scenarios/build';

const TLS_DIR = resolve(__dirname, '../tls');
export const CA_PATH = resolve(TLS_DIR, 'ca.pem');

export interface StartOptions extends SimOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1 (covered by the test certificate). */
  host?: string;
  /** Built-in name ("small" | "large" | "demo"), a .json path, or a scenario object. Default "small". */
  scenario?: string | Scenario;
  /** Subscription count for "large". */
  size?: number;
  tls?: { cert: string | Buffer; key: string | Buffer };
}

export interface AzureSim {
  url: string;
  /** The same variables the standalone process prints (recomputed after loadScenario). */
  readonly env: Record<string, string>;
  /** The live model; mutate it directly for unusual set-ups. */
  readonly state: TenantState;
  readonly sim: Sim;
  close(): Promise<void>;
  loadScenario(scenario: string | Scenario, size?: number): void;
  createAlerts(alerts: AlertInput | AlertInput[]): CreatedAlert[];
  setAlertStatus(name: string, status: 'Active' | 'InProgress' | 'Resolved' | 'Dismissed'): void;
  closeIncident(id: string, o?: CloseOptions): void;
  setFaults(faults: FaultSpec | FaultSpec[]): string[];
  clearFaults(): void;
  requests(filter?: { path?: RegExp; method?: string }): RequestLogEntry[];
  clearRequests(): void;
  setThrottleScale(scale: number): void;
}

export function simEnv(url: string, state: TenantState): Record<string, string> {
  const bot = state.principals.get(state.botPrincipalId.toLowerCase());
  return {
    AZURE_AUTHORITY_HOST: url,
    AZURE_ARM_ENDPOINT: url,
    AZURE_LOGS_ENDPOINT: `${url}/v1`,
    NODE_EXTRA_CA_CERTS: CA_PATH,
    AZURE_TENANT_ID: state.tenantId,
    AZURE_CLIENT_ID: bot?.clientId ?? '',
    AZURE_CLIENT_SECRET: bot?.clientSecret ?? '',
    SENTINEL_SUBSCRIPTION_ID: state.workspace.subscriptionId,
    SENTINEL_RESOURCE_GROUP: state.workspace.resourceGroup,
    SENTINEL_WORKSPACE_NAME: state.workspace.name,
  };
}

export async function startAzureSim(opts: StartOptions = {}): Promise<AzureSim> {
  const scenario = typeof opts.scenario === 'object' ? opts.scenario : resolveScenario(opts.scenario ?? 'small', opts.size);
  const sim = new Sim(scenario, opts);
  const tls = opts.tls ?? { cert: readFileSync(resolve(TLS_DIR, 'cert.pem')), key: readFileSync(resolve(TLS_DIR, 'key.pem')) };
  const l = await listen(sim, ROUTES, { port: opts.port ?? 0, host: opts.host ?? '127.0.0.1', ...tls });
  return {
    url: l.url,
    get env() {
      return simEnv(l.url, sim.state);
    },
    get state() {
      return sim.state;
    },
    sim,
    close: async () => {
      sim.cancelTimers();
      await l.close();
    },
    loadScenario: (s, size) => sim.loadScenario(typeof s === 'object' ? s : resolveScenario(s, size)),
    createAlerts: (a) => createAlerts(sim, Array.isArray(a) ? a : [a]),
    setAlertStatus: (name, status) => {
      changeAlertStatus(sim, name, status);
    },
    closeIncident: (id, o) => closeIncident(sim, id, o),
    setFaults: (f) => (Array.isArray(f) ? f : [f]).map((x) => sim.faults.add(x)),
    clearFaults: () => sim.faults.clear(),
    requests: (f) => sim.log.entries().filter((e) => (!f?.path || f.path.test(e.path)) && (!f?.method || e.method === f.method.toUpperCase())),
    clearRequests: () => sim.log.clear(),
    setThrottleScale: (k) => sim.throttle.setScale(k),
  };
}
