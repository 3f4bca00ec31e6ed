// Plain shapes of the Azure resources the bot reads and writes. The gateway maps SDK models into these;
// decisions and operations never see SDK types.
import type { DefenderPlan, IncidentSummary, Problem, QueryTable, Severity } from './types';

export interface SubscriptionInfo {
  subscriptionId: string;
  displayName: string;
  state: string;
}

export type ProviderRegistrationState = 'Registered' | 'NotRegistered' | 'Registering' | 'Unregistering' | string;

export interface ProviderInfo {
  namespace: string;
  registrationState: ProviderRegistrationState;
}

export interface DataConnectorInfo {
  name: string;
  kind: string;
  /** AzureSecurityCenter: the connected subscription. */
  subscriptionId?: string;
  /** AzureSecurityCenter: state of the alerts data type. */
  alertsState?: 'Enabled' | 'Disabled' | string;
  etag?: string;
}

export interface AlertSyncSetting {
  enabled: boolean;
}

/** One role's effective permission set (Microsoft.Authorization/permissions). */
export interface PermissionSet {
  actions: string[];
  notActions: string[];
}

export interface ConnectorRequirements {
  authorizationState: 'Valid' | 'Invalid' | string;
  licenseState: 'Valid' | 'Invalid' | 'Unknown' | string;
}

export interface WorkspaceResource {
  id: string;
  customerId?: string;
  location?: string;
}

export interface ContentPackageInfo {
  name: string;
  contentId?: string;
  displayName?: string;
  version?: string;
}

export interface IncidentRuleInfo {
  name: string;
  kind: string;
  displayName?: string;
  enabled: boolean;
  productFilter?: string;
  severitiesFilter?: Severity[];
  alertRuleTemplateName?: string;
  description?: string;
  etag?: string;
}

export interface IncidentRuleSpec {
  displayName: string;
  description: string;
  enabled: boolean;
  productFilter: string;
  severitiesFilter: Severity[];
  alertRuleTemplateName: string;
  etag?: string;
}

export interface DefenderAlertRef {
  subscriptionId: string;
  location: string;
  name: string;
}

export type DefenderAlertAction = 'resolve' | 'dismiss' | 'activate' | 'inProgress';

export interface DefenderAlertInfo extends DefenderAlertRef {
  status: 'Active' | 'InProgress' | 'Resolved' | 'Dismissed' | string;
  displayName?: string;
  severity?: string;
  systemAlertId?: string;
}

export interface IncidentClose {
  classification: string;
  classificationReason?: string;
  classificationComment?: string;
}

export interface IncidentQuery {
  status: 'open' | 'all';
  top: number;
}

export type IncidentRecord = Omit<IncidentSummary, 'alertIds'>;

export interface LogQueryResult {
  table: QueryTable;
  /** Set when Log Analytics answered with only part of the data (HTTP 200 with an error). */
  partialError?: Problem;
}

export type { DefenderPlan };
