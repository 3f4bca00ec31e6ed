/** The scenario format: a declarative description of a tenant that `loadScenario` turns into live state. */
export type Severity = 'High' | 'Medium' | 'Low' | 'Informational';
export type SubscriptionState = 'Enabled' | 'Warned' | 'PastDue' | 'Disabled' | 'Deleted';
export type ProviderState = 'Registered' | 'NotRegistered' | 'Registering' | 'Unregistering';
export type DefenderAlertStatus = 'Active' | 'InProgress' | 'Resolved' | 'Dismissed';

export interface PlanSpec {
  pricingTier: 'Free' | 'Standard';
  subPlan?: string;
}

/** 'none' = every plan Free; 'some' = servers, key vaults and ARM on Standard; 'all' = every non-deprecated plan Standard. */
export type PlansSpec = 'none' | 'some' | 'all' | Record<string, 'Free' | 'Standard' | PlanSpec>;

export interface ScenarioSubscription {
  subscriptionId: string;
  displayName: string;
  state?: SubscriptionState;
  /** Registration per namespace; unspecified namespaces are Registered. */
  providers?: Record<string, ProviderState>;
  plans?: PlansSpec;
  /** Bi-directional alert sync (Microsoft.Security/settings/Sentinel). */
  alertSync?: boolean;
  resourceGroups?: string[];
  location?: string;
  tags?: Record<string, string>;
}

export interface ScenarioPrincipal {
  objectId: string;
  displayName: string;
  type?: 'ServicePrincipal' | 'User' | 'Group';
  /** Service principals that can sign in via client credentials. */
  clientId?: string;
  clientSecret?: string;
  /** Group object ids; the group's role assignments apply to the member. */
  memberOf?: string[];
}

export interface ScenarioRoleAssignment {
  principalId: string;
  /** Role name ("Owner") or role definition GUID. */
  role: string;
  /** ARM scope, e.g. "/subscriptions/{id}" or a workspace resource id. */
  scope: string;
  id?: string;
}

export interface ScenarioConnector {
  name: string;
  kind: string;
  /** For AzureSecurityCenter: the connected subscription. */
  subscriptionId?: string;
  state?: 'Enabled' | 'Disabled';
  /** Raw properties for other kinds (merged over the defaults). */
  properties?: Record<string, unknown>;
}

export interface ScenarioAlertRule {
  name: string;
  displayName: string;
  enabled: boolean;
  productFilter?: string;
  severitiesFilter?: Severity[];
  alertRuleTemplateName?: string;
  description?: string;
  displayNamesFilter?: string[];
  displayNamesExcludeFilter?: string[];
}

export interface ScenarioWorkspace {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location?: string;
  customerId?: string;
  sentinelOnboarded?: boolean;
  /** The Content Hub "Microsoft Defender for Cloud" solution. */
  solution?: { installed: boolean; version?: string };
  connectors?: ScenarioConnector[];
  alertRules?: ScenarioAlertRule[];
}

/** A Defender for Cloud alert, as the control API accepts it. */
export interface AlertInput {
  subscriptionId: string;
  severity?: Severity;
  alertType?: string;
  /** Alert resource name; generated when omitted. */
  name?: string;
  displayName?: string;
  description?: string;
  resourceGroup?: string;
  location?: string;
  resourceId?: string;
  compromisedEntity?: string;
  entities?: Record<string, unknown>[];
  tactics?: string[];
  techniques?: string[];
  subTechniques?: string[];
  remediationSteps?: string[];
  extendedProperties?: Record<string, string>;
  productComponentName?: string;
  status?: DefenderAlertStatus;
  /** Back-dates the alert's start/generated times. */
  minutesAgo?: number;
}

export interface Scenario {
  name: string;
  tenantId: string;
  /** Principal whose credentials go into the printed environment. */
  botPrincipalId: string;
  principals: ScenarioPrincipal[];
  subscriptions: ScenarioSubscription[];
  roleAssignments: ScenarioRoleAssignment[];
  workspace: ScenarioWorkspace;
  alerts?: AlertInput[];
}
