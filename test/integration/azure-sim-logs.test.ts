import { Durations, LogsQueryResultStatus } from '@azure/monitor-query-logs';
import { SMALL_SUBSCRIPTIONS as S, type AzureSim } from '../../sim/azure';
import { clients, credential, failure, rowsOf, startSim } from './azure-sim-clients';

describe('azure sim: Log Analytics query API through LogsQueryClient', () => {
  let sim: AzureSim;
  let c: ReturnType<typeof clients>;
  let id: string;
  beforeAll(async () => {
    sim = await startSim();
    c = clients(sim);
    id = sim.state.workspace.customerId;
  });
  afterAll(() => sim.close());

  test('columns carry Log Analytics types and the SDK converts datetimes', async () => {
    const r = await c.logs.queryWorkspace(id, 'SecurityAlert | take 1', { duration: Durations.oneDay });
    if (r.status !== 'Success') throw new Error('expected success');
    const types = Object.fromEntries(r.tables[0].columnDescriptors.map((d) => [d.name, d.type]));
    expect(types).toMatchObject({ TimeGenerated: 'datetime', ConfidenceScore: 'real', IsIncident: 'bool', Entities: 'string', Status: 'string', StartTime: 'datetime' });
    expect(Object.keys(types)).toHaveLength(35);
    expect(rowsOf(r.tables[0])[0].TimeGenerated).toBeInstanceOf(Date);
  });

  test('connector page sample queries work', async () => {
    const bySeverity = await c.logs.queryWorkspace(id, 'SecurityAlert | where ProductName == "Azure Security Center" | summarize count() by AlertSeverity', { duration: Durations.sevenDays });
    if (bySeverity.status !== 'Success') throw new Error('expected success');
    expect(rowsOf(bySeverity.tables[0]).map((x) => x.AlertSeverity).sort()).toEqual(['High', 'Medium']);
    const last = await c.logs.queryWorkspace(id, 'SecurityAlert | where ProductName == "Azure Security Center" | summarize Time = max(TimeGenerated)', { duration: Durations.sevenDays });
    if (last.status !== 'Success') throw new Error('expected success');
    expect(rowsOf(last.tables[0])[0].Time).toBeInstanceOf(Date);
  });

  test('timespan restricts TimeGenerated', async () => {
    sim.createAlerts({ subscriptionId: S.payments, severity: 'Low', minutesAgo: 60 * 24 * 3 });
    const all = await c.logs.queryWorkspace(id, 'SecurityAlert | count', { duration: Durations.sevenDays });
    const recent = await c.logs.queryWorkspace(id, 'SecurityAlert | count', { duration: Durations.oneDay });
    const window = await c.logs.queryWorkspace(id, 'SecurityAlert | count', { startTime: new Date(Date.now() - 5 * 86_400_000), endTime: new Date(Date.now() - 86_400_000) });
    const count = (r: typeof all) => (r.status === 'Success' ? r.tables[0].rows[0][0] : -1);
    expect([count(all), count(recent), count(window)]).toEqual([3, 2, 1]);
  });

  test('a query outside the subset → 400 BadArgumentError with innererror SemanticError/SyntaxError', async () => {
    const sem = await failure(c.logs.queryWorkspace(id, 'SecurityAlert | join kind=inner (SecurityAlert) on SystemAlertId', { duration: Durations.oneDay }));
    expect(sem.statusCode).toBe(400);
    expect(sem.code).toBe('BadArgumentError');
    const raw = await fetch(`${sim.url}/v1/workspaces/${id}/query`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${(await credential(sim).getToken('https://api.loganalytics.io/.default'))!.token}` },
      body: JSON.stringify({ query: 'SecurityAlert | where (' }),
    });
    expect(raw.status).toBe(400);
    const body = (await raw.json()) as any;
    expect(body.error.code).toBe('BadArgumentError');
    expect(body.error.innererror.code).toBe('SyntaxError');
    expect(body.error.innererror.innererror.message).toMatch(/Query could not be parsed/);
  });

  test('unknown workspace id → 404; ARM token → 401', async () => {
    const nf = await failure(c.logs.queryWorkspace('00000000-0000-0000-0000-000000000000', 'SecurityAlert', { duration: Durations.oneDay }));
    expect(nf.statusCode).toBe(404);
    const armToken = (await credential(sim).getToken('https://management.azure.com/.default'))!.token;
    const res = await fetch(`${sim.url}/v1/workspaces/${id}/query`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${armToken}` }, body: '{"query":"SecurityAlert"}' });
    expect(res.status).toBe(401);
  });

  test('a partial fault answers 200 with PartialError and a prefix of the rows; the SDK reports PartialFailure', async () => {
    sim.createAlerts(Array.from({ length: 4 }, () => ({ subscriptionId: S.payments, severity: 'High' as const })));
    const q = 'SecurityAlert | extend IngestedAt = ingestion_time() | order by IngestedAt asc | project SystemAlertId, IngestedAt';
    const full = await c.logs.queryWorkspace(id, q, { duration: Durations.sevenDays });
    if (full.status !== LogsQueryResultStatus.Success) throw new Error('expected success');
    expect(full.tables[0].rows.length).toBeGreaterThanOrEqual(4);

    // Partial faults never fire (nor spend their count) on ARM calls, even without a path.
    sim.setFaults({ partialRows: 2, count: 1 });
    expect((await c.security(S.web).pricings.list()).value!.length).toBeGreaterThan(0);
    const r = await c.logs.queryWorkspace(id, q, { duration: Durations.sevenDays });
    expect(r.status).toBe(LogsQueryResultStatus.PartialFailure);
    if (r.status !== LogsQueryResultStatus.PartialFailure) throw new Error('expected a partial failure');
    expect(r.partialTables[0].rows).toEqual(full.tables[0].rows.slice(0, 2));
    expect(r.partialError).toMatchObject({ code: 'PartialError', message: 'There were some errors when processing your query.' });
    expect(r.partialError.details?.[0]).toMatchObject({ code: 'EngineError' });
    expect(sim.requests({ path: /\/query$/ }).at(-1)).toMatchObject({ status: 200, fault: expect.any(String) });
    expect((await c.logs.queryWorkspace(id, q, { duration: Durations.sevenDays })).status).toBe(LogsQueryResultStatus.Success);

    sim.setFaults({ path: '/query$', method: 'POST', partialFraction: 0.5, count: 1 });
    const token = (await credential(sim).getToken('https://api.loganalytics.io/.default'))!.token;
    const raw = await fetch(`${sim.url}/v1/workspaces/${id}/query`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: q, timespan: 'P7D' }),
    });
    expect(raw.status).toBe(200);
    const body = (await raw.json()) as any;
    expect(body.tables[0].rows).toHaveLength(Math.floor(full.tables[0].rows.length / 2));
    expect(body.error.details[0].innererror.message).toMatch(/E_QUERY_RESULT_SET_TOO_LARGE/);
    sim.clearFaults();
  });

  test('a result size fault cuts only answers over its row cap, and only those spend its count', async () => {
    sim.createAlerts(Array.from({ length: 3 }, () => ({ subscriptionId: S.payments, severity: 'High' as const })));
    const q = 'SecurityAlert | extend IngestedAt = ingestion_time() | order by IngestedAt asc | project SystemAlertId, IngestedAt';
    const full = await c.logs.queryWorkspace(id, q, { duration: Durations.sevenDays });
    if (full.status !== LogsQueryResultStatus.Success) throw new Error('expected success');
    expect(full.tables[0].rows.length).toBeGreaterThan(2);

    sim.setFaults({ path: '/query$', partialAboveRows: 2, count: 1 });
    const small = await c.logs.queryWorkspace(id, `${q} | take 2`, { duration: Durations.sevenDays });
    expect(small.status).toBe(LogsQueryResultStatus.Success);
    expect(sim.requests({ path: /\/query$/ }).at(-1)?.fault).toBeUndefined();
    const cut = await c.logs.queryWorkspace(id, q, { duration: Durations.sevenDays });
    if (cut.status !== LogsQueryResultStatus.PartialFailure) throw new Error('expected a partial failure');
    expect(cut.partialTables[0].rows).toEqual(full.tables[0].rows.slice(0, 2));
    expect(cut.partialError).toMatchObject({ code: 'PartialError' });
    expect(sim.requests({ path: /\/query$/ }).at(-1)).toMatchObject({ status: 200, fault: expect.any(String) });
    expect((await c.logs.queryWorkspace(id, q, { duration: Durations.sevenDays })).status).toBe(LogsQueryResultStatus.Success);
  });

  test('an injected 400 BadArgumentError uses the Log Analytics envelope', async () => {
    sim.setFaults({ path: '/query$', status: 400, code: 'BadArgumentError', message: 'The request had some invalid properties', count: 2 });
    const err = await failure(c.logs.queryWorkspace(id, 'SecurityAlert | count', { duration: Durations.oneDay }));
    expect(err.statusCode).toBe(400);
    expect(err.code).toBe('BadArgumentError');
    const token = (await credential(sim).getToken('https://api.loganalytics.io/.default'))!.token;
    const raw = await fetch(`${sim.url}/v1/workspaces/${id}/query`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: 'SecurityAlert | count' }),
    });
    expect(raw.status).toBe(400);
    expect(((await raw.json()) as any).error).toMatchObject({ code: 'BadArgumentError', message: 'The request had some invalid properties', correlationId: expect.any(String) });
  });

  test('the readonly principal (Sentinel Reader) can query', async () => {
    const ro = clients(sim, credential(sim, 'readonly'));
    const r = await ro.logs.queryWorkspace(id, 'SecurityAlert | count', { duration: Durations.oneDay });
    expect(r.status).toBe('Success');
  });
});
