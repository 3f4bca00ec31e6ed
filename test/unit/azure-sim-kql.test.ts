import { INGEST, runQuery, toWire, type Table } from '../../sim/azure/kql/eval';
import { KqlError } from '../../sim/azure/kql/errors';

const NOW = Date.parse('2026-01-10T12:00:00Z');
const H = 3_600_000;

function table(): Table {
  const rows = [
    { SystemAlertId: 'a', AlertSeverity: 'High', Status: 'New', TimeGenerated: NOW - 5 * H, DisplayName: 'Suspicious PowerShell', ResourceId: '/subscriptions/s1/resourceGroups/rg/x', ConfidenceScore: null, IsIncident: false, ProductName: 'Azure Security Center' },
    { SystemAlertId: 'a', AlertSeverity: 'High', Status: 'Resolved', TimeGenerated: NOW - 1 * H, DisplayName: 'Suspicious PowerShell', ResourceId: '/subscriptions/s1/resourceGroups/rg/x', ConfidenceScore: null, IsIncident: false, ProductName: 'Azure Security Center' },
    { SystemAlertId: 'b', AlertSeverity: 'Low', Status: 'New', TimeGenerated: NOW - 30 * H, DisplayName: 'Web shell (test-alert)', ResourceId: '/subscriptions/s2/resourceGroups/rg/y', ConfidenceScore: 0.5, IsIncident: false, ProductName: 'Azure Security Center' },
    { SystemAlertId: 'c', AlertSeverity: 'Medium', Status: 'InProgress', TimeGenerated: NOW - 2 * H, DisplayName: "O'Brien's \"alert\"", ResourceId: '/subscriptions/s2/resourceGroups/rg/z', ConfidenceScore: 0.9, IsIncident: true, ProductName: 'Microsoft Defender XDR' },
  ];
  return {
    columns: [
      { name: 'SystemAlertId', type: 'string' }, { name: 'AlertSeverity', type: 'string' }, { name: 'Status', type: 'string' }, { name: 'TimeGenerated', type: 'datetime' },
      { name: 'DisplayName', type: 'string' }, { name: 'ResourceId', type: 'string' }, { name: 'ConfidenceScore', type: 'real' }, { name: 'IsIncident', type: 'bool' }, { name: 'ProductName', type: 'string' },
    ],
    rows: rows.map((r, i) => ({ ...r, [INGEST]: (r.TimeGenerated as number) + 60_000 * (i + 1) })),
  };
}

const run = (q: string, window?: { start: number; end: number }) => runQuery(q, { SecurityAlert: () => {
  const t = table();
  return window ? { ...t, rows: t.rows.filter((r) => (r.TimeGenerated as number) >= window.start) } : t;
} }, { now: NOW, window });
const col = (t: Table, name: string) => t.rows.map((r) => r[name]);
const err = (q: string): KqlError => {
  try {
    run(q);
  } catch (e) {
    if (e instanceof KqlError) return e;
    throw e;
  }
  throw new Error(`expected "${q}" to fail`);
};

describe('azure sim KQL subset', () => {
  test('where with comparisons, and/or/not, in/!in, =~/!~', () => {
    expect(run('SecurityAlert | where AlertSeverity == "High" and Status != "New"').rows).toHaveLength(1);
    expect(run("SecurityAlert | where AlertSeverity =~ 'high' or Status =~ 'INPROGRESS'").rows).toHaveLength(3);
    expect(run('SecurityAlert | where AlertSeverity !~ "HIGH"').rows).toHaveLength(2);
    expect(run('SecurityAlert | where AlertSeverity in ("High", "Medium")').rows).toHaveLength(3);
    expect(run('SecurityAlert | where AlertSeverity !in ("High", "Medium")').rows).toHaveLength(1);
    expect(run('SecurityAlert | where AlertSeverity in~ ("high")').rows).toHaveLength(2);
    expect(run('SecurityAlert | where not(Status == "New")').rows).toHaveLength(2);
    expect(run('SecurityAlert | where ConfidenceScore >= 0.5 and ConfidenceScore < 0.9').rows).toHaveLength(1);
    expect(run('SecurityAlert | where IsIncident == true').rows).toHaveLength(1);
  });

  test('string operators: has (term), contains, startswith, endswith and their negations', () => {
    expect(run('SecurityAlert | where DisplayName has "shell"').rows).toHaveLength(1);
    expect(run('SecurityAlert | where DisplayName has "power"').rows).toHaveLength(0);
    expect(run('SecurityAlert | where DisplayName contains "power"').rows).toHaveLength(2);
    expect(run('SecurityAlert | where DisplayName has "test"').rows).toHaveLength(1);
    expect(run('SecurityAlert | where DisplayName !contains "shell"').rows).toHaveLength(1);
    expect(run('SecurityAlert | where ResourceId startswith "/SUBSCRIPTIONS/s2"').rows).toHaveLength(2);
    expect(run('SecurityAlert | where ResourceId endswith "/z"').rows).toHaveLength(1);
    expect(run('SecurityAlert | where isnotempty(ConfidenceScore)').rows).toHaveLength(2);
    expect(run('SecurityAlert | where isempty(ConfidenceScore)').rows).toHaveLength(2);
  });

  test('string literals: both quotes, escapes, verbatim; comments', () => {
    expect(run(`SecurityAlert // comment here
      | where DisplayName == "O'Brien's \\"alert\\"" // and here`).rows).toHaveLength(1);
    expect(run(`SecurityAlert | where DisplayName == 'O\\'Brien\\'s "alert"'`).rows).toHaveLength(1);
    expect(run(`SecurityAlert | where ResourceId startswith @'/subscriptions/s1'`).rows).toHaveLength(2);
  });

  test('time: ago(), now(), datetime(), timespan arithmetic, ingestion_time(), let scalars', () => {
    expect(run('SecurityAlert | where TimeGenerated > ago(1d)').rows).toHaveLength(3);
    expect(run('SecurityAlert | where TimeGenerated between (datetime(2026-01-10T06:00:00Z) .. now())').rows).toHaveLength(3);
    expect(run('SecurityAlert | where TimeGenerated < now(-1d)').rows).toHaveLength(1);
    const q = `let watermark = datetime(2026-01-10T08:00:00Z);
      let overlap = 10m;
      SecurityAlert
      | where TimeGenerated > ago(3d)
      | where ProductName in ("Azure Security Center", "Microsoft Defender for Cloud")
      | extend IngestedAt = ingestion_time()
      | where IngestedAt > watermark - overlap
      | summarize arg_max(IngestedAt, *) by SystemAlertId
      | project SystemAlertId, IngestedAt, TimeGenerated, Status
      | order by IngestedAt asc`;
    const t = run(q);
    expect(t.columns.map((c) => c.name)).toEqual(['SystemAlertId', 'IngestedAt', 'TimeGenerated', 'Status']);
    expect(t.rows).toEqual([{ SystemAlertId: 'a', IngestedAt: NOW - H + 120_000, TimeGenerated: NOW - H, Status: 'Resolved' }]);
    expect(run('SecurityAlert | project SystemAlertId | extend T = ingestion_time()').rows[0].T).toBeNull();
  });

  test('extend, project, project-away, project-rename, tostring/toint, split indexing', () => {
    const t = run('SecurityAlert | extend Sub = tostring(split(ResourceId, "/")[2]), Score = toint(ConfidenceScore * 10) | project Sub, Score | take 3');
    expect(t.columns).toEqual([{ name: 'Sub', type: 'string' }, { name: 'Score', type: 'int' }]);
    expect(col(t, 'Sub')).toEqual(['s1', 's1', 's2']);
    expect(col(t, 'Score')).toEqual([null, null, 5]);
    const away = run('SecurityAlert | project-away ResourceId, IsIncident | project-rename Sev = AlertSeverity | take 1');
    expect(away.columns.map((c) => c.name)).not.toContain('ResourceId');
    expect(away.columns.map((c) => c.name)).toContain('Sev');
  });

  test('summarize count()/dcount()/max()/min()/countif()/arg_max by, named aggregates, empty input', () => {
    const t = run('SecurityAlert | summarize count() by AlertSeverity | order by AlertSeverity asc');
    expect(t.columns).toEqual([{ name: 'AlertSeverity', type: 'string' }, { name: 'count_', type: 'long' }]);
    expect(t.rows).toEqual([{ AlertSeverity: 'High', count_: 2 }, { AlertSeverity: 'Low', count_: 1 }, { AlertSeverity: 'Medium', count_: 1 }]);
    const agg = run('SecurityAlert | summarize Alerts = dcount(SystemAlertId), Last = max(TimeGenerated), First = min(TimeGenerated), Open = countif(Status == "New")');
    expect(agg.rows).toEqual([{ Alerts: 3, Last: NOW - H, First: NOW - 30 * H, Open: 2 }]);
    const latest = run('SecurityAlert | summarize arg_max(TimeGenerated, *), Updates = count() by SystemAlertId | where SystemAlertId == "a"');
    expect(latest.columns[0].name).toBe('SystemAlertId');
    expect(latest.columns.filter((c) => c.name === 'SystemAlertId')).toHaveLength(1);
    expect(latest.rows[0]).toMatchObject({ Status: 'Resolved', Updates: 2 });
    expect(run('SecurityAlert | where Status == "nope" | summarize count()').rows).toEqual([{ count_: 0 }]);
    expect(run('SecurityAlert | where Status == "nope" | summarize count() by Status').rows).toEqual([]);
    expect(run('SecurityAlert | summarize Time = max(TimeGenerated)').columns).toEqual([{ name: 'Time', type: 'datetime' }]);
  });

  test('order by / sort by asc|desc (desc default), take/limit, top, count, distinct', () => {
    expect(col(run('SecurityAlert | order by TimeGenerated | take 2'), 'SystemAlertId')).toEqual(['a', 'c']);
    expect(col(run('SecurityAlert | sort by TimeGenerated asc | limit 1'), 'SystemAlertId')).toEqual(['b']);
    expect(col(run('SecurityAlert | top 1 by ConfidenceScore'), 'SystemAlertId')).toEqual(['c']);
    expect(run('SecurityAlert | count').rows).toEqual([{ Count: 4 }]);
    expect(run('SecurityAlert | distinct SystemAlertId').rows).toHaveLength(3);
  });

  test('wire format: datetime ISO strings, real/long numbers, bool, dynamic as JSON text', () => {
    const w = toWire(run('SecurityAlert | where SystemAlertId == "c" | extend Parts = split(ResourceId, "/"), Age = now() - TimeGenerated | project TimeGenerated, ConfidenceScore, IsIncident, Parts, Age'));
    expect(w.name).toBe('PrimaryResult');
    expect(w.columns.map((c) => c.type)).toEqual(['datetime', 'real', 'bool', 'dynamic', 'timespan']);
    expect(w.rows[0]).toEqual(['2026-01-10T10:00:00Z', 0.9, true, JSON.stringify(['', 'subscriptions', 's2', 'resourceGroups', 'rg', 'z']), '02:00:00']);
  });

  test('the timespan window restricts TimeGenerated', () => {
    expect(run('SecurityAlert', { start: NOW - 3 * H, end: NOW }).rows).toHaveLength(2);
  });

  test('outside the subset or wrong → SyntaxError / SemanticError, never a wrong answer', () => {
    expect(err('SecurityAlert | where').kind).toBe('SyntaxError');
    expect(err('SecurityAlert | where Status == "x').kind).toBe('SyntaxError');
    expect(err('SecurityAlert | where Status === "x"').kind).toBe('SyntaxError');
    expect(err('SecurityAlert | frobnicate').kind).toBe('SyntaxError');
    expect(err('SecurityAlert | join (SecurityAlert) on SystemAlertId').kind).toBe('SemanticError');
    expect(err('SecurityAlert | mv-expand Tactics').kind).toBe('SemanticError');
    expect(err('SecurityAlerts | take 1').message).toContain("Failed to resolve table or column expression named 'SecurityAlerts'");
    expect(err('SecurityAlert | where Nope == 1').message).toContain("Failed to resolve scalar expression named 'Nope'");
    expect(err('SecurityAlert | where TimeGenerated > "yesterday"').message).toContain('Cannot compare values of types datetime and string');
    expect(err('SecurityAlert | where Status').message).toContain('must be of type bool');
    expect(err('SecurityAlert | extend x = parse_url(ResourceId)').kind).toBe('SemanticError');
    expect(err('let T = SecurityAlert | take 1; T').kind).toBe('SemanticError');
    expect(err('SecurityAlert | summarize tostring(Status)').kind).toBe('SemanticError');
  });
});
