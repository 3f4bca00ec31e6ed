import { buildScenario, subId, type SubDef } from './build';
import type { Scenario } from './types';

const id = (key: string): string => subId('small', key);

/** Every state the connector page can show, one subscription each (ids are stable: stableGuid("small:sub:<key>")). */
export const SMALL_SUBSCRIPTIONS = {
  secops: id('secops'),
  payments: id('payments'),
  web: id('web'),
  identity: id('identity'),
  data: id('data'),
  sandbox: id('sandbox'),
  qa: id('qa'),
  archive: id('archive'),
  networking: id('networking'),
  finance: id('finance'),
  partner: id('partner'),
  decommissioned: id('decommissioned'),
  analytics: id('analytics'),
} as const;

const S = SMALL_SUBSCRIPTIONS;

export function smallScenario(): Scenario {
  const subs: SubDef[] = [
    { subscriptionId: S.secops, displayName: 'Security Operations', plans: 'some', connected: true, botRole: 'Owner', resourceGroups: ['rg-sentinel'] },
    { subscriptionId: S.payments, displayName: 'Contoso Prod - Payments', plans: 'all', connected: true, alertSync: true, resourceGroups: ['rg-payments'] },
    { subscriptionId: S.web, displayName: 'Contoso Prod - Web', plans: 'some', connected: true, resourceGroups: ['rg-web'] },
    { subscriptionId: S.identity, displayName: 'Contoso Prod - Identity', plans: 'all', connected: 'disabled', alertSync: true, resourceGroups: ['rg-identity'] },
    { subscriptionId: S.data, displayName: 'Contoso Prod - Data', plans: 'all', resourceGroups: ['rg-data'] },
    { subscriptionId: S.sandbox, displayName: 'Contoso Dev - Sandbox', plans: 'some', resourceGroups: ['rg-sandbox'] },
    { subscriptionId: S.qa, displayName: 'Contoso Test - QA', plans: 'none', resourceGroups: ['rg-qa'] },
    { subscriptionId: S.archive, displayName: 'Contoso Legacy - Archive', plans: 'some', providers: { 'Microsoft.SecurityInsights': 'NotRegistered' }, resourceGroups: ['rg-archive'] },
    { subscriptionId: S.networking, displayName: 'Contoso Shared - Networking', plans: 'some', providers: { 'Microsoft.SecurityInsights': 'Registering' }, resourceGroups: ['rg-network'] },
    { subscriptionId: S.finance, displayName: 'Contoso Finance - Reporting', plans: 'some', botRole: 'Reader', resourceGroups: ['rg-finance'] },
    { subscriptionId: S.partner, displayName: 'Contoso Partner - Fabrikam', plans: 'all', botRole: 'Security Admin', resourceGroups: ['rg-partner'] },
    { subscriptionId: S.decommissioned, displayName: 'Contoso Old - Decommissioned', state: 'Disabled', plans: 'none', resourceGroups: ['rg-old'] },
    { subscriptionId: S.analytics, displayName: 'Contoso Prod - Analytics', plans: { Dns: 'Standard' }, resourceGroups: ['rg-analytics'] },
  ];
  return buildScenario({
    name: 'small',
    subs,
    workspaceSub: 0,
    alerts: [
      { subscriptionId: S.payments, severity: 'High', alertType: 'VM_SuspiciousPowerShellCommand', displayName: 'Suspicious PowerShell command detected', compromisedEntity: 'vm-pay-01', tactics: ['Execution'], techniques: ['T1059'], minutesAgo: 90 },
      { subscriptionId: S.web, severity: 'Medium', alertType: 'APPS_WebShellActivity', displayName: 'Web shell activity detected', compromisedEntity: 'app-web-frontend', tactics: ['Persistence'], minutesAgo: 45 },
      { subscriptionId: S.identity, severity: 'Low', alertType: 'KV_UnusualAccess', displayName: 'Unusual access to key vault', compromisedEntity: 'kv-identity', tactics: ['CredentialAccess'], minutesAgo: 30 },
      { subscriptionId: S.data, severity: 'High', alertType: 'SQL_InjectionAttempt', displayName: 'Potential SQL injection', compromisedEntity: 'sql-data-01', tactics: ['InitialAccess'], minutesAgo: 20 },
    ],
  });
}
