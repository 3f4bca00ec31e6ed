// Every operation through the real SDKs against the Azure simulator (small scenario), asserting the simulator's state.
import { loadConfig } from '../../src/config';
import { createAzureGateway } from '../../src/azure';
import {
  AzureProblemError, checkPrerequisites, closeIncident, connectSubscription, disconnectSubscription, getStatus, listAlerts, listIncidents,
  listSubscriptions, registerProvider, runBulk, runQuery, setAlertStatus, setBiDirectionalSync, setIncidentCreation, type AzureGateway,
} from '../../src/operations';
import { connectorNameFor } from '../../src/domain/connectors';
import { INCIDENT_RULE_TEMPLATE_ID } from '../../src/domain/changes';
import type { ChangeResult } from '../../src/domain/types';
import { SMALL_SUBSCRIPTIONS as S, startAzureSim, type AzureSim } from '../../sim/azure';

let sim: AzureSim;
let gw: AzureGateway;

beforeAll(async () => {
  // pageSize 5 makes the 13 subscriptions (and other lists) span several pages.
  sim = await startAzureSim({ port: 0, scenario: 'small', pageSize: 5, ingestionDelayMs: 0, syncDelayMs: 0, registrationDelayMs: 0 });
  gw = createAzureGateway(loadConfig(sim.env, { need: ['azure'] }), { maxRetries: 0 });
});

afterAll(() => sim.close());

beforeEach(() => {
  sim.loadScenario('small');
  sim.clearFaults();
  sim.clearRequests();
});

interface SimState {
  subscriptions: { subscriptionId: string; alertSync: boolean; connected: boolean; providers: Record<string, string> }[];
  workspace: {
    connectors: { name: string; kind: string; properties: { subscriptionId?: string; dataTypes?: { alerts?: { state: string } } } }[];
    alertRules: { name: string; kind: string; properties: { enabled: boolean; severitiesFilter?: string[]; productFilter?: string; alertRuleTemplateName?: string } }[];
    incidents: { name: string; status: string; classification?: string; classificationReason?: string; alertNames: string[] }[];
  };
  alerts: { name: string; status: string; subscriptionId: string; location: string; systemAlertId: string }[];
}

async function control<T>(path: string): Promise<T> {
  const res = await fetch(`${sim.url}/_sim${path}`);
  return (await res.json()) as T;
}

const simState = () => control<SimState>('/state');
const subState = async (id: string) => (await simState()).subscriptions.find((s) => s.subscriptionId === id)!;
const ascConnectors = async (id: string) => (await simState()).workspace.connectors.filter((c) => c.kind === 'AzureSecurityCenter' && c.properties.subscriptionId === id);

const READ_POSTS = /\/(query|dataConnectorsCheckRequirements|alerts|token)$/i;
/** Write requests the bot made, via /_sim/requests: every PUT/PATCH/DELETE, and POSTs other than reads. */
async function writes(): Promise<{ method: string; path: string }[]> {
  const { requests } = await control<{ requests: { method: string; path: string }[] }>('/requests');
  return requests.filter((r) => ['PUT', 'PATCH', 'DELETE'].includes(r.method) || (r.method === 'POST' && !READ_POSTS.test(r.path)));
}

async function problemOf(promise: Promise<unknown>) {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AzureProblemError);
  return (error as AzureProblemError).problem;
}

describe('status', () => {
  it('shows every subscription (all pages) with connection, plans, sync, permissions and warnings', async () => {
    const status = await getStatus(gw);
    expect(status.subscriptions).toHaveLength(13);
    const row = (id: string) => status.subscriptions.find((s) => s.subscriptionId === id)!;
    expect(row(S.payments)).toMatchObject({ connection: 'connected', connected: true, plans: 'all', biDirectionalSync: 'on', permissions: { connect: true, toggleSync: true, enablePlans: true } });
    expect(row(S.data)).toMatchObject({ connected: false, connection: 'not-connected', plans: 'all', biDirectionalSync: 'off' });
    expect(row(S.qa).plans).toBe('none');
    expect(row(S.analytics).plans).toBe('none'); // only the deprecated Dns plan is on
    expect(row(S.identity).warnings.join(' ')).toMatch(/exists but its alerts are disabled/);
    expect(row(S.finance).permissions).toMatchObject({ connect: false, toggleSync: false, enablePlans: false });
    expect(row(S.finance).permissions.reasons.connect).toMatch(/Contributor or Owner/);
    expect(row(S.partner).permissions).toMatchObject({ connect: false, toggleSync: true, enablePlans: true });
    expect(row(S.payments).plansPortalUrl).toBe(`https://portal.azure.com/#view/Microsoft_Azure_Security/PolicyMenuBlade/~/pricingTier/subscriptionId/${S.payments}`);
    expect(status.workspace).toMatchObject({ name: 'law-sentinel-prod', onboarded: true });
    expect(status.workspace.customerId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reads the connector list once, not once per subscription', async () => {
    await getStatus(gw);
    const { requests } = await control<{ requests: { method: string; path: string }[] }>('/requests?path=dataConnectors$&method=GET');
    expect(requests).toHaveLength(1); // four connectors fit one page of five
  });

  it('turns a failing subscription into an error row with a retryable problem, not a crash', async () => {
    sim.setFaults({ path: `/subscriptions/${S.web}/providers/Microsoft.Security/pricings`, status: 503 });
    const status = await getStatus(gw);
    const web = status.subscriptions.find((s) => s.subscriptionId === S.web)!;
    expect(web).toMatchObject({ connection: 'error', connected: true, problem: { retryable: true, status: 503 } });
    expect(status.subscriptions.filter((s) => s.connection === 'error')).toHaveLength(1);
  });

  it('limits to the requested subscriptions', async () => {
    const status = await getStatus(gw, { subscriptionIds: [S.payments, S.qa.toUpperCase()] });
    expect(status.subscriptions.map((s) => s.subscriptionId).sort()).toEqual([S.payments, S.qa].sort());
  });

  it('lists subscriptions sorted by name', async () => {
    const subs = await listSubscriptions(gw);
    expect(subs).toHaveLength(13);
    expect(subs[0].displayName <= subs[1].displayName).toBe(true);
    expect(subs.find((s) => s.subscriptionId === S.decommissioned)?.state).toBe('Disabled');
  });
});

describe('prerequisites', () => {
  it('passes the workspace checks and reports the solution version', async () => {
    const report = await checkPrerequisites(gw, {});
    expect(report.subscriptions).toEqual([]);
    expect(report.workspace.map((c) => [c.id, c.verdict])).toEqual([
      ['workspace-access', 'pass'], ['sentinel-onboarded', 'pass'], ['solution-installed', 'pass'], ['alert-routes', 'pass'],
    ]);
    expect(report.workspace.find((c) => c.id === 'solution-installed')?.evidence).toBe('Installed, version 3.0.3.');
    expect(report.ready).toBe(true);
  });

  it('explains each failing subscription and offers to register the provider', async () => {
    const report = await checkPrerequisites(gw, { subscriptionIds: [S.archive, S.qa, S.finance, S.data] });
    const checks = (id: string) => Object.fromEntries(report.subscriptions.find((s) => s.subscriptionId === id)!.checks.map((c) => [c.id, c]));
    expect(checks(S.archive)['provider-registered']).toMatchObject({ verdict: 'fail', fixAction: { kind: 'register-provider', subscriptionId: S.archive } });
    expect(checks(S.qa)['defender-plan'].verdict).toBe('fail');
    expect(checks(S.finance)['role-connect']).toMatchObject({ verdict: 'fail' });
    expect(Object.values(checks(S.data)).every((c) => c.verdict === 'pass')).toBe(true);
    expect(report.ready).toBe(false);
  });

  it('checks all visible subscriptions', async () => {
    const report = await checkPrerequisites(gw, { subscriptionIds: 'all' });
    expect(report.subscriptions).toHaveLength(13);
  });
});

describe('connect / disconnect', () => {
  it('connects with a deterministic connector name, and a re-run changes nothing', async () => {
    expect(await connectSubscription(gw, S.data)).toMatchObject({ outcome: 'changed', detail: `connector ${connectorNameFor(S.data)} created` });
    expect(await ascConnectors(S.data)).toEqual([expect.objectContaining({ name: connectorNameFor(S.data), properties: expect.objectContaining({ dataTypes: { alerts: { state: 'Enabled' } } }) })]);
    sim.clearRequests();
    expect((await connectSubscription(gw, S.data)).outcome).toBe('unchanged');
    expect(await writes()).toEqual([]);
  });

  it('re-enables a disabled connector in place instead of adding a second one', async () => {
    const [before] = await ascConnectors(S.identity);
    expect((await connectSubscription(gw, S.identity)).outcome).toBe('changed');
    expect(await ascConnectors(S.identity)).toEqual([expect.objectContaining({ name: before.name, properties: expect.objectContaining({ dataTypes: { alerts: { state: 'Enabled' } } }) })]);
  });

  it('dry run reports what would change and writes nothing', async () => {
    const results = await Promise.all([
      connectSubscription(gw, S.data, { dryRun: true }),
      disconnectSubscription(gw, S.web, { dryRun: true }),
      setBiDirectionalSync(gw, S.data, true, { dryRun: true }),
      registerProvider(gw, S.archive, { dryRun: true }),
      setIncidentCreation(gw, { enabled: true, dryRun: true }),
    ]);
    expect(results.map((r) => r.outcome)).toEqual(['would-change', 'would-change', 'would-change', 'would-change', 'would-change']);
    expect(results[0].detail).toBe(`would create connector ${connectorNameFor(S.data)}`);
    expect(await writes()).toEqual([]);
    expect(await ascConnectors(S.data)).toEqual([]);
  });

  it('disconnects every connector of the subscription; then there is nothing to do', async () => {
    expect((await disconnectSubscription(gw, S.web)).outcome).toBe('changed');
    expect(await ascConnectors(S.web)).toEqual([]);
    expect((await disconnectSubscription(gw, S.web)).outcome).toBe('unchanged');
  });

  it('fails with the Problems a SOC engineer can act on', async () => {
    expect(await problemOf(connectSubscription(gw, S.qa))).toMatchObject({ code: 'InvalidLicense', retryable: false, fix: expect.stringMatching(/Defender plan/) });
    expect(await problemOf(connectSubscription(gw, S.finance))).toMatchObject({ code: 'AuthorizationFailed', retryable: false, status: 403 });
    expect(await problemOf(connectSubscription(gw, S.archive))).toMatchObject({
      code: 'MissingSubscriptionRegistration', retryable: false, fix: `Register Microsoft.SecurityInsights on ${S.archive} — \`/sentinel prereqs ${S.archive}\` can do it.`,
    });
  });

  it('reports throttling as retryable with the Retry-After delay', async () => {
    sim.setFaults({ path: 'dataConnectors/', method: 'PUT', status: 429, retryAfter: 7 });
    expect(await problemOf(connectSubscription(gw, S.data))).toMatchObject({ code: 'TooManyRequests', retryable: true, retryAfterMs: 7000, status: 429 });
  });
});

describe('bi-directional sync and provider registration', () => {
  it('turns sync on and off idempotently', async () => {
    expect((await setBiDirectionalSync(gw, S.data, true)).outcome).toBe('changed');
    expect((await subState(S.data)).alertSync).toBe(true);
    expect((await setBiDirectionalSync(gw, S.data, true)).outcome).toBe('unchanged');
    expect((await setBiDirectionalSync(gw, S.payments, false)).outcome).toBe('changed');
    expect((await subState(S.payments)).alertSync).toBe(false);
  });

  it('needs Contributor or Security Admin', async () => {
    expect(await problemOf(setBiDirectionalSync(gw, S.finance, true))).toMatchObject({ code: 'AuthorizationFailed' });
    expect((await setBiDirectionalSync(gw, S.partner, true)).outcome).toBe('changed'); // Security Admin
  });

  it('registers Microsoft.SecurityInsights once', async () => {
    expect((await registerProvider(gw, S.archive)).outcome).toBe('changed');
    expect((await subState(S.archive)).providers['Microsoft.SecurityInsights']).toMatch(/Registering|Registered/);
    expect((await registerProvider(gw, S.networking)).outcome).toBe('unchanged');
    expect((await registerProvider(gw, S.data)).outcome).toBe('unchanged');
  });
});

describe('incident creation rule', () => {
  const rules = async () => (await simState()).workspace.alertRules.filter((r) => r.kind === 'MicrosoftSecurityIncidentCreation');

  it('creates the template rule with High/Medium/Low, then updates it in place', async () => {
    expect((await setIncidentCreation(gw, { enabled: true })).outcome).toBe('changed');
    expect(await rules()).toEqual([expect.objectContaining({
      name: INCIDENT_RULE_TEMPLATE_ID,
      properties: expect.objectContaining({ enabled: true, productFilter: 'Azure Security Center', severitiesFilter: ['High', 'Medium', 'Low'], alertRuleTemplateName: INCIDENT_RULE_TEMPLATE_ID }),
    })]);
    expect((await setIncidentCreation(gw, { enabled: true })).outcome).toBe('unchanged');
    expect((await setIncidentCreation(gw, { enabled: true, severities: ['High'] })).outcome).toBe('changed');
    expect((await rules()).map((r) => r.properties.severitiesFilter)).toEqual([['High']]);
    expect((await setIncidentCreation(gw, { enabled: false })).outcome).toBe('changed');
    expect((await rules()).map((r) => r.properties.enabled)).toEqual([false]);
  });

  it('updates an existing rule for the product rather than adding a duplicate', async () => {
    sim.state.workspace.alertRules.clear();
    await setIncidentCreation(gw, { enabled: true });
    const [created] = await rules();
    // Rename it as if the portal had made it under another id: still found by its product filter.
    const existing = sim.state.workspace.alertRules.get(created.name.toLowerCase())!;
    sim.state.workspace.alertRules.delete(created.name.toLowerCase());
    sim.state.workspace.alertRules.set('portal-rule', { ...existing, name: 'portal-rule' });
    await setIncidentCreation(gw, { enabled: true, severities: ['High', 'Medium'] });
    expect((await rules()).map((r) => [r.name, r.properties.severitiesFilter])).toEqual([['portal-rule', ['High', 'Medium']]]);
  });
});

describe('bulk', () => {
  it('reports per-subscription results and progress, reading the connector list once', async () => {
    const progress: [number, number, ChangeResult][] = [];
    const result = await runBulk(gw, 'connect', [S.data, S.sandbox, S.qa, S.finance, S.payments], { onProgress: (d, t, r) => progress.push([d, t, r]) });
    const by = Object.fromEntries(result.results.map((r) => [r.subscriptionId, r]));
    expect(by[S.data]).toMatchObject({ outcome: 'changed', displayName: 'Contoso Prod - Data' });
    expect(by[S.sandbox].outcome).toBe('changed');
    expect(by[S.payments].outcome).toBe('unchanged');
    expect(by[S.qa]).toMatchObject({ outcome: 'failed', problem: { code: 'InvalidLicense' } });
    expect(by[S.finance]).toMatchObject({ outcome: 'failed', problem: { code: 'AuthorizationFailed' } });
    expect(progress.map(([d, t]) => `${d}/${t}`)).toEqual(['1/5', '2/5', '3/5', '4/5', '5/5']);
    const { requests } = await control<{ requests: unknown[] }>('/requests?path=dataConnectors$&method=GET');
    expect(requests).toHaveLength(1);
    expect((await subState(S.sandbox)).connected).toBe(true);
  });

  it('dry-runs a bulk change without writing', async () => {
    const result = await runBulk(gw, 'sync-on', [S.data, S.payments, S.sandbox], { dryRun: true });
    expect(result.results.map((r) => r.outcome).sort()).toEqual(['unchanged', 'would-change', 'would-change']);
    expect(await writes()).toEqual([]);
  });

  it('waits out a throttled write and then succeeds', async () => {
    sim.setFaults({ path: 'dataConnectors/', method: 'PUT', status: 429, retryAfter: 1, count: 1 });
    const result = await runBulk(gw, 'connect', [S.data]);
    expect(result.results[0].outcome).toBe('changed');
  });
});

describe('alerts', () => {
  it('lists the latest row per Defender alert from connected subscriptions, with Defender coordinates', async () => {
    const alerts = await listAlerts(gw, { since: '7d' });
    expect(alerts.map((a) => a.displayName).sort()).toEqual(['Suspicious PowerShell command detected', 'Web shell activity detected']);
    const payments = alerts.find((a) => a.subscriptionId === S.payments)!;
    const defender = (await simState()).alerts.find((a) => a.systemAlertId === payments.systemAlertId)!;
    expect(payments).toMatchObject({ severity: 'High', status: 'New', tactics: ['Execution'], techniques: ['T1059'], compromisedEntity: 'vm-pay-01' });
    expect(payments.defender).toEqual({ subscriptionId: S.payments, location: defender.location, name: defender.name });
  });

  it('filters by severity, subscription, status and text', async () => {
    expect((await listAlerts(gw, { since: '7d', severities: ['High'] })).map((a) => a.subscriptionId)).toEqual([S.payments]);
    expect((await listAlerts(gw, { since: '7d', subscriptionIds: [S.web] })).map((a) => a.compromisedEntity)).toEqual(['app-web-frontend']);
    expect(await listAlerts(gw, { since: '7d', statuses: ['Resolved'] })).toEqual([]);
    expect((await listAlerts(gw, { since: '7d', filter: 'PowerShell' })).map((a) => a.subscriptionId)).toEqual([S.payments]);
    expect(await listAlerts(gw, { since: '7d', filter: 'x" or 1==1 //' })).toEqual([]);
  });

  it('changes the Defender alert status (resolve, dismiss, activate, in progress)', async () => {
    const [alert] = await listAlerts(gw, { since: '7d', severities: ['High'] });
    const defender = alert.defender!;
    const status = async () => (await simState()).alerts.find((a) => a.name === defender.name)!.status;
    await setAlertStatus(gw, defender, 'inProgress');
    expect(await status()).toBe('InProgress');
    await setAlertStatus(gw, defender, 'resolve');
    expect(await status()).toBe('Resolved');
    await setAlertStatus(gw, defender, 'activate');
    expect(await status()).toBe('Active');
    await setAlertStatus(gw, defender, 'dismiss');
    expect(await status()).toBe('Dismissed');
    expect((await listAlerts(gw, { since: '7d', severities: ['High'] }))[0].status).toBe('Dismissed');
  });
});

describe('incidents', () => {
  it('lists open incidents with their alerts and closes one with a classification', async () => {
    await setIncidentCreation(gw, { enabled: true });
    const [created] = sim.createAlerts({ subscriptionId: S.payments, severity: 'High', displayName: 'Crypto miner detected', alertType: 'VM_CoinMiner' });
    const incidents = await listIncidents(gw, { status: 'open' });
    const incident = incidents.find((i) => i.title.includes('Crypto miner'))!;
    expect(incident).toMatchObject({ severity: 'High', status: 'New', alertIds: [created.systemAlertId] });

    const closed = await closeIncident(gw, incident.id, { classification: 'FalsePositive', comment: 'closed from the CLI test' });
    expect(closed).toMatchObject({ status: 'Closed', classification: 'FalsePositive' });
    const inState = (await simState()).workspace.incidents.find((i) => i.name === incident.id)!;
    expect(inState).toMatchObject({ status: 'Closed', classification: 'FalsePositive', classificationReason: 'IncorrectAlertLogic' });
    expect((await listIncidents(gw, { status: 'open' })).find((i) => i.id === incident.id)).toBeUndefined();
    expect((await listIncidents(gw, { status: 'all' })).find((i) => i.id === incident.id)?.status).toBe('Closed');
  });
});

describe('sample queries', () => {
  it('runs the connector page queries with a filter', async () => {
    const bySeverity = await runQuery(gw, 'by-severity', { since: '7d' });
    expect(bySeverity.columns.map((c) => c.name)).toEqual(['AlertSeverity', 'count_']);
    expect(Object.fromEntries(bySeverity.rows.map((r) => [r[0], r[1]]))).toEqual({ High: 1, Medium: 1 });
    const last = await runQuery(gw, 'last-data');
    expect(String(last.rows[0][0])).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const filtered = await runQuery(gw, 'all-alerts', { filter: 'CompromisedEntity: vm-pay-01' });
    expect(filtered.rows).toHaveLength(1);
  });
});
