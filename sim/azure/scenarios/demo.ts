import { buildScenario, INCIDENT_RULE, subId, type SubDef } from './build';
import type { AlertInput, Scenario, Severity } from './types';

const NAMES = [
  'Contoso Prod - Payments', 'Contoso Prod - Web', 'Contoso Prod - Identity', 'Contoso Prod - Data Platform', 'Contoso Prod - Mobile API',
  'Contoso Prod - Search', 'Contoso Prod - Checkout', 'Contoso Prod - Logistics', 'Contoso Staging - Payments', 'Contoso Staging - Web',
  'Contoso Dev - Sandbox', 'Contoso Dev - Data Science', 'Contoso Test - QA', 'Contoso Test - Load', 'Contoso Shared - Networking',
  'Contoso Shared - Monitoring', 'Contoso Finance - Reporting', 'Contoso HR - Workday Sync', 'Contoso Legacy - Archive', 'Contoso Partner - Fabrikam',
  'Contoso Partner - Northwind', 'Contoso Research - ML', 'Contoso Old - Decommissioned', 'Contoso Marketing - Campaigns',
];

/** Realistic Defender for Cloud alert types the generator draws from. */
export const ALERT_CATALOG: ReadonlyArray<Omit<AlertInput, 'subscriptionId'> & { severity: Severity }> = [
  { alertType: 'VM_SuspiciousPowerShellCommand', displayName: 'Suspicious PowerShell command detected', severity: 'High', tactics: ['Execution'], techniques: ['T1059'], productComponentName: 'Servers' },
  { alertType: 'VM_SshBruteForceFailed', displayName: 'Failed SSH brute force attack', severity: 'Medium', tactics: ['PreAttack'], productComponentName: 'Servers' },
  { alertType: 'VM_CryptoMinerProcess', displayName: 'Digital currency mining related behavior detected', severity: 'High', tactics: ['Impact'], techniques: ['T1496'], productComponentName: 'Servers' },
  { alertType: 'SQL_InjectionAttempt', displayName: 'Potential SQL injection', severity: 'High', tactics: ['InitialAccess'], productComponentName: 'SQL' },
  { alertType: 'SQL_BruteForce', displayName: 'Suspected brute force attack on SQL server', severity: 'Medium', tactics: ['CredentialAccess'], productComponentName: 'SQL' },
  { alertType: 'STORAGE_AnonymousAccessAnomaly', displayName: 'Unusual unauthenticated access to a storage container', severity: 'Low', tactics: ['Collection'], productComponentName: 'Storage' },
  { alertType: 'KV_UnusualAccess', displayName: 'Unusual user accessed a key vault', severity: 'Medium', tactics: ['CredentialAccess'], productComponentName: 'KeyVault' },
  { alertType: 'ARM_UnusualOperation', displayName: 'Unusual resource management operation', severity: 'Low', tactics: ['Persistence'], productComponentName: 'Arm' },
  { alertType: 'K8S_PrivilegedContainer', displayName: 'Privileged container detected', severity: 'Low', tactics: ['PrivilegeEscalation'], productComponentName: 'Containers' },
  { alertType: 'VM_EICAR', displayName: 'Azure Security Center test alert (not a threat)', severity: 'Informational', tactics: ['Execution'], productComponentName: 'Servers' },
];

export function demoScenario(): Scenario {
  const subs: SubDef[] = [{ subscriptionId: subId('demo', 'secops'), displayName: 'Security Operations', plans: 'some', connected: true, botRole: 'Owner', resourceGroups: ['rg-sentinel'] }];
  NAMES.forEach((displayName, i) => {
    const key = displayName.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    subs.push({
      subscriptionId: subId('demo', key),
      displayName,
      plans: displayName.includes('Test') ? 'none' : i % 3 === 0 ? 'all' : 'some',
      connected: displayName.includes('Prod') || displayName.includes('Staging') ? true : false,
      alertSync: displayName.includes('Prod') && i % 2 === 0,
      state: displayName.includes('Decommissioned') ? 'Disabled' : 'Enabled',
      providers: displayName.includes('Legacy') ? { 'Microsoft.SecurityInsights': 'NotRegistered' } : undefined,
      botRole: displayName.includes('Finance') ? 'Reader' : displayName.includes('Partner') ? 'Security Admin' : 'Contributor',
      resourceGroups: [`rg-${key.split('-').slice(-1)[0]}`],
    });
  });
  const prod = subs.filter((s) => s.connected && s.displayName !== 'Security Operations');
  const alerts: AlertInput[] = prod.slice(0, 8).map((s, i) => ({ ...ALERT_CATALOG[i % ALERT_CATALOG.length], subscriptionId: s.subscriptionId, minutesAgo: 600 - i * 60 }));
  return buildScenario({ name: 'demo', subs, workspaceSub: 0, alertRules: [INCIDENT_RULE], alerts });
}
