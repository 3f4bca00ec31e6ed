import { expandPlans, type Plan } from './plans';
import { findRole } from './roles';
import { newEtag, stableGuid } from './ids';
import type {
  DefenderAlertStatus, ProviderState, Scenario, Severity, SubscriptionState,
} from './scenarios/types';

export interface Principal {
  objectId: string;
  displayName: string;
  type: 'ServicePrincipal' | 'User' | 'Group';
  clientId?: string;
  clientSecret?: string;
  memberOf: string[];
}

export interface ProviderRegistration {
  namespace: string;
  state: ProviderState;
  /** When a Registering provider flips to Registered. */
  readyAt?: number;
}

export interface Subscription {
  subscriptionId: string;
  displayName: string;
  state: SubscriptionState;
  location: string;
  tags: Record<string, string>;
  providers: Map<string, ProviderRegistration>;
  plans: Map<string, Plan>;
  alertSync: boolean;
  /** Defender's DataExportSettings (MCAS, WDATP…), modelled only so the settings list is complete. */
  dataExport: Record<string, boolean>;
  resourceGroups: Map<string, string>;
}

export interface RoleAssignment {
  id: string;
  principalId: string;
  roleDefinitionId: string;
  scope: string;
  createdOn: number;
}

export interface StoredResource {
  name: string;
  kind?: string;
  etag: string;
  properties: Record<string, any>;
  createdAt: number;
}

export interface DefenderAlert {
  name: string;
  subscriptionId: string;
  resourceGroup?: string;
  location: string;
  /** Sentinel's SystemAlertId for this alert (stable across status rows). */
  systemAlertId: string;
  alertType: string;
  displayName: string;
  description: string;
  severity: Severity;
  status: DefenderAlertStatus;
  startTime: number;
  endTime: number;
  timeGenerated: number;
  processingEndTime: number;
  resourceId: string;
  compromisedEntity: string;
  entities: Record<string, unknown>[];
  tactics: string[];
  techniques: string[];
  subTechniques: string[];
  remediationSteps: string[];
  extendedProperties: Record<string, string>;
  productComponentName: string;
  /** Incident this alert was grouped into, if any. */
  incidentName?: string;
}

/** One row of the SecurityAlert table, plus its hidden ingestion time. */
export interface SecurityAlertRow {
  values: Record<string, unknown>;
  ingestedAt: number;
}

export interface Incident {
  name: string;
  etag: string;
  number: number;
  properties: Record<string, any>;
  alertNames: string[];
}

export interface Workspace {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  customerId: string;
  createdAt: number;
  onboarding?: StoredResource;
  solution: { installed: boolean; version: string; installedAt?: number };
  connectors: Map<string, StoredResource>;
  alertRules: Map<string, StoredResource>;
  incidents: Map<string, Incident>;
  incidentCounter: number;
  rows: SecurityAlertRow[];
}

export interface TenantState {
  scenario: string;
  tenantId: string;
  botPrincipalId: string;
  principals: Map<string, Principal>;
  principalsByClientId: Map<string, Principal>;
  subscriptions: Map<string, Subscription>;
  /** Insertion order for listing. */
  subscriptionList: Subscription[];
  roleAssignments: RoleAssignment[];
  workspace: Workspace;
  alerts: Map<string, DefenderAlert>;
}

export const DEFAULT_NAMESPACES = ['Microsoft.SecurityInsights', 'Microsoft.Security', 'Microsoft.OperationalInsights', 'Microsoft.OperationsManagement', 'Microsoft.Insights'];
export const SOLUTION_ID = 'azuresentinel.azure-sentinel-solution-microsoftdefenderforcloud';
export const SOLUTION_LATEST = '3.0.3';
export const ASC_PRODUCT = 'Azure Security Center';

export function workspaceResourceId(ws: Pick<Workspace, 'subscriptionId' | 'resourceGroup' | 'name'>): string {
  return `/subscriptions/${ws.subscriptionId}/resourceGroups/${ws.resourceGroup}/providers/Microsoft.OperationalInsights/workspaces/${ws.name}`;
}

export function ascConnectorProperties(subscriptionId: string, state: 'Enabled' | 'Disabled'): Record<string, any> {
  return { subscriptionId, dataTypes: { alerts: { state } } };
}

/** Builds live state from a scenario. Alerts are added afterwards by the alert flow so their rows are ingested normally. */
export function buildState(s: Scenario, registrationDelayMs: number, now = Date.now()): TenantState {
  const principals = new Map<string, Principal>();
  const principalsByClientId = new Map<string, Principal>();
  for (const p of s.principals) {
    const pr: Principal = { objectId: p.objectId, displayName: p.displayName, type: p.type ?? 'ServicePrincipal', clientId: p.clientId, clientSecret: p.clientSecret, memberOf: p.memberOf ?? [] };
    principals.set(p.objectId.toLowerCase(), pr);
    if (p.clientId) principalsByClientId.set(p.clientId.toLowerCase(), pr);
  }
  const subscriptions = new Map<string, Subscription>();
  const subscriptionList: Subscription[] = [];
  for (const sub of s.subscriptions) {
    const providers = new Map<string, ProviderRegistration>();
    for (const ns of DEFAULT_NAMESPACES) providers.set(ns.toLowerCase(), { namespace: ns, state: 'Registered' });
    for (const [ns, st] of Object.entries(sub.providers ?? {})) providers.set(ns.toLowerCase(), { namespace: ns, state: st, readyAt: st === 'Registering' ? now + registrationDelayMs : undefined });
    const resourceGroups = new Map<string, string>();
    for (const rg of sub.resourceGroups ?? ['rg-default']) resourceGroups.set(rg.toLowerCase(), rg);
    const live: Subscription = {
      subscriptionId: sub.subscriptionId, displayName: sub.displayName, state: sub.state ?? 'Enabled', location: sub.location ?? 'westeurope',
      tags: sub.tags ?? {}, providers, plans: expandPlans(sub.plans, now), alertSync: sub.alertSync ?? false, resourceGroups,
      dataExport: { MCAS: true, WDATP: true, WDATP_EXCLUDE_LINUX_PUBLIC_PREVIEW: false, WDATP_UNIFIED_SOLUTION: true },
    };
    subscriptions.set(sub.subscriptionId.toLowerCase(), live);
    subscriptionList.push(live);
  }
  const w = s.workspace;
  const wsSub = subscriptions.get(w.subscriptionId.toLowerCase());
  if (!wsSub) throw new Error(`scenario ${s.name}: workspace subscription ${w.subscriptionId} is not in the subscription list`);
  if (!wsSub.resourceGroups.has(w.resourceGroup.toLowerCase())) wsSub.resourceGroups.set(w.resourceGroup.toLowerCase(), w.resourceGroup);

  const roleAssignments: RoleAssignment[] = s.roleAssignments.map((ra, i) => {
    const role = findRole(ra.role);
    if (!role) throw new Error(`scenario ${s.name}: unknown role ${ra.role}`);
    return {
      id: ra.id ?? stableGuid(`${s.name}:ra:${i}:${ra.principalId}:${ra.scope}`), principalId: ra.principalId, roleDefinitionId: role.id,
      scope: ra.scope.replace(/\/+$/, ''), createdOn: now - 90 * 86_400_000,
    };
  });

  const connectors = new Map<string, StoredResource>();
  for (const c of w.connectors ?? []) {
    const properties = c.kind === 'AzureSecurityCenter' ? ascConnectorProperties(c.subscriptionId ?? '', c.state ?? 'Enabled') : { ...(c.properties ?? {}) };
    connectors.set(c.name.toLowerCase(), { name: c.name, kind: c.kind, etag: newEtag(), properties, createdAt: now });
  }
  const alertRules = new Map<string, StoredResource>();
  for (const r of w.alertRules ?? []) {
    const { name, ...props } = r;
    alertRules.set(name.toLowerCase(), {
      name, kind: 'MicrosoftSecurityIncidentCreation', etag: newEtag(), createdAt: now,
      properties: { productFilter: ASC_PRODUCT, ...props, lastModifiedUtc: new Date(now).toISOString() },
    });
  }
  const workspace: Workspace = {
    subscriptionId: w.subscriptionId, resourceGroup: w.resourceGroup, name: w.name, location: w.location ?? 'westeurope',
    customerId: w.customerId ?? stableGuid(`${s.name}:workspace:${w.name}`), createdAt: now - 365 * 86_400_000,
    onboarding: w.sentinelOnboarded === false ? undefined : { name: 'default', etag: newEtag(), properties: { customerManagedKey: false }, createdAt: now },
    solution: { installed: w.solution?.installed ?? true, version: w.solution?.version ?? SOLUTION_LATEST, installedAt: now - 60 * 86_400_000 },
    connectors, alertRules, incidents: new Map(), incidentCounter: 0, rows: [],
  };
  return {
    scenario: s.name, tenantId: s.tenantId, botPrincipalId: s.botPrincipalId, principals, principalsByClientId, subscriptions, subscriptionList,
    roleAssignments, workspace, alerts: new Map(),
  };
}

/** Effective registration state, flipping Registering → Registered once its delay has passed. */
export function providerState(p: ProviderRegistration, now = Date.now()): ProviderState {
  if (p.state === 'Registering' && p.readyAt !== undefined && now >= p.readyAt) p.state = 'Registered';
  return p.state;
}

export function isConnected(state: TenantState, subscriptionId: string): boolean {
  const want = subscriptionId.toLowerCase();
  for (const c of state.workspace.connectors.values()) {
    if (c.kind === 'AzureSecurityCenter' && String(c.properties.subscriptionId ?? '').toLowerCase() === want && c.properties.dataTypes?.alerts?.state === 'Enabled') return true;
  }
  return false;
}
