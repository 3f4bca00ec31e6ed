import { ClientSecretCredential } from '@azure/identity';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { ResourceManagementClient } from '@azure/arm-resources';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { SecurityCenter } from '@azure/arm-security';
import { SecurityInsights } from '@azure/arm-securityinsight';
import { LogsQueryClient, type LogsTable } from '@azure/monitor-query-logs';
import { ServiceClient } from '@azure/core-client';
import { createPipelineRequest } from '@azure/core-rest-pipeline';
import { BOT, READONLY, startAzureSim, type AzureSim, type StartOptions } from '../../sim/azure';

/** Test helpers: the simulator driven only through the official SDKs, @azure/identity and the control API. */
export const ARM_SCOPE = 'https://management.azure.com/.default';

export function startSim(o: StartOptions = {}): Promise<AzureSim> {
  return startAzureSim({ port: 0, throttleScale: 0, ingestionDelayMs: 0, syncDelayMs: 0, registrationDelayMs: 0, ...o });
}

export function credential(sim: AzureSim, who: 'bot' | 'readonly' = 'bot', secret?: string): ClientSecretCredential {
  const p = who === 'bot' ? BOT : READONLY;
  return new ClientSecretCredential(sim.env.AZURE_TENANT_ID, p.clientId, secret ?? p.clientSecret, { authorityHost: sim.url, disableInstanceDiscovery: true });
}

/** Core-client SDKs need credentialScopes when the endpoint is overridden (else they ask for `${endpoint}/.default`). */
export function clients(sim: AzureSim, cred = credential(sim), retry: { maxRetries?: number } = { maxRetries: 0 }) {
  const core = { endpoint: sim.url, credentialScopes: [ARM_SCOPE], retryOptions: retry };
  const ws = sim.env.SENTINEL_SUBSCRIPTION_ID;
  return {
    subscriptions: new SubscriptionClient(cred, { endpoint: sim.url, retryOptions: retry }),
    resources: (sub: string) => new ResourceManagementClient(cred, sub, { endpoint: sim.url, retryOptions: retry }),
    authorization: (sub: string) => new AuthorizationManagementClient(cred, sub, core),
    security: (sub: string) => new SecurityCenter(cred, sub, core),
    sentinel: new SecurityInsights(cred, ws, core),
    logs: new LogsQueryClient(cred, { endpoint: `${sim.url}/v1`, credentials: { scopes: ['https://api.loganalytics.io/.default'] }, retryOptions: retry }),
    raw: rawClient(sim, cred),
  };
}

export interface RawResponse {
  status: number;
  body: any;
  headers: Record<string, string>;
}

/** For calls no SDK covers (Content Hub, subscription permissions, alert inProgress, pricings 2024-01-01, workspace get). */
export function rawClient(sim: AzureSim, cred = credential(sim)) {
  const client = new ServiceClient({ endpoint: sim.url, credential: cred, credentialScopes: [ARM_SCOPE], retryOptions: { maxRetries: 0 } });
  return async (method: 'GET' | 'PUT' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<RawResponse> => {
    const res = await client.sendRequest(createPipelineRequest({
      url: `${sim.url}${path}`, method, body: body === undefined ? undefined : JSON.stringify(body),
      headers: undefined,
    }));
    return { status: res.status, body: res.bodyAsText ? JSON.parse(res.bodyAsText) : undefined, headers: res.headers.toJSON() };
  };
}

/** Plain JSON against /_sim (no auth). */
export async function control(sim: AzureSim, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${sim.url}/_sim${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

export function workspaceArgs(sim: AzureSim): [string, string] {
  return [sim.env.SENTINEL_RESOURCE_GROUP, sim.env.SENTINEL_WORKSPACE_NAME];
}

export function wsPath(sim: AzureSim): string {
  const e = sim.env;
  return `/subscriptions/${e.SENTINEL_SUBSCRIPTION_ID}/resourceGroups/${e.SENTINEL_RESOURCE_GROUP}/providers/Microsoft.OperationalInsights/workspaces/${e.SENTINEL_WORKSPACE_NAME}`;
}

/** Rows of the first table as objects keyed by column name. */
export function rowsOf(t: LogsTable): Record<string, unknown>[] {
  return t.rows.map((r) => Object.fromEntries(t.columnDescriptors.map((c, i) => [c.name ?? String(i), r[i]])));
}

/** Rejection → the RestError (or other error) for assertions. */
export async function failure(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to fail');
}
