import { Durations } from '@azure/monitor-query-logs';
import { SMALL_SUBSCRIPTIONS as S, type AzureSim } from '../../sim/azure';
import { clients, control, rowsOf, startSim, workspaceArgs } from './azure-sim-clients';

const RULE = { kind: 'MicrosoftSecurityIncidentCreation' as const, displayName: 'Create incidents based on Microsoft Defender for Cloud', enabled: true, productFilter: 'Azure Security Center', severitiesFilter: ['High', 'Medium', 'Low'] };

describe('azure sim: Defender alert → SecurityAlert → incident → bi-directional sync', () => {
  let sim: AzureSim;
  let c: ReturnType<typeof clients>;
  let customerId: string;
  const [rg, ws] = ['rg-sentinel', 'law-sentinel-prod'];

  const rowsFor = async (systemAlertId: string) => {
    const r = await c.logs.queryWorkspace(customerId, `SecurityAlert | where SystemAlertId == "${systemAlertId}" | extend Ingested = ingestion_time() | order by Ingested asc`, { duration: Durations.oneDay });
    if (r.status !== 'Success') throw new Error('query failed');
    return rowsOf(r.tables[0]);
  };
  const incidents = async () => {
    const out = [];
    for await (const i of c.sentinel.incidents.list(rg, ws)) out.push(i);
    return out;
  };

  beforeAll(async () => {
    sim = await startSim();
    c = clients(sim);
    expect(workspaceArgs(sim)).toEqual([rg, ws]);
  });
  afterAll(() => sim.close());
  beforeEach(async () => {
    sim.loadScenario('small');
    customerId = sim.state.workspace.customerId;
    await c.sentinel.alertRules.createOrUpdate(rg, ws, 'asc', RULE);
  });

  test('an alert on a connected subscription becomes a SecurityAlert row with the real columns', async () => {
    const { alerts } = await control(sim, 'POST', '/alerts', { subscriptionId: S.payments, severity: 'High', alertType: 'VM_SuspiciousPowerShellCommand', displayName: 'Suspicious PowerShell', tactics: ['Execution'], entities: [{ type: 'host', hostName: 'vm-1' }] });
    expect(alerts[0].forwarded).toBe(true);
    const [row] = await rowsFor(alerts[0].systemAlertId);
    expect(row).toMatchObject({
      ProductName: 'Azure Security Center', AlertSeverity: 'High', Status: 'New', VendorOriginalId: alerts[0].name, AlertType: 'VM_SuspiciousPowerShellCommand',
      DisplayName: 'Suspicious PowerShell', WorkspaceSubscriptionId: S.secops, Tactics: 'Execution', Type: 'SecurityAlert', IsIncident: false,
    });
    expect(row.TimeGenerated).toBeInstanceOf(Date);
    expect(row.Ingested).toBeInstanceOf(Date);
    expect(typeof row.Entities).toBe('string');
    expect(JSON.parse(row.Entities as string)[0]).toMatchObject({ type: 'host', hostName: 'vm-1' });
    expect(row.AlertLink).toContain(alerts[0].name);
  });

  test('alerts on unconnected subscriptions (or a Disabled connector) never reach the workspace', async () => {
    const [onData, onIdentity] = sim.createAlerts([{ subscriptionId: S.data, severity: 'High' }, { subscriptionId: S.identity, severity: 'High' }]);
    expect(onData.forwarded).toBe(false);
    expect(await rowsFor(onData.systemAlertId)).toHaveLength(0);
    expect(await rowsFor(onIdentity.systemAlertId)).toHaveLength(0);
    expect((await incidents()).length).toBe(0);
  });

  test('every status change appends a row with the same SystemAlertId', async () => {
    const [a] = sim.createAlerts({ subscriptionId: S.web, severity: 'Medium' });
    await control(sim, 'POST', `/alerts/${a.name}/status`, { status: 'InProgress' });
    await c.security(S.web).alerts.updateSubscriptionLevelStateToDismiss(a.location, a.name);
    const rows = await rowsFor(a.systemAlertId);
    expect(rows.map((r) => r.Status)).toEqual(['New', 'InProgress', 'Dismissed']);
    const latest = await c.logs.queryWorkspace(customerId, 'SecurityAlert | summarize arg_max(TimeGenerated, *) by SystemAlertId | project SystemAlertId, Status', { duration: Durations.oneDay });
    if (latest.status !== 'Success') throw new Error('query failed');
    expect(rowsOf(latest.tables[0]).find((r) => r.SystemAlertId === a.systemAlertId)?.Status).toBe('Dismissed');
  });

  test('the incident rule opens one incident per alert passing its severitiesFilter', async () => {
    sim.createAlerts([{ subscriptionId: S.payments, severity: 'High', displayName: 'High one' }, { subscriptionId: S.payments, severity: 'Informational', displayName: 'Info one' }]);
    const list = await incidents();
    expect(list.map((i) => i.title)).toEqual(['High one']);
    expect(list[0]).toMatchObject({ severity: 'High', status: 'New', providerName: 'Azure Sentinel' });
    expect(list[0].additionalData?.alertProductNames).toEqual(['Azure Security Center']);
  });

  test('without an enabled rule no incident is created', async () => {
    await c.sentinel.alertRules.createOrUpdate(rg, ws, 'asc', { ...RULE, enabled: false });
    sim.createAlerts({ subscriptionId: S.payments, severity: 'High' });
    expect(await incidents()).toHaveLength(0);
  });

  test('bi-directional sync ON: closing the incident resolves the Defender alert and appends a Resolved row', async () => {
    const [a] = sim.createAlerts({ subscriptionId: S.payments, severity: 'High' });
    const [inc] = await incidents();
    await c.sentinel.incidents.createOrUpdate(rg, ws, inc.name!, { etag: inc.etag, title: inc.title!, severity: inc.severity!, status: 'Closed', classification: 'TruePositive', classificationReason: 'SuspiciousActivity' });
    expect((await c.security(S.payments).alerts.getSubscriptionLevel(a.location, a.name)).status).toBe('Resolved');
    expect((await rowsFor(a.systemAlertId)).map((r) => r.Status)).toEqual(['New', 'Resolved']);
  });

  test('bi-directional sync OFF: closing the incident leaves the Defender alert active', async () => {
    const [a] = sim.createAlerts({ subscriptionId: S.web, severity: 'High' });
    const [inc] = await incidents();
    await control(sim, 'POST', `/incidents/${inc.name}/close`, {});
    expect((await c.sentinel.incidents.get(rg, ws, inc.name!)).status).toBe('Closed');
    expect((await c.security(S.web).alerts.getSubscriptionLevel(a.location, a.name)).status).toBe('Active');
    expect(await rowsFor(a.systemAlertId)).toHaveLength(1);
  });

  test('turning sync on through the settings API changes the outcome', async () => {
    await c.security(S.web).settings.update('Sentinel', { kind: 'AlertSyncSettings', enabled: true } as any);
    const [a] = sim.createAlerts({ subscriptionId: S.web, severity: 'Low' });
    const [inc] = await incidents();
    sim.closeIncident(inc.name!);
    expect(sim.state.alerts.get(a.name.toLowerCase())?.status).toBe('Resolved');
  });

  test('closing a Defender alert never closes its incident', async () => {
    const [a] = sim.createAlerts({ subscriptionId: S.payments, severity: 'Medium' });
    await c.security(S.payments).alerts.updateSubscriptionLevelStateToResolve(a.location, a.name);
    const [inc] = await incidents();
    expect(inc.status).toBe('New');
    const alerts = await c.sentinel.incidents.listAlerts(rg, ws, inc.name!);
    expect((alerts.value![0] as any).status).toBe('Resolved');
  });

  test('connecting a subscription makes its later alerts flow', async () => {
    await c.sentinel.dataConnectors.createOrUpdate(rg, ws, 'data', { kind: 'AzureSecurityCenter', subscriptionId: S.data, dataTypes: { alerts: { state: 'Enabled' } } });
    const [a] = sim.createAlerts({ subscriptionId: S.data, severity: 'High' });
    expect(await rowsFor(a.systemAlertId)).toHaveLength(1);
  });

  test('ingestion and sync delays are honoured when configured', async () => {
    const slow = await startSim({ ingestionDelayMs: 150, syncDelayMs: 150 });
    try {
      const sc = clients(slow);
      await sc.sentinel.alertRules.createOrUpdate(rg, ws, 'asc', RULE);
      const [a] = slow.createAlerts({ subscriptionId: S.payments, severity: 'High' });
      const count = () => slow.state.workspace.rows.filter((r) => r.values.SystemAlertId === a.systemAlertId).length;
      expect(count()).toBe(0);
      await new Promise((r) => setTimeout(r, 250));
      expect(count()).toBe(1);
      const [inc] = [...slow.state.workspace.incidents.values()];
      slow.closeIncident(inc.name);
      expect(slow.state.alerts.get(a.name.toLowerCase())?.status).toBe('Active');
      await new Promise((r) => setTimeout(r, 400));
      expect(slow.state.alerts.get(a.name.toLowerCase())?.status).toBe('Resolved');
      expect(count()).toBe(2);
    } finally {
      await slow.close();
    }
  });
});
