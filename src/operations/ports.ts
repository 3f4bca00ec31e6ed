// The one seam between the bot's verbs and Azure. Operations depend on this, never on SDKs;
// src/azure implements it, tests may fake it. Every method returns plain data and throws AzureProblemError
// (carrying a Problem) on failure.
import type {
  AlertSyncSetting,
  ConnectorRequirements,
  ContentPackageInfo,
  DataConnectorInfo,
  DefenderAlertAction,
  DefenderAlertInfo,
  DefenderAlertRef,
  IncidentClose,
  IncidentQuery,
  IncidentRecord,
  IncidentRuleInfo,
  IncidentRuleSpec,
  LogQueryResult,
  PermissionSet,
  ProviderInfo,
  SubscriptionInfo,
  WorkspaceResource,
} from '../domain/resources';
import type { DefenderPlan } from '../domain/types';

export interface GatewayEnvironment {
  workspace: { subscriptionId: string; resourceGroup: string; name: string };
  cloud: string;
  portalUrl: string;
  /** Bi-directional sync does not exist in Azure Government. */
  biDirectionalSyncAvailable: boolean;
}

export interface AzureGateway {
  readonly environment: GatewayEnvironment;

  /** Every subscription the identity can see (all pages). */
  listSubscriptions(): Promise<SubscriptionInfo[]>;
  getProvider(subscriptionId: string, namespace: string): Promise<ProviderInfo>;
  registerProvider(subscriptionId: string, namespace: string): Promise<ProviderInfo>;
  /** Defender plans, deprecated flag included (pricings 2024-01-01). */
  listPricings(subscriptionId: string): Promise<DefenderPlan[]>;
  /** undefined when the subscription has never had the Sentinel setting. */
  getAlertSyncSetting(subscriptionId: string): Promise<AlertSyncSetting | undefined>;
  setAlertSyncSetting(subscriptionId: string, enabled: boolean): Promise<void>;
  /** Effective permissions of the identity at subscription scope. */
  getSubscriptionPermissions(subscriptionId: string): Promise<PermissionSet[]>;

  getWorkspace(): Promise<WorkspaceResource>;
  getWorkspacePermissions(): Promise<PermissionSet[]>;
  isSentinelOnboarded(): Promise<boolean>;
  listContentPackages(): Promise<ContentPackageInfo[]>;
  /** All data connectors of the workspace, every kind (one paged list). */
  listDataConnectors(): Promise<DataConnectorInfo[]>;
  putAscConnector(connectorName: string, subscriptionId: string): Promise<DataConnectorInfo>;
  deleteConnector(connectorName: string): Promise<void>;
  checkAscRequirements(subscriptionId: string): Promise<ConnectorRequirements>;
  listAlertRules(): Promise<IncidentRuleInfo[]>;
  putIncidentCreationRule(ruleName: string, rule: IncidentRuleSpec): Promise<IncidentRuleInfo>;

  listIncidents(query: IncidentQuery): Promise<IncidentRecord[]>;
  /** SystemAlertIds of the alerts in an incident. */
  listIncidentAlertIds(incidentId: string): Promise<string[]>;
  /** Reads the incident and writes it back closed (etag-guarded). */
  closeIncident(incidentId: string, close: IncidentClose): Promise<IncidentRecord>;

  getDefenderAlert(ref: DefenderAlertRef): Promise<DefenderAlertInfo>;
  setDefenderAlertStatus(ref: DefenderAlertRef, action: DefenderAlertAction): Promise<void>;

  /** Runs KQL against the Sentinel workspace. `timespan` is an ISO 8601 duration (P1D); default covers 90 days. */
  queryLogs(kql: string, timespan?: string): Promise<LogQueryResult>;
}
