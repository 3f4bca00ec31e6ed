import { defenderAlertName, newEtag, newGuid } from './ids';
import { securityAlertRow } from './securityAlert';
import { ASC_PRODUCT, isConnected, type DefenderAlert, type Incident } from './state';
import type { AlertInput, DefenderAlertStatus } from './scenarios/types';
import type { Sim } from './sim';

const COMPONENTS: Record<string, string> = { VM: 'Servers', SQL: 'SQL', STORAGE: 'Storage', KV: 'KeyVault', ARM: 'Arm', K8S: 'Containers', APPS: 'AppServices' };

/** Creates a Defender alert; it reaches the workspace only if its subscription is connected at that moment. */
export function createAlert(sim: Sim, input: AlertInput, seeded = false): DefenderAlert {
  const sub = sim.state.subscriptions.get(input.subscriptionId.toLowerCase());
  if (!sub) throw new Error(`unknown subscription ${input.subscriptionId}`);
  const now = Date.now();
  const at = now - (input.minutesAgo ?? 0) * 60_000;
  const guid = newGuid();
  const rg = input.resourceGroup ?? [...sub.resourceGroups.values()][0];
  const alertType = input.alertType ?? 'VM_SuspiciousActivity';
  const entity = input.compromisedEntity ?? 'vm-app-01';
  const resourceId = input.resourceId ?? `/subscriptions/${sub.subscriptionId}/resourceGroups/${rg}/providers/Microsoft.Compute/virtualMachines/${entity}`;
  const alert: DefenderAlert = {
    name: input.name ?? defenderAlertName(at, guid),
    subscriptionId: sub.subscriptionId,
    resourceGroup: rg,
    location: input.location ?? sub.location,
    systemAlertId: newGuid(),
    alertType,
    displayName: input.displayName ?? 'Suspicious activity detected',
    description: input.description ?? 'Analysis of host data detected suspicious activity.',
    severity: input.severity ?? 'Medium',
    status: input.status ?? 'Active',
    startTime: at - 60_000,
    endTime: at,
    timeGenerated: at,
    processingEndTime: at,
    resourceId,
    compromisedEntity: entity,
    entities: input.entities ?? [{ type: 'azure-resource', resourceId }],
    tactics: input.tactics ?? ['Execution'],
    techniques: input.techniques ?? [],
    subTechniques: input.subTechniques ?? [],
    remediationSteps: input.remediationSteps ?? ['Review the alert details and investigate the affected resource.'],
    extendedProperties: input.extendedProperties ?? {},
    productComponentName: input.productComponentName ?? COMPONENTS[alertType.split('_')[0].toUpperCase()] ?? 'Servers',
  };
  if (sim.state.alerts.has(alert.name.toLowerCase())) throw new Error(`alert ${alert.name} already exists`);
  sim.state.alerts.set(alert.name.toLowerCase(), alert);
  forward(sim, alert, at, seeded);
  return alert;
}

/** Changes a Defender alert's status; a connected subscription forwards the change as a new SecurityAlert row. */
export function setAlertStatus(sim: Sim, alert: DefenderAlert, status: DefenderAlertStatus): void {
  if (alert.status === status) return;
  alert.status = status;
  alert.processingEndTime = Date.now();
  forward(sim, alert, Date.now(), false);
}

/** Scenario-seeded alerts are ingested at once, as if the pipeline had delivered them shortly after they fired. */
function forward(sim: Sim, alert: DefenderAlert, at: number, seeded: boolean): void {
  if (!isConnected(sim.state, alert.subscriptionId)) return;
  const values = securityAlertRow(sim.state, alert, at);
  const state = sim.state;
  sim.schedule(seeded ? 0 : sim.opts.ingestionDelayMs, () => {
    if (state !== sim.state) return;
    const first = !state.workspace.rows.some((r) => r.values.SystemAlertId === alert.systemAlertId);
    state.workspace.rows.push({ values, ingestedAt: seeded ? Math.min(Date.now(), at + 30_000) : Date.now() });
    if (first) maybeOpenIncident(sim, alert);
  });
}

/** Enabled MicrosoftSecurityIncidentCreation rules for Defender for Cloud act as filters; one incident per alert. */
function maybeOpenIncident(sim: Sim, alert: DefenderAlert): void {
  const ws = sim.state.workspace;
  if (alert.incidentName) return;
  const rules = [...ws.alertRules.values()].filter((r) => {
    const p = r.properties;
    if (r.kind !== 'MicrosoftSecurityIncidentCreation' || !p.enabled || p.productFilter !== ASC_PRODUCT) return false;
    if (Array.isArray(p.severitiesFilter) && p.severitiesFilter.length && !p.severitiesFilter.includes(alert.severity)) return false;
    if (Array.isArray(p.displayNamesFilter) && p.displayNamesFilter.length && !p.displayNamesFilter.some((d: string) => alert.displayName.includes(d))) return false;
    if (Array.isArray(p.displayNamesExcludeFilter) && p.displayNamesExcludeFilter.some((d: string) => alert.displayName.includes(d))) return false;
    return true;
  });
  if (!rules.length) return;
  const now = new Date().toISOString();
  const name = newGuid();
  const number = ++ws.incidentCounter;
  const incident: Incident = {
    name, etag: newEtag(), number, alertNames: [alert.name],
    properties: {
      title: alert.displayName,
      description: alert.description,
      severity: alert.severity,
      status: 'New',
      owner: {},
      labels: [],
      firstActivityTimeUtc: new Date(alert.startTime).toISOString(),
      lastActivityTimeUtc: new Date(alert.endTime).toISOString(),
      createdTimeUtc: now,
      lastModifiedTimeUtc: now,
      incidentNumber: number,
      incidentUrl: `https://portal.azure.com/#asset/Microsoft_Azure_Security_Insights/Incident/subscriptions/${ws.subscriptionId}/resourceGroups/${ws.resourceGroup}/providers/Microsoft.OperationalInsights/workspaces/${ws.name}/providers/Microsoft.SecurityInsights/Incidents/${name}`,
      providerName: 'Azure Sentinel',
      providerIncidentId: String(number),
      relatedAnalyticRuleIds: rules.map((r) => `${sim.workspaceId()}/providers/Microsoft.SecurityInsights/alertRules/${r.name}`),
      additionalData: { alertsCount: 1, bookmarksCount: 0, commentsCount: 0, alertProductNames: [ASC_PRODUCT], tactics: alert.tactics, techniques: alert.techniques },
    },
  };
  ws.incidents.set(name.toLowerCase(), incident);
  alert.incidentName = name;
}

/** Incident closed in Sentinel: with bi-directional sync on, its Defender alerts are resolved after the sync delay. */
export function onIncidentClosed(sim: Sim, incident: Incident): void {
  const state = sim.state;
  for (const an of incident.alertNames) {
    const alert = state.alerts.get(an.toLowerCase());
    if (!alert) continue;
    const sub = state.subscriptions.get(alert.subscriptionId.toLowerCase());
    if (!sub?.alertSync) continue;
    sim.schedule(sim.opts.syncDelayMs, () => {
      if (state !== sim.state) return;
      if (alert.status === 'Active' || alert.status === 'InProgress') setAlertStatus(sim, alert, 'Resolved');
    });
  }
}
