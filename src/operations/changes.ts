// The write verbs. Each reads current state, plans with a pure function from src/domain/changes, then either
// reports the plan (dry run: no write request at all) or carries it out. Re-running a finished change is 'unchanged'.
import { planConnect, planDisconnect, planIncidentRule, planProviderRegistration, planSync } from '../domain/changes';
import { AzureProblemError } from '../domain/errors';
import { PROVIDER_NAMESPACE } from '../domain/prerequisites';
import type { DataConnectorInfo } from '../domain/resources';
import type { ChangeResult, Severity } from '../domain/types';
import type { AzureGateway } from './ports';

export interface ChangeOptions {
  dryRun?: boolean;
}

/** Bulk runs pass the connector list they read once, instead of one list per subscription. */
export interface ConnectorSnapshot {
  connectors?: DataConnectorInfo[];
}

const done = (subscriptionId: string, changed: boolean, dryRun: boolean | undefined, plan: { detail: string; intent?: string }): ChangeResult => ({
  subscriptionId,
  outcome: !changed ? 'unchanged' : dryRun ? 'would-change' : 'changed',
  detail: changed && dryRun ? plan.intent ?? plan.detail : plan.detail,
});

export async function connectSubscription(gw: AzureGateway, subscriptionId: string, opts: ChangeOptions & ConnectorSnapshot = {}): Promise<ChangeResult> {
  const plan = planConnect(opts.connectors ?? (await gw.listDataConnectors()), subscriptionId);
  if (plan.kind === 'put' && !opts.dryRun) await gw.putAscConnector(plan.connectorName, subscriptionId);
  return done(subscriptionId, plan.kind === 'put', opts.dryRun, plan);
}

export async function disconnectSubscription(gw: AzureGateway, subscriptionId: string, opts: ChangeOptions & ConnectorSnapshot = {}): Promise<ChangeResult> {
  const plan = planDisconnect(opts.connectors ?? (await gw.listDataConnectors()), subscriptionId);
  if (!opts.dryRun) for (const name of plan.connectorNames) await gw.deleteConnector(name);
  return done(subscriptionId, plan.connectorNames.length > 0, opts.dryRun, plan);
}

export async function setBiDirectionalSync(gw: AzureGateway, subscriptionId: string, enabled: boolean, opts: ChangeOptions = {}): Promise<ChangeResult> {
  if (!gw.environment.biDirectionalSyncAvailable) {
    throw new AzureProblemError({
      code: 'FeatureNotAvailable',
      message: `Bi-directional alert sync is not available in ${gw.environment.cloud}.`,
      fix: 'Alert status still flows from Defender for Cloud to Sentinel; close Defender alerts in Defender for Cloud.',
      retryable: false,
    });
  }
  const plan = planSync(await gw.getAlertSyncSetting(subscriptionId), enabled);
  if (plan.change && !opts.dryRun) await gw.setAlertSyncSetting(subscriptionId, enabled);
  return done(subscriptionId, plan.change, opts.dryRun, plan);
}

export async function registerProvider(gw: AzureGateway, subscriptionId: string, opts: ChangeOptions = {}): Promise<ChangeResult> {
  const current = await gw.getProvider(subscriptionId, PROVIDER_NAMESPACE);
  const plan = planProviderRegistration(PROVIDER_NAMESPACE, current.registrationState);
  if (plan.kind === 'register' && !opts.dryRun) await gw.registerProvider(subscriptionId, PROVIDER_NAMESPACE);
  return done(subscriptionId, plan.kind === 'register', opts.dryRun, plan);
}

export interface IncidentCreationOptions extends ChangeOptions {
  enabled: boolean;
  /** Defaults to High, Medium, Low; Informational only when listed explicitly. */
  severities?: Severity[];
}

/** Workspace-level: the result names the workspace's subscription. */
export async function setIncidentCreation(gw: AzureGateway, opts: IncidentCreationOptions): Promise<ChangeResult> {
  const ws = gw.environment.workspace;
  const plan = planIncidentRule(await gw.listAlertRules(), opts.enabled, opts.severities);
  if (plan.kind === 'put' && !opts.dryRun) await gw.putIncidentCreationRule(plan.ruleName, plan.rule);
  return { ...done(ws.subscriptionId, plan.kind === 'put', opts.dryRun, plan), displayName: `workspace ${ws.name}` };
}
