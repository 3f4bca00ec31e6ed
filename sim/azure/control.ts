import { createAlert, onIncidentClosed, setAlertStatus } from './flow';
import type { DefenderAlert, TenantState } from './state';
import { isConnected, providerState } from './state';
import type { AlertInput, DefenderAlertStatus } from './scenarios/types';
import type { Sim } from './sim';

/** Operations shared by the /_sim HTTP API and the in-process handle. */
export interface CreatedAlert {
  name: string;
  id: string;
  systemAlertId: string;
  subscriptionId: string;
  location: string;
  severity: string;
  /** Whether the alert's subscription was connected (so a SecurityAlert row follows). */
  forwarded: boolean;
}

export function createAlerts(sim: Sim, inputs: AlertInput[]): CreatedAlert[] {
  return inputs.map((i) => {
    const a = createAlert(sim, i);
    return {
      name: a.name, systemAlertId: a.systemAlertId, subscriptionId: a.subscriptionId, location: a.location, severity: a.severity,
      id: `/subscriptions/${a.subscriptionId}/resourceGroups/${a.resourceGroup}/providers/Microsoft.Security/locations/${a.location}/alerts/${a.name}`,
      forwarded: isConnected(sim.state, a.subscriptionId),
    };
  });
}

const STATUS: Record<string, DefenderAlertStatus> = { active: 'Active', new: 'Active', inprogress: 'InProgress', resolved: 'Resolved', dismissed: 'Dismissed' };

export function findAlert(sim: Sim, name: string): DefenderAlert {
  const a = sim.state.alerts.get(name.toLowerCase()) ?? [...sim.state.alerts.values()].find((x) => x.systemAlertId.toLowerCase() === name.toLowerCase());
  if (!a) throw new Error(`unknown alert ${name}`);
  return a;
}

export function changeAlertStatus(sim: Sim, name: string, status: string): DefenderAlert {
  const s = STATUS[status.toLowerCase()];
  if (!s) throw new Error(`status must be Active, InProgress, Resolved or Dismissed, not ${status}`);
  const a = findAlert(sim, name);
  setAlertStatus(sim, a, s);
  return a;
}

export interface CloseOptions {
  classification?: string;
  classificationReason?: string;
  classificationComment?: string;
}

/** Closes an incident as the Sentinel portal would (bi-directional sync applies). */
export function closeIncident(sim: Sim, id: string, o: CloseOptions = {}): void {
  const inc = sim.state.workspace.incidents.get(id.toLowerCase()) ?? [...sim.state.workspace.incidents.values()].find((i) => String(i.number) === id);
  if (!inc) throw new Error(`unknown incident ${id}`);
  if (inc.properties.status === 'Closed') return;
  Object.assign(inc.properties, {
    status: 'Closed', classification: o.classification ?? 'FalsePositive', classificationReason: o.classificationReason ?? 'IncorrectAlertLogic',
    classificationComment: o.classificationComment ?? 'Closed via simulator control API', lastModifiedTimeUtc: new Date().toISOString(),
  });
  onIncidentClosed(sim, inc);
}

/** JSON view of the live model (Maps flattened), for GET /_sim/state. */
export function snapshot(state: TenantState) {
  const ws = state.workspace;
  return {
    scenario: state.scenario,
    tenantId: state.tenantId,
    botPrincipalId: state.botPrincipalId,
    principals: [...state.principals.values()],
    subscriptions: state.subscriptionList.map((s) => ({
      subscriptionId: s.subscriptionId, displayName: s.displayName, state: s.state, location: s.location,
      providers: Object.fromEntries([...s.providers.values()].map((p) => [p.namespace, providerState(p)])),
      plans: Object.fromEntries([...s.plans.values()].map((p) => [p.name, p.subPlan ? `${p.pricingTier}:${p.subPlan}` : p.pricingTier])),
      alertSync: s.alertSync, connected: isConnected(state, s.subscriptionId), resourceGroups: [...s.resourceGroups.values()],
    })),
    roleAssignments: state.roleAssignments,
    workspace: {
      subscriptionId: ws.subscriptionId, resourceGroup: ws.resourceGroup, name: ws.name, customerId: ws.customerId, onboarded: !!ws.onboarding, solution: ws.solution,
      connectors: [...ws.connectors.values()], alertRules: [...ws.alertRules.values()],
      incidents: [...ws.incidents.values()].map((i) => ({ name: i.name, number: i.number, alertNames: i.alertNames, ...i.properties })),
      securityAlertRows: ws.rows.length,
    },
    alerts: [...state.alerts.values()],
  };
}
