import { buildReport, subscriptionChecks, workspaceChecks, type SubscriptionFacts, type WorkspaceFacts } from '../../src/domain/prerequisites';
import { alertFromRow, defenderCoordinates, stringList, tableToRows } from '../../src/domain/alerts';
import type { Problem, SubscriptionPermissions } from '../../src/domain/types';

const allowed: SubscriptionPermissions = { connect: true, toggleSync: true, enablePlans: true, reasons: {} };
const denied: SubscriptionPermissions = { connect: false, toggleSync: false, enablePlans: false, reasons: { connect: 'Needs Contributor or Owner on the subscription.' } };
const forbidden: Problem = { code: 'AuthorizationFailed', message: 'Not allowed.', fix: 'Grant a role.', retryable: false };
const SUB = '11111111-1111-1111-1111-111111111111';

const sub = (over: Partial<SubscriptionFacts> = {}): SubscriptionFacts => ({
  subscriptionId: SUB,
  displayName: 'Production',
  permissions: allowed,
  provider: { value: 'Registered' },
  plans: { value: [{ name: 'VirtualMachines', tier: 'Standard' }, { name: 'Arm', tier: 'Free' }] },
  plansPortalUrl: 'https://portal/plans',
  requirements: { value: { authorizationState: 'Valid', licenseState: 'Valid' } },
  ...over,
});

const byId = (checks: { id: string }[], id: string) => checks.find((c) => c.id === id) as ReturnType<typeof subscriptionChecks>[number];

describe('subscription prerequisite verdicts', () => {
  it('passes a ready subscription with evidence', () => {
    const checks = subscriptionChecks(sub());
    expect(checks.every((c) => c.verdict === 'pass')).toBe(true);
    expect(byId(checks, 'defender-plan').evidence).toMatch(/VirtualMachines.*some/);
  });

  it('fails an unregistered provider and offers to register it', () => {
    const c = byId(subscriptionChecks(sub({ provider: { value: 'NotRegistered' } })), 'provider-registered');
    expect(c.verdict).toBe('fail');
    expect(c.fix).toMatch(/Register Microsoft.SecurityInsights on subscription Production — `\/sentinel prereqs 1111/);
    expect(c.fixAction).toEqual({ kind: 'register-provider', subscriptionId: SUB });
    expect(byId(subscriptionChecks(sub({ provider: { value: 'Registering' } })), 'provider-registered').verdict).toBe('warn');
  });

  it('fails with no Defender plan and points at the plans page', () => {
    const checks = subscriptionChecks(sub({ plans: { value: [{ name: 'VirtualMachines', tier: 'Free' }] }, requirements: { value: { authorizationState: 'Valid', licenseState: 'Invalid' } } }));
    expect(byId(checks, 'defender-plan')).toMatchObject({ verdict: 'fail', fix: 'Enable a Defender plan: https://portal/plans' });
    expect(byId(checks, 'connector-requirements')).toMatchObject({ verdict: 'fail', evidence: 'Authorization Valid, license Invalid.' });
  });

  it('fails the connect role, and the plans role only when no plan is on (sync is a warning)', () => {
    const withPlans = subscriptionChecks(sub({ permissions: denied }));
    expect(byId(withPlans, 'role-connect')).toMatchObject({ verdict: 'fail', evidence: 'Needs Contributor or Owner on the subscription.' });
    expect(byId(withPlans, 'role-plans').verdict).toBe('warn');
    expect(byId(withPlans, 'role-sync').verdict).toBe('warn');
    expect(byId(subscriptionChecks(sub({ permissions: denied, plans: { value: [] } })), 'role-plans').verdict).toBe('fail');
  });

  it('reports unknown (with the reason) when a fact could not be read', () => {
    const checks = subscriptionChecks(sub({ permissionsProblem: forbidden, provider: { problem: forbidden }, plans: { problem: forbidden } }));
    for (const id of ['role-connect', 'provider-registered', 'defender-plan']) expect(byId(checks, id)).toMatchObject({ verdict: 'unknown', evidence: 'Could not check: Not allowed.' });
  });
});

describe('workspace prerequisite verdicts', () => {
  const ws = (over: Partial<WorkspaceFacts> = {}): WorkspaceFacts => ({
    workspaceName: 'sentinel-ws',
    workspace: { value: { id: '/ws' } },
    permissions: { value: [{ actions: ['Microsoft.SecurityInsights/*'], notActions: [] }] },
    onboarded: { value: true },
    packages: { value: [{ name: 'azuresentinel.azure-sentinel-solution-microsoftdefenderforcloud', contentId: 'azuresentinel.azure-sentinel-solution-microsoftdefenderforcloud', version: '3.0.3' }] },
    routeWarnings: [],
    ...over,
  });

  it('passes a ready workspace and reports the solution version', () => {
    const checks = workspaceChecks(ws());
    expect(checks.map((c) => c.verdict)).toEqual(['pass', 'pass', 'pass', 'pass']);
    expect(byId(checks, 'solution-installed').evidence).toBe('Installed, version 3.0.3.');
  });

  it('fails missing write, missing Sentinel and missing solution; warns on overlapping routes', () => {
    const checks = workspaceChecks(ws({
      permissions: { value: [{ actions: ['*/read'], notActions: [] }] },
      onboarded: { value: false },
      packages: { value: [{ name: 'other', displayName: 'Azure Activity' }] },
      routeWarnings: ['Tenant-based connector is on.'],
    }));
    expect(checks.map((c) => [c.id, c.verdict])).toEqual([['workspace-access', 'fail'], ['sentinel-onboarded', 'fail'], ['solution-installed', 'fail'], ['alert-routes', 'warn']]);
    expect(byId(checks, 'workspace-access').fix).toMatch(/Microsoft Sentinel Contributor/);
  });

  it('fails access when the workspace itself cannot be read', () => {
    expect(byId(workspaceChecks(ws({ workspace: { problem: forbidden } })), 'workspace-access')).toMatchObject({ verdict: 'fail', evidence: 'Not allowed.' });
  });

  it('is ready only when nothing fails or is unknown', () => {
    const pass = { id: 'a', title: 'a', verdict: 'pass' as const, evidence: '' };
    expect(buildReport([pass, { ...pass, verdict: 'warn' }], []).ready).toBe(true);
    expect(buildReport([pass], [{ subscriptionId: SUB, displayName: 'P', checks: [{ ...pass, verdict: 'unknown' }] }]).ready).toBe(false);
  });
});

describe('SecurityAlert row → AlertRecord', () => {
  const row = {
    SystemAlertId: 'sys-1',
    IngestedAt: '2026-01-01T10:05:00.000Z',
    TimeGenerated: '2026-01-01T10:00:00.000Z',
    StartTime: '2026-01-01T09:58:00.000Z',
    AlertName: 'Suspicious process',
    DisplayName: 'Suspicious process executed',
    AlertType: 'VM_SuspiciousProcess',
    AlertSeverity: 'High',
    Status: 'New',
    CompromisedEntity: 'vm-01',
    ResourceId: `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-01`,
    ProductComponentName: 'Servers',
    AlertLink: `https://portal.azure.com/#blade/Microsoft_Azure_Security_AzureDefenderForData/AlertBlade/alertId/2517_abc/subscriptionId/${SUB}/resourceGroup/rg/referencedFrom/alertDeepLink/location/westeurope`,
    Tactics: 'Execution, Persistence',
    Techniques: '["T1059","T1053"]',
    Description: 'A process ran.',
    RemediationSteps: '["Isolate the VM, then investigate.","Rotate credentials"]',
    Entities: '[{"$id":"2","Type":"host"}]',
    ExtendedProperties: '{"Alert Id":"2517_abc"}',
    VendorOriginalId: '2517_abc',
  };

  it('maps columns and parses JSON-string cells', () => {
    expect(alertFromRow(row)).toMatchObject({
      systemAlertId: 'sys-1',
      severity: 'High',
      status: 'New',
      tactics: ['Execution', 'Persistence'],
      techniques: ['T1059', 'T1053'],
      remediationSteps: ['Isolate the VM, then investigate.', 'Rotate credentials'],
      subscriptionId: SUB,
      defender: { subscriptionId: SUB, location: 'westeurope', name: '2517_abc' },
    });
  });

  it('survives malformed and missing cells', () => {
    const a = alertFromRow({ SystemAlertId: 'x', Techniques: '[not json', RemediationSteps: 'Do this, then that.', Tactics: null, AlertSeverity: 'Weird', Status: 'Active', ExtendedProperties: '{' });
    expect(a).toMatchObject({ techniques: ['[not json'], remediationSteps: ['Do this, then that.'], tactics: [], severity: 'Informational', status: 'New', defender: undefined });
    expect(a.displayName).toBe('Defender for Cloud alert');
  });

  it('falls back to VendorOriginalId + ExtendedProperties location, or an ARM alert id', () => {
    expect(defenderCoordinates({ VendorOriginalId: 'n1', ResourceId: `/subscriptions/${SUB}/x`, ExtendedProperties: '{"Location":"eastus"}' }))
      .toEqual({ subscriptionId: SUB, location: 'eastus', name: 'n1' });
    expect(defenderCoordinates({ ExtendedProperties: JSON.stringify({ AlertId: `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Security/locations/centralus/alerts/n2` }) }))
      .toEqual({ subscriptionId: SUB, location: 'centralus', name: 'n2' });
  });

  it('turns a query table into named rows and lists into arrays', () => {
    expect(tableToRows({ columns: [{ name: 'A', type: 'string' }, { name: 'B', type: 'long' }], rows: [['x', 1]] })).toEqual([{ A: 'x', B: 1 }]);
    expect(stringList(['a', 'b'])).toEqual(['a', 'b']);
  });
});
