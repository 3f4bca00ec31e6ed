import { buildScenario, subId, type SubDef } from './build';
import type { Scenario } from './types';

/** `size` subscriptions (default 1,000) plus the workspace subscription; mostly unconnected, with plans and the provider registered. */
export function largeScenario(size = 1000): Scenario {
  const subs: SubDef[] = [{ subscriptionId: subId('large', 'secops'), displayName: 'Security Operations', plans: 'some', connected: true, botRole: 'Owner', resourceGroups: ['rg-sentinel'] }];
  for (let i = 1; i <= size; i++) {
    const n = String(i).padStart(4, '0');
    subs.push({
      subscriptionId: subId('large', n),
      displayName: `Contoso Sub ${n}`,
      plans: i % 50 === 7 ? 'none' : i % 10 === 1 ? 'all' : 'some',
      providers: i % 97 === 3 ? { 'Microsoft.SecurityInsights': 'NotRegistered' } : undefined,
      alertSync: i % 3 === 0,
      connected: i % 20 === 0,
      botRole: i % 250 === 5 ? 'Reader' : 'Contributor',
      resourceGroups: ['rg-workload'],
    });
  }
  return buildScenario({ name: 'large', subs, workspaceSub: 0 });
}
