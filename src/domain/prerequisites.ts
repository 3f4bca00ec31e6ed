// Prerequisite verdicts (domain.md §1.2 P1–P6): each check says pass/fail/warn/unknown, shows its evidence,
// and names the fix. Inputs are what the gateway read, or the Problem that stopped it reading.
import { ACTIONS, allows } from './permissions';
import { summarizePlans } from './plans';
import type { ConnectorRequirements, ContentPackageInfo, PermissionSet } from './resources';
import type { DefenderPlan, PrerequisiteCheck, PrerequisiteReport, Problem, SubscriptionPermissions } from './types';

/** Either what was read or why it could not be. */
export type Fetched<T> = { value: T } | { problem: Problem };

export const SOLUTION_CONTENT_ID = 'azuresentinel.azure-sentinel-solution-microsoftdefenderforcloud';
export const SOLUTION_NAME = 'Microsoft Defender for Cloud';
export const PROVIDER_NAMESPACE = 'Microsoft.SecurityInsights';

function unknown(id: string, title: string, problem: Problem): PrerequisiteCheck {
  return { id, title, verdict: 'unknown', evidence: `Could not check: ${problem.message}`, fix: problem.fix };
}

export interface WorkspaceFacts {
  workspaceName: string;
  /** The workspace GET: success proves read access. */
  workspace: Fetched<{ id: string }>;
  permissions: Fetched<PermissionSet[]>;
  onboarded: Fetched<boolean>;
  packages: Fetched<ContentPackageInfo[]>;
  /** Warnings about overlapping alert routes (tenant-based connector, Defender XDR). */
  routeWarnings: string[];
}

export function findSolution(packages: readonly ContentPackageInfo[]): ContentPackageInfo | undefined {
  return packages.find((p) => p.contentId?.toLowerCase() === SOLUTION_CONTENT_ID || p.name.toLowerCase() === SOLUTION_CONTENT_ID)
    ?? packages.find((p) => p.displayName?.toLowerCase() === SOLUTION_NAME.toLowerCase());
}

export function workspaceChecks(f: WorkspaceFacts): PrerequisiteCheck[] {
  const checks: PrerequisiteCheck[] = [];
  const access = { id: 'workspace-access', title: 'Read and write on the Sentinel workspace' };
  if ('problem' in f.workspace) checks.push({ ...access, verdict: 'fail', evidence: f.workspace.problem.message, fix: f.workspace.problem.fix });
  else if ('problem' in f.permissions) checks.push(unknown(access.id, access.title, f.permissions.problem));
  else {
    const write = allows(f.permissions.value, ACTIONS.connectorWrite);
    checks.push(write
      ? { ...access, verdict: 'pass', evidence: `Can read ${f.workspaceName} and write its data connectors.` }
      : { ...access, verdict: 'fail', evidence: `Can read ${f.workspaceName} but not write data connectors (${ACTIONS.connectorWrite}).`, fix: `Assign Microsoft Sentinel Contributor on workspace ${f.workspaceName} to the bot's identity.` });
  }

  const onboard = { id: 'sentinel-onboarded', title: 'Microsoft Sentinel enabled on the workspace' };
  if ('problem' in f.onboarded) checks.push(unknown(onboard.id, onboard.title, f.onboarded.problem));
  else checks.push(f.onboarded.value
    ? { ...onboard, verdict: 'pass', evidence: `Sentinel is onboarded on ${f.workspaceName}.` }
    : { ...onboard, verdict: 'fail', evidence: `Sentinel is not enabled on ${f.workspaceName}.`, fix: 'Add Microsoft Sentinel to the workspace (Microsoft Sentinel → Create → select the workspace).' });

  const solution = { id: 'solution-installed', title: `"${SOLUTION_NAME}" solution installed from Content Hub` };
  if ('problem' in f.packages) checks.push(unknown(solution.id, solution.title, f.packages.problem));
  else {
    const found = findSolution(f.packages.value);
    checks.push(found
      ? { ...solution, verdict: 'pass', evidence: `Installed${found.version ? `, version ${found.version}` : ''}.` }
      : { ...solution, verdict: 'fail', evidence: 'Not installed: the connector page and its content are missing.', fix: `Install "${SOLUTION_NAME}" from Sentinel → Content hub.` });
  }

  checks.push(f.routeWarnings.length
    ? { id: 'alert-routes', title: 'One route for Defender for Cloud alerts', verdict: 'warn', evidence: f.routeWarnings.join(' ') }
    : { id: 'alert-routes', title: 'One route for Defender for Cloud alerts', verdict: 'pass', evidence: 'No tenant-based or Defender XDR connector overlaps with the subscription connector.' });
  return checks;
}

export interface SubscriptionFacts {
  subscriptionId: string;
  displayName: string;
  permissions: SubscriptionPermissions;
  /** Set when the permissions could not be read at all. */
  permissionsProblem?: Problem;
  provider: Fetched<string>;
  plans: Fetched<DefenderPlan[]>;
  plansPortalUrl: string;
  requirements?: Fetched<ConnectorRequirements>;
}

export function subscriptionChecks(f: SubscriptionFacts): PrerequisiteCheck[] {
  const checks: PrerequisiteCheck[] = [];
  const sub = `subscription ${f.displayName}`;
  const roleCheck = (id: string, title: string, allowed: boolean, reason: string | undefined, fix: string, severity: 'fail' | 'warn'): PrerequisiteCheck => {
    if (f.permissionsProblem) return unknown(id, title, f.permissionsProblem);
    return allowed ? { id, title, verdict: 'pass', evidence: `Allowed on ${sub}.` } : { id, title, verdict: severity, evidence: reason ?? 'Not allowed.', fix };
  };

  const planSummary = 'value' in f.plans ? summarizePlans(f.plans.value) : undefined;
  checks.push(roleCheck('role-connect', 'Contributor or Owner on the subscription (to connect)', f.permissions.connect, f.permissions.reasons.connect,
    `Assign Contributor (or Owner) on ${sub} to the bot's identity.`, 'fail'));
  checks.push(roleCheck('role-plans', 'Security Admin on the subscription (to enable Defender plans)', f.permissions.enablePlans, f.permissions.reasons.enablePlans,
    `Assign Security Admin on ${sub} if the bot should enable plans.`, planSummary?.coverage === 'none' ? 'fail' : 'warn'));
  checks.push(roleCheck('role-sync', 'Contributor or Security Admin (to toggle bi-directional sync)', f.permissions.toggleSync, f.permissions.reasons.toggleSync,
    `Assign Contributor or Security Admin on ${sub}.`, 'warn'));

  const provider = { id: 'provider-registered', title: `${PROVIDER_NAMESPACE} resource provider registered` };
  if ('problem' in f.provider) checks.push(unknown(provider.id, provider.title, f.provider.problem));
  else if (f.provider.value === 'Registered') checks.push({ ...provider, verdict: 'pass', evidence: `Registered on ${sub}.` });
  else checks.push({
    ...provider,
    verdict: f.provider.value === 'Registering' ? 'warn' : 'fail',
    evidence: `State on ${sub}: ${f.provider.value}.`,
    fix: `Register ${PROVIDER_NAMESPACE} on ${sub} — \`/sentinel prereqs ${f.subscriptionId}\` can do it.`,
    fixAction: { kind: 'register-provider', subscriptionId: f.subscriptionId },
  });

  const plans = { id: 'defender-plan', title: 'At least one Defender plan enabled' };
  if ('problem' in f.plans) checks.push(unknown(plans.id, plans.title, f.plans.problem));
  else if (planSummary && planSummary.coverage !== 'none') checks.push({ ...plans, verdict: 'pass', evidence: `Enabled: ${planSummary.enabled.join(', ')} (${planSummary.coverage}).` });
  else checks.push({ ...plans, verdict: 'fail', evidence: 'No Defender plan is enabled, so there are no alerts to connect.', fix: `Enable a Defender plan: ${f.plansPortalUrl}` });

  if (f.requirements) {
    const req = { id: 'connector-requirements', title: 'Sentinel’s own connector check (authorization and license)' };
    if ('problem' in f.requirements) checks.push(unknown(req.id, req.title, f.requirements.problem));
    else {
      const { authorizationState: auth, licenseState: license } = f.requirements.value;
      const ok = auth === 'Valid' && license === 'Valid';
      checks.push(ok
        ? { ...req, verdict: 'pass', evidence: 'Authorization valid, license valid.' }
        : { ...req, verdict: 'fail', evidence: `Authorization ${auth}, license ${license}.`,
          fix: license !== 'Valid' ? `Enable a Defender plan: ${f.plansPortalUrl}` : `Assign Contributor (or Owner) on ${sub} to the bot's identity.` });
    }
  }
  return checks;
}

export function buildReport(workspace: PrerequisiteCheck[], subscriptions: PrerequisiteReport['subscriptions']): PrerequisiteReport {
  const all = [...workspace, ...subscriptions.flatMap((s) => s.checks)];
  return { workspace, subscriptions, ready: all.every((c) => c.verdict === 'pass' || c.verdict === 'warn') };
}
