// AzureGateway over the official SDKs. Each method is one Azure call (or one paged list), wrapped so that every
// failure leaves as an AzureProblemError with a Problem the SOC can act on.
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { ResourceManagementClient } from '@azure/arm-resources';
import { SecurityCenter } from '@azure/arm-security';
import { SecurityInsights } from '@azure/arm-securityinsight';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { LogsQueryClient, LogsQueryResultStatus, type LogsTable } from '@azure/monitor-query-logs';
import type { TokenCredential } from '@azure/core-auth';
import type { Config } from '../config';
import type {
  AlertSyncSetting, ConnectorRequirements, ContentPackageInfo, DataConnectorInfo, DefenderAlertAction, DefenderAlertInfo, DefenderAlertRef,
  IncidentClose, IncidentQuery, IncidentRecord, IncidentRuleInfo, IncidentRuleSpec, LogQueryResult, PermissionSet, ProviderInfo,
  SubscriptionInfo, WorkspaceResource,
} from '../domain/resources';
import type { DefenderPlan, QueryTable } from '../domain/types';
import type { AzureGateway, GatewayEnvironment } from '../operations/ports';
import { ArmRest } from './arm-rest';
import { connectorInfo, defenderPlan, incidentRecord, plainCell, ruleInfo, type PricingResource } from './mappers';
import { AzureProblemError, errorFacts, problemFrom, toProblem, type ProblemContext } from './problems';

export interface GatewayOptions {
  /** SDK retries per request (default 3). Set 0 when the caller (a job queue) owns 429/5xx handling. */
  maxRetries?: number;
}

const API = {
  pricings: '2024-01-01',
  alerts: '2022-01-01',
  permissions: '2022-04-01',
  contentPackages: '2024-03-01',
  workspace: '2023-09-01',
} as const;

const DEFAULT_QUERY_TIMESPAN = 'P90D'; // Defender keeps alerts 90 days

export class SdkAzureGateway implements AzureGateway {
  readonly environment: GatewayEnvironment;
  private readonly ws: Config['workspace'];
  private readonly coreOptions: { endpoint: string; credentialScopes: string[]; retryOptions?: { maxRetries: number } };
  private readonly modularOptions: { endpoint: string; credentials: { scopes: string[] }; retryOptions?: { maxRetries: number } };
  private readonly rest: ArmRest;
  private readonly sentinel: SecurityInsights;
  private readonly logs: LogsQueryClient;
  private readonly perSubscription = new Map<string, { security: SecurityCenter; resources: ResourceManagementClient }>();
  private subscriptionsClient?: SubscriptionClient;
  private workspaceLookup?: Promise<WorkspaceResource>;

  constructor(private readonly config: Config, private readonly credential: TokenCredential, options: GatewayOptions = {}) {
    const { azure } = config;
    this.ws = config.workspace;
    const retryOptions = options.maxRetries !== undefined ? { retryOptions: { maxRetries: options.maxRetries } } : {};
    // Explicit scopes: with an overridden endpoint the core-client SDKs would otherwise ask for `${endpoint}/.default`.
    this.coreOptions = { endpoint: azure.armEndpoint, credentialScopes: [azure.armScope], ...retryOptions };
    this.modularOptions = { endpoint: azure.armEndpoint, credentials: { scopes: [azure.armScope] }, ...retryOptions };
    this.rest = new ArmRest(credential, { endpoint: azure.armEndpoint, scope: azure.armScope, maxRetries: options.maxRetries });
    this.sentinel = new SecurityInsights(credential, this.ws.subscriptionId, this.coreOptions);
    this.logs = new LogsQueryClient(credential, { endpoint: azure.logsEndpoint, credentials: { scopes: [azure.logsScope] }, ...retryOptions });
    this.environment = {
      workspace: { ...this.ws },
      cloud: azure.cloud,
      portalUrl: azure.portalUrl,
      biDirectionalSyncAvailable: azure.cloud !== 'AzureUSGovernment',
    };
  }

  private get workspacePath(): string {
    return `/subscriptions/${this.ws.subscriptionId}/resourceGroups/${this.ws.resourceGroup}/providers/Microsoft.OperationalInsights/workspaces/${this.ws.name}`;
  }

  private forSubscription(subscriptionId: string) {
    let clients = this.perSubscription.get(subscriptionId);
    if (!clients) {
      clients = {
        security: new SecurityCenter(this.credential, subscriptionId, this.coreOptions),
        resources: new ResourceManagementClient(this.credential, subscriptionId, this.modularOptions),
      };
      this.perSubscription.set(subscriptionId, clients);
    }
    return clients;
  }

  private async call<T>(ctx: ProblemContext, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof AzureProblemError) throw error;
      throw new AzureProblemError(toProblem(error, { workspaceName: this.ws.name, ...ctx }));
    }
  }

  private subCtx(subscriptionId: string, action: string): ProblemContext {
    return { subscriptionId, action, workspaceName: this.ws.name };
  }

  private wsCtx(action: string): ProblemContext {
    return { action, workspaceName: this.ws.name };
  }

  async listSubscriptions(): Promise<SubscriptionInfo[]> {
    return this.call({ action: 'list subscriptions' }, async () => {
      this.subscriptionsClient ??= new SubscriptionClient(this.credential, this.modularOptions);
      const out: SubscriptionInfo[] = [];
      for await (const s of this.subscriptionsClient.subscriptions.list()) {
        if (s.subscriptionId) out.push({ subscriptionId: s.subscriptionId, displayName: s.displayName ?? s.subscriptionId, state: s.state ?? 'Unknown' });
      }
      return out;
    });
  }

  async getProvider(subscriptionId: string, namespace: string): Promise<ProviderInfo> {
    return this.call(this.subCtx(subscriptionId, `read the ${namespace} provider`), async () => {
      const p = await this.forSubscription(subscriptionId).resources.providers.get(namespace);
      return { namespace: p.namespace ?? namespace, registrationState: p.registrationState ?? 'Unknown' };
    });
  }

  async registerProvider(subscriptionId: string, namespace: string): Promise<ProviderInfo> {
    return this.call(this.subCtx(subscriptionId, `register ${namespace}`), async () => {
      const p = await this.forSubscription(subscriptionId).resources.providers.register(namespace);
      return { namespace: p.namespace ?? namespace, registrationState: p.registrationState ?? 'Registering' };
    });
  }

  async listPricings(subscriptionId: string): Promise<DefenderPlan[]> {
    const ctx = this.subCtx(subscriptionId, 'read Defender plans');
    const body = await this.rest.get<{ value?: PricingResource[] }>(`/subscriptions/${subscriptionId}/providers/Microsoft.Security/pricings`, API.pricings, ctx);
    return (body.value ?? []).map(defenderPlan);
  }

  async getAlertSyncSetting(subscriptionId: string): Promise<AlertSyncSetting | undefined> {
    return this.call(this.subCtx(subscriptionId, 'read the bi-directional sync setting'), async () => {
      try {
        const s = await this.forSubscription(subscriptionId).security.settings.get('Sentinel');
        return { enabled: (s as { enabled?: boolean }).enabled === true };
      } catch (error) {
        if (errorFacts(error).status === 404) return undefined;
        throw error;
      }
    });
  }

  async setAlertSyncSetting(subscriptionId: string, enabled: boolean): Promise<void> {
    await this.call(this.subCtx(subscriptionId, `turn bi-directional sync ${enabled ? 'on' : 'off'}`), () =>
      this.forSubscription(subscriptionId).security.settings.update('Sentinel', { kind: 'AlertSyncSettings', enabled } as Parameters<SecurityCenter['settings']['update']>[1]));
  }

  async getSubscriptionPermissions(subscriptionId: string): Promise<PermissionSet[]> {
    // Subscription scope is callable but absent from the swagger and the SDK (spec issue #19473).
    const sets = await this.rest.list<{ actions?: string[]; notActions?: string[] }>(
      `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/permissions`, API.permissions, this.subCtx(subscriptionId, 'read the identity’s permissions'));
    return sets.map((s) => ({ actions: s.actions ?? [], notActions: s.notActions ?? [] }));
  }

  getWorkspace(): Promise<WorkspaceResource> {
    // Cached on success only: the customerId never changes, a failed lookup should be retried.
    this.workspaceLookup ??= this.rest
      .get<{ id?: string; location?: string; properties?: { customerId?: string } }>(this.workspacePath, API.workspace, this.wsCtx(`read workspace ${this.ws.name}`))
      .then((w) => ({ id: w.id ?? this.workspacePath, customerId: w.properties?.customerId, location: w.location }))
      .catch((error: unknown) => {
        this.workspaceLookup = undefined;
        throw error;
      });
    return this.workspaceLookup;
  }

  async getWorkspacePermissions(): Promise<PermissionSet[]> {
    return this.call(this.wsCtx('read the identity’s permissions on the workspace'), async () => {
      const auth = new AuthorizationManagementClient(this.credential, this.ws.subscriptionId, this.coreOptions);
      const out: PermissionSet[] = [];
      for await (const p of auth.permissions.listForResource(this.ws.resourceGroup, 'Microsoft.OperationalInsights', '', 'workspaces', this.ws.name)) {
        out.push({ actions: p.actions ?? [], notActions: p.notActions ?? [] });
      }
      return out;
    });
  }

  async isSentinelOnboarded(): Promise<boolean> {
    return this.call(this.wsCtx('read the Sentinel onboarding state'), async () => {
      const states = await this.sentinel.sentinelOnboardingStates.list(this.ws.resourceGroup, this.ws.name);
      return (states.value ?? []).length > 0;
    });
  }

  async listContentPackages(): Promise<ContentPackageInfo[]> {
    const items = await this.rest.list<{ name?: string; properties?: { contentId?: string; displayName?: string; version?: string } }>(
      `${this.workspacePath}/providers/Microsoft.SecurityInsights/contentPackages`, API.contentPackages, this.wsCtx('read installed Content Hub solutions'));
    return items.map((p) => ({ name: p.name ?? '', contentId: p.properties?.contentId, displayName: p.properties?.displayName, version: p.properties?.version }));
  }

  async listDataConnectors(): Promise<DataConnectorInfo[]> {
    return this.call(this.wsCtx('list the workspace’s data connectors'), async () => {
      const out: DataConnectorInfo[] = [];
      for await (const c of this.sentinel.dataConnectors.list(this.ws.resourceGroup, this.ws.name)) out.push(connectorInfo(c));
      return out;
    });
  }

  async putAscConnector(connectorName: string, subscriptionId: string): Promise<DataConnectorInfo> {
    return this.call(this.subCtx(subscriptionId, 'create the Defender for Cloud data connector'), async () =>
      connectorInfo(await this.sentinel.dataConnectors.createOrUpdate(this.ws.resourceGroup, this.ws.name, connectorName, {
        kind: 'AzureSecurityCenter', subscriptionId, dataTypes: { alerts: { state: 'Enabled' } },
      })));
  }

  async deleteConnector(connectorName: string): Promise<void> {
    await this.call(this.wsCtx(`delete data connector ${connectorName}`), () => this.sentinel.dataConnectors.delete(this.ws.resourceGroup, this.ws.name, connectorName));
  }

  async checkAscRequirements(subscriptionId: string): Promise<ConnectorRequirements> {
    return this.call(this.subCtx(subscriptionId, 'check the connector requirements'), async () => {
      const r = await this.sentinel.dataConnectorsCheckRequirementsOperations.post(this.ws.resourceGroup, this.ws.name, { kind: 'AzureSecurityCenter', subscriptionId });
      return { authorizationState: r.authorizationState ?? 'Unknown', licenseState: r.licenseState ?? 'Unknown' };
    });
  }

  async listAlertRules(): Promise<IncidentRuleInfo[]> {
    return this.call(this.wsCtx('list analytics rules'), async () => {
      const out: IncidentRuleInfo[] = [];
      for await (const r of this.sentinel.alertRules.list(this.ws.resourceGroup, this.ws.name)) out.push(ruleInfo(r));
      return out;
    });
  }

  async putIncidentCreationRule(ruleName: string, rule: IncidentRuleSpec): Promise<IncidentRuleInfo> {
    return this.call(this.wsCtx('save the incident creation rule'), async () =>
      ruleInfo(await this.sentinel.alertRules.createOrUpdate(this.ws.resourceGroup, this.ws.name, ruleName, { kind: 'MicrosoftSecurityIncidentCreation', ...rule })));
  }

  async listIncidents(query: IncidentQuery): Promise<IncidentRecord[]> {
    return this.call(this.wsCtx('list incidents'), async () => {
      const out: IncidentRecord[] = [];
      const pages = this.sentinel.incidents.list(this.ws.resourceGroup, this.ws.name, {
        ...(query.status === 'open' ? { filter: "properties/status ne 'Closed'" } : {}),
        orderby: 'properties/createdTimeUtc desc',
        top: query.top,
      });
      for await (const i of pages) {
        out.push(incidentRecord(i));
        if (out.length >= query.top) break;
      }
      return out;
    });
  }

  async listIncidentAlertIds(incidentId: string): Promise<string[]> {
    return this.call(this.wsCtx(`list the alerts of incident ${incidentId}`), async () => {
      const list = await this.sentinel.incidents.listAlerts(this.ws.resourceGroup, this.ws.name, incidentId);
      return (list.value ?? []).map((a) => a.systemAlertId).filter((id): id is string => !!id);
    });
  }

  async closeIncident(incidentId: string, close: IncidentClose): Promise<IncidentRecord> {
    return this.call(this.wsCtx(`close incident ${incidentId}`), async () => {
      const current = await this.sentinel.incidents.get(this.ws.resourceGroup, this.ws.name, incidentId);
      const updated = await this.sentinel.incidents.createOrUpdate(this.ws.resourceGroup, this.ws.name, incidentId, {
        ...current,
        status: 'Closed',
        classification: close.classification,
        classificationReason: close.classificationReason,
        classificationComment: close.classificationComment,
      });
      return incidentRecord(updated);
    });
  }

  async getDefenderAlert(ref: DefenderAlertRef): Promise<DefenderAlertInfo> {
    const body = await this.rest.get<{ properties?: { status?: string; alertDisplayName?: string; severity?: string; systemAlertId?: string } }>(
      alertPath(ref), API.alerts, this.subCtx(ref.subscriptionId, `read Defender alert ${ref.name}`));
    const p = body.properties ?? {};
    return { ...ref, status: p.status ?? 'Unknown', displayName: p.alertDisplayName, severity: p.severity, systemAlertId: p.systemAlertId };
  }

  async setDefenderAlertStatus(ref: DefenderAlertRef, action: DefenderAlertAction): Promise<void> {
    // The SDK has no inProgress (added in 2022-01-01); one raw path keeps all four actions on the same api-version.
    await this.rest.post(`${alertPath(ref)}/${action}`, API.alerts, this.subCtx(ref.subscriptionId, `${action === 'inProgress' ? 'mark in progress' : action} Defender alert ${ref.name}`));
  }

  async queryLogs(kql: string, timespan: string = DEFAULT_QUERY_TIMESPAN): Promise<LogQueryResult> {
    const { customerId } = await this.getWorkspace();
    if (!customerId) {
      throw new AzureProblemError(problemFrom({ code: 'WorkspaceIdMissing', message: 'the workspace has no customerId' }, this.wsCtx('query the workspace')));
    }
    return this.call(this.wsCtx('query the workspace'), async () => {
      const result = await this.logs.queryWorkspace(customerId, kql, { duration: timespan });
      if (result.status === LogsQueryResultStatus.Success) return { table: toQueryTable(result.tables[0]) };
      const e = result.partialError;
      return {
        table: toQueryTable(result.partialTables[0]),
        partialError: { code: e.code ?? 'PartialError', message: `Log Analytics returned partial results: ${e.message}`, fix: 'Narrow the time range or the filter.', retryable: false },
      };
    });
  }
}

function alertPath(ref: DefenderAlertRef): string {
  return `/subscriptions/${ref.subscriptionId}/providers/Microsoft.Security/locations/${ref.location}/alerts/${encodeURIComponent(ref.name)}`;
}

function toQueryTable(table: LogsTable | undefined): QueryTable {
  if (!table) return { columns: [], rows: [] };
  return {
    columns: table.columnDescriptors.map((c) => ({ name: c.name ?? '', type: c.type ?? 'string' })),
    rows: table.rows.map((row) => row.map(plainCell)),
  };
}
