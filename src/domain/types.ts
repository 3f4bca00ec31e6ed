// Plain data shared by every layer. No I/O, no SDK types: the Azure gateway maps SDK models into these.
import type { SEVERITIES } from '../config';

export type Severity = (typeof SEVERITIES)[number];
export type PlanCoverage = 'none' | 'some' | 'all';
export type SyncState = 'on' | 'off' | 'unavailable';
export type ConnectionState = 'connected' | 'not-connected' | 'error';

/** An Azure (ARM or Log Analytics) failure, translated for a SOC engineer. */
export interface Problem {
  code: string;
  /** One sentence saying what went wrong, in plain words. */
  message: string;
  /** What to do about it, e.g. "Register Microsoft.SecurityInsights on … — `/sentinel prereqs …` can do it." */
  fix?: string;
  retryable: boolean;
  retryAfterMs?: number;
  status?: number;
}

export interface DefenderPlan {
  name: string;
  tier: 'Free' | 'Standard';
  subPlan?: string;
  deprecated?: boolean;
}

export interface SubscriptionPermissions {
  /** Contributor or Owner on the subscription (and workspace write): may connect/disconnect. */
  connect: boolean;
  /** Contributor or Security Admin: may toggle bi-directional sync. */
  toggleSync: boolean;
  /** Security Admin (or Owner): may enable Defender plans. */
  enablePlans: boolean;
  /** Why an action is not allowed, keyed by action, for display next to disabled controls. */
  reasons: Partial<Record<'connect' | 'toggleSync' | 'enablePlans', string>>;
}

export interface SubscriptionStatus {
  subscriptionId: string;
  displayName: string;
  /** ARM subscription state: Enabled, Warned, PastDue, Disabled, Deleted. */
  state: string;
  connection: ConnectionState;
  connected: boolean;
  /** Name of the AzureSecurityCenter data connector when connected. */
  connectorName?: string;
  plans: PlanCoverage;
  enabledPlans: string[];
  disabledPlans: string[];
  /** Portal deep link to the subscription's Defender plans page ("Enable all"). */
  plansPortalUrl: string;
  biDirectionalSync: SyncState;
  providerRegistered: boolean | 'unknown';
  permissions: SubscriptionPermissions;
  warnings: string[];
  /** Set when reading this subscription failed; the row still renders. */
  problem?: Problem;
}

export interface WorkspaceInfo {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  customerId?: string;
  onboarded: boolean;
  portalUrl: string;
}

export interface TenantStatus {
  workspace: WorkspaceInfo;
  subscriptions: SubscriptionStatus[];
  warnings: string[];
  generatedAt: string;
}

export type Verdict = 'pass' | 'fail' | 'warn' | 'unknown';

export interface PrerequisiteCheck {
  id: string;
  title: string;
  verdict: Verdict;
  evidence: string;
  fix?: string;
  /** An operation the bot can run to fix it (drawn as a button in Slack). */
  fixAction?: { kind: 'register-provider'; subscriptionId: string };
}

export interface PrerequisiteReport {
  workspace: PrerequisiteCheck[];
  subscriptions: { subscriptionId: string; displayName: string; checks: PrerequisiteCheck[] }[];
  /** True when every check passes (warnings allowed). */
  ready: boolean;
}

export type ChangeOutcome = 'changed' | 'unchanged' | 'failed' | 'would-change';

export interface ChangeResult {
  subscriptionId: string;
  displayName?: string;
  outcome: ChangeOutcome;
  /** Human summary, e.g. "connector sc-… created" or "already connected". */
  detail: string;
  problem?: Problem;
}

export interface BulkResult {
  action: string;
  dryRun: boolean;
  results: ChangeResult[];
}

export type ProgressCallback = (done: number, total: number, last: ChangeResult) => void;

export type AlertStatus = 'New' | 'InProgress' | 'Resolved' | 'Dismissed' | 'Unknown';

/** One Defender for Cloud alert as seen in SecurityAlert (latest row per SystemAlertId). */
export interface AlertRecord {
  systemAlertId: string;
  ingestedAt: string;
  timeGenerated: string;
  startTime?: string;
  alertName: string;
  displayName: string;
  alertType?: string;
  severity: Severity;
  status: AlertStatus;
  description: string;
  compromisedEntity?: string;
  resourceId?: string;
  subscriptionId?: string;
  productComponentName?: string;
  alertLink?: string;
  tactics: string[];
  techniques: string[];
  remediationSteps: string[];
  /** Defender alert ARM coordinates, when derivable (for resolve/dismiss). */
  defender?: { subscriptionId: string; location: string; name: string };
  /** Sentinel incident containing the alert, if any. */
  incident?: { id: string; number?: number; status: string; url?: string };
}

export type IncidentClassification = 'TruePositive' | 'BenignPositive' | 'FalsePositive' | 'Undetermined';

export interface IncidentSummary {
  id: string;
  number: number;
  title: string;
  severity: Severity;
  status: 'New' | 'Active' | 'Closed';
  classification?: string;
  url?: string;
  alertIds: string[];
  createdTime?: string;
}

export interface QueryTable {
  columns: { name: string; type: string }[];
  rows: unknown[][];
}
