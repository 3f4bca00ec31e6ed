// The CLI as a user runs it: a child process with the simulator's environment.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { SMALL_SUBSCRIPTIONS as S, startAzureSim, type AzureSim } from '../../sim/azure';

const BIN = path.resolve(__dirname, '../../bin/sentinel-chatops.js');
let sim: AzureSim;

beforeAll(async () => {
  sim = await startAzureSim({ port: 0, scenario: 'small', ingestionDelayMs: 0, registrationDelayMs: 0 });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.loadScenario('small');
  sim.clearRequests();
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Asynchronous on purpose: the simulator answers from this process's event loop. */
function cli(args: string[], env: Record<string, string> = sim.env): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('sentinel-chatops CLI', () => {
  it('status --json prints the documented shape', async () => {
    const run = await cli(['status', '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.workspace).toMatchObject({ name: 'law-sentinel-prod', resourceGroup: 'rg-sentinel' });
    expect(Array.isArray(out.warnings)).toBe(true);
    expect(out.subscriptions).toHaveLength(13);
    for (const s of out.subscriptions) {
      expect(s).toEqual(expect.objectContaining({
        subscriptionId: expect.any(String), displayName: expect.any(String), connected: expect.any(Boolean),
        plans: expect.stringMatching(/^(none|some|all)$/), biDirectionalSync: expect.stringMatching(/^(on|off|unavailable)$/),
        permissions: expect.objectContaining({ connect: expect.any(Boolean), toggleSync: expect.any(Boolean), enablePlans: expect.any(Boolean) }),
        warnings: expect.any(Array),
      }));
    }
    expect(out.subscriptions.find((s: { subscriptionId: string }) => s.subscriptionId === S.payments)).toMatchObject({ connected: true, plans: 'all', biDirectionalSync: 'on' });
  });

  it('status prints an aligned table', async () => {
    const run = await cli(['status', '--filter', 'prod']);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    const header = lines.findIndex((l) => l.startsWith('Subscription'));
    expect(lines[header + 1]).toMatch(/^-+ {2}-+/);
    const rows = lines.slice(header + 2).filter((l) => l.startsWith('Contoso Prod'));
    expect(rows).toHaveLength(5);
    const idColumn = lines[header].indexOf('Id');
    for (const r of rows) expect(r.slice(idColumn, idColumn + 36)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a name that matches nothing exits 2 and lists candidates on stderr', async () => {
    const run = await cli(['connect', 'paymnts']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/No subscription is named "paymnts"/);
    expect(run.stderr).toContain(`Contoso Prod - Payments (${S.payments})`);
    expect(run.stdout).toBe('');
  });

  it('an ambiguous name exits 2 and lists every match', async () => {
    const run = await cli(['sync', 'contoso prod', 'on']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/"contoso prod" matches 5 subscriptions/);
  });

  it('connect --dry-run exits 0 and writes nothing', async () => {
    const run = await cli(['connect', 'contoso prod - data', '--dry-run', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ action: 'connect', dryRun: true, results: [{ subscriptionId: S.data, outcome: 'would-change' }] });
    const writes = sim.requests().filter((r) => r.method === 'PUT' || r.method === 'DELETE' || (r.method === 'POST' && /register|resolve|dismiss|activate|inProgress/i.test(r.path)));
    expect(writes).toEqual([]);
  });

  it('connect exits 1 when a subscription fails, with the fix', async () => {
    const run = await cli(['connect', S.data, 'contoso test']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/changed/);
    expect(run.stdout).toMatch(/failed.*Defender plan/);
  });

  it('incidents, alerts, query and prereqs work end to end', async () => {
    expect((await cli(['incidents', 'on', '--min-severity', 'medium', '--json'])).stdout).toMatch(/"outcome": "changed"/);
    const alerts = JSON.parse((await cli(['alerts', '--since', '7d', '--severity', 'High', '--json'])).stdout);
    expect(alerts.alerts.map((a: { subscriptionId: string }) => a.subscriptionId)).toEqual([S.payments]);
    const query = await cli(['query', 'by-severity', '--since', '7d']);
    expect(query.stdout).toMatch(/AlertSeverity\s+count_/);
    const prereqs = JSON.parse((await cli(['prereqs', 'contoso legacy', '--json'])).stdout);
    expect(prereqs.subscriptions[0].checks.find((c: { id: string }) => c.id === 'provider-registered').verdict).toBe('fail');
  });

  it('bad input exits 2: unknown option, bad severity, bad time span', async () => {
    expect((await cli(['status', '--bogus'])).code).toBe(2);
    expect((await cli(['alerts', '--severity', 'critical'])).code).toBe(2);
    const since = await cli(['alerts', '--since', '1d) | take 5']);
    expect(since.code).toBe(2);
    expect(since.stderr).toMatch(/not an ISO 8601 date\/time|not a time span/);
  });

  it('missing configuration exits 2 and names every problem, one per line', async () => {
    const run = await cli(['status'], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/AZURE_TENANT_ID: /);
    expect(run.stderr).toMatch(/SENTINEL_SUBSCRIPTION_ID: /);
    expect(run.stderr).not.toMatch(/SLACK_/);
  });
});
