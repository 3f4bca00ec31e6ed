import { editDistance, resolveSubscriptions } from '../../src/domain/subscriptions';
import { planCoverage, plansPortalUrl, summarizePlans } from '../../src/domain/plans';
import { normalizeSeverities, parseSeverity, severitiesFrom, severityAtLeast } from '../../src/domain/severity';
import { activeConnectorFor, connectorNameFor, overlappingRoutes, routeWarnings } from '../../src/domain/connectors';
import { actionMatches, allows, evaluatePermissions } from '../../src/domain/permissions';
import { classificationReasonFor, INCIDENT_RULE_TEMPLATE_ID, planConnect, planDisconnect, planIncidentRule, planProviderRegistration, planSync } from '../../src/domain/changes';
import type { DataConnectorInfo, IncidentRuleInfo, PermissionSet } from '../../src/domain/resources';
import type { DefenderPlan } from '../../src/domain/types';

const subs = [
  { subscriptionId: '11111111-1111-1111-1111-111111111111', displayName: 'Production' },
  { subscriptionId: '22222222-2222-2222-2222-222222222222', displayName: 'Prod-EU' },
  { subscriptionId: '33333333-3333-3333-3333-333333333333', displayName: 'Development' },
  { subscriptionId: '44444444-4444-4444-4444-444444444444', displayName: 'Sandbox' },
];

describe('resolveSubscriptions', () => {
  it('matches an id exactly (any case) and a unique display-name prefix case-insensitively', () => {
    const r = resolveSubscriptions(subs, ['11111111-1111-1111-1111-111111111111', 'dev', 'SANDBOX']);
    expect(r.errors).toEqual([]);
    expect(r.matched.map((s) => s.displayName)).toEqual(['Production', 'Development', 'Sandbox']);
  });

  it('prefers an exact name over a longer name sharing its prefix', () => {
    const r = resolveSubscriptions([...subs, { subscriptionId: '55555555-5555-5555-5555-555555555555', displayName: 'Sandbox-2' }], ['sandbox']);
    expect(r.matched.map((s) => s.displayName)).toEqual(['Sandbox']);
  });

  it('reports an ambiguous prefix with every candidate', () => {
    const r = resolveSubscriptions(subs, ['prod']);
    expect(r.matched).toEqual([]);
    expect(r.errors[0].token).toBe('prod');
    expect(r.errors[0].message).toMatch(/matches 2 subscriptions/);
    expect(r.errors[0].candidates).toEqual(['Production (11111111-1111-1111-1111-111111111111)', 'Prod-EU (22222222-2222-2222-2222-222222222222)']);
  });

  it('suggests the closest names by edit distance when nothing matches', () => {
    const r = resolveSubscriptions(subs, ['Sandbx']);
    expect(r.errors[0].candidates[0]).toBe('Sandbox (44444444-4444-4444-4444-444444444444)');
    const typo = resolveSubscriptions(subs, ['Developmnet']);
    expect(typo.errors[0].candidates[0]).toMatch(/^Development/);
    const named = [...subs, { subscriptionId: '66666666-6666-6666-6666-666666666666', displayName: 'Contoso Legacy - Archive' }, { subscriptionId: '77777777-7777-7777-7777-777777777777', displayName: 'Contoso Prod - Data' }];
    expect(resolveSubscriptions(named, ['archive']).errors[0].candidates[0]).toMatch(/^Contoso Legacy - Archive/);
    expect(resolveSubscriptions(named, ['prod - dta']).errors[0].candidates[0]).toMatch(/^Contoso Prod - Data/);
  });

  it('deduplicates a subscription named twice and ignores blank tokens', () => {
    const r = resolveSubscriptions(subs, ['Sandbox', '44444444-4444-4444-4444-444444444444', ' ']);
    expect(r.matched).toHaveLength(1);
  });

  it('computes Levenshtein distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
});

describe('planCoverage', () => {
  const plan = (name: string, tier: 'Free' | 'Standard', deprecated?: boolean): DefenderPlan => ({ name, tier, deprecated });

  it('is none / some / all over non-deprecated plans', () => {
    expect(planCoverage([plan('VirtualMachines', 'Free'), plan('KeyVaults', 'Free')])).toBe('none');
    expect(planCoverage([plan('VirtualMachines', 'Standard'), plan('KeyVaults', 'Free')])).toBe('some');
    expect(planCoverage([plan('VirtualMachines', 'Standard'), plan('KeyVaults', 'Standard')])).toBe('all');
    expect(planCoverage([])).toBe('none');
  });

  it('ignores deprecated plans in both directions', () => {
    expect(planCoverage([plan('VirtualMachines', 'Standard'), plan('Dns', 'Free', true), plan('KubernetesService', 'Free', true)])).toBe('all');
    expect(planCoverage([plan('VirtualMachines', 'Free'), plan('Dns', 'Standard', true)])).toBe('none');
  });

  it('lists enabled and disabled plans and links to the plans page', () => {
    expect(summarizePlans([plan('Arm', 'Free'), plan('VirtualMachines', 'Standard')])).toEqual({ coverage: 'some', enabled: ['VirtualMachines'], disabled: ['Arm'] });
    expect(plansPortalUrl('https://portal.azure.com', 'abc')).toBe('https://portal.azure.com/#view/Microsoft_Azure_Security/PolicyMenuBlade/~/pricingTier/subscriptionId/abc');
  });
});

describe('severity helpers', () => {
  it('orders severities and never implies Informational', () => {
    expect(severityAtLeast('High', 'Medium')).toBe(true);
    expect(severityAtLeast('Low', 'Medium')).toBe(false);
    expect(severitiesFrom('Medium')).toEqual(['High', 'Medium']);
    expect(severitiesFrom('Low')).toEqual(['High', 'Medium', 'Low']);
    expect(severitiesFrom('Informational')).toEqual(['High', 'Medium', 'Low', 'Informational']);
    expect(parseSeverity('hIgH')).toBe('High');
    expect(parseSeverity('critical')).toBeUndefined();
    expect(normalizeSeverities(['Low', 'High', 'Low'])).toEqual(['High', 'Low']);
  });
});

describe('connectors', () => {
  const asc = (name: string, subscriptionId: string, alertsState = 'Enabled'): DataConnectorInfo => ({ name, kind: 'AzureSecurityCenter', subscriptionId, alertsState });

  it('names connectors deterministically', () => {
    expect(connectorNameFor('ABC')).toBe(connectorNameFor('abc'));
    expect(connectorNameFor('11111111-1111-1111-1111-111111111111')).toBe('sc-11111111-1111-1111-1111-111111111111');
  });

  it('finds the active connector of a subscription whatever its name', () => {
    const list = [asc('portal-made', '11111111-1111-1111-1111-111111111111'), asc('x', '22222222-2222-2222-2222-222222222222', 'Disabled')];
    expect(activeConnectorFor(list, '11111111-1111-1111-1111-111111111111')?.name).toBe('portal-made');
    expect(activeConnectorFor(list, '22222222-2222-2222-2222-222222222222')).toBeUndefined();
  });

  it('warns about tenant-based and XDR routes that duplicate alerts', () => {
    const routes = overlappingRoutes([{ name: 't', kind: 'MicrosoftDefenderForCloudTenantBased' }, { name: 'm', kind: 'MicrosoftThreatProtection' }]);
    expect(routes).toEqual({ tenantBased: true, xdr: true });
    expect(routeWarnings(routes, true).join(' ')).toMatch(/arrive twice.*Defender XDR/);
    expect(routeWarnings({ tenantBased: false, xdr: false }, true)).toEqual([]);
  });
});

describe('permissions', () => {
  const role = (actions: string[], notActions: string[] = []): PermissionSet => ({ actions, notActions });
  const owner = role(['*']);
  const contributor = role(['*'], ['Microsoft.Authorization/*/Delete', 'Microsoft.Authorization/*/Write']);
  const securityAdmin = role(['Microsoft.Authorization/*/read', 'Microsoft.Security/*', 'Microsoft.Resources/subscriptions/resourceGroups/read']);
  const reader = role(['*/read']);
  const sentinelContributor = role(['Microsoft.SecurityInsights/*', 'Microsoft.OperationalInsights/workspaces/*/read']);

  it('matches Azure action wildcards case-insensitively', () => {
    expect(actionMatches('Microsoft.Security/*', 'microsoft.security/settings/write')).toBe(true);
    expect(actionMatches('*/read', 'Microsoft.Security/pricings/read')).toBe(true);
    expect(actionMatches('*/read', 'Microsoft.Security/pricings/write')).toBe(false);
    expect(allows([contributor], 'Microsoft.Authorization/roleAssignments/write')).toBe(false);
    expect(allows([contributor, owner], 'Microsoft.Authorization/roleAssignments/write')).toBe(true);
  });

  it('lets Owner and Contributor connect, Security Admin toggle sync and enable plans, Reader nothing', () => {
    expect(evaluatePermissions([owner])).toMatchObject({ connect: true, toggleSync: true, enablePlans: true, reasons: {} });
    expect(evaluatePermissions([contributor])).toMatchObject({ connect: true, toggleSync: true, enablePlans: true });
    const sa = evaluatePermissions([securityAdmin]);
    expect(sa).toMatchObject({ connect: false, toggleSync: true, enablePlans: true });
    expect(sa.reasons.connect).toMatch(/Contributor or Owner/);
    const r = evaluatePermissions([reader]);
    expect(r).toMatchObject({ connect: false, toggleSync: false, enablePlans: false });
    expect(r.reasons.enablePlans).toMatch(/Security Admin/);
  });

  it('requires workspace write to connect when the workspace permissions are known', () => {
    expect(evaluatePermissions([contributor], [reader]).connect).toBe(false);
    expect(evaluatePermissions([contributor], [reader]).reasons.connect).toMatch(/workspace/);
    expect(evaluatePermissions([contributor], [sentinelContributor]).connect).toBe(true);
  });

  it('denies everything with a reason when the permissions could not be read', () => {
    const p = evaluatePermissions(undefined);
    expect(p.connect || p.toggleSync || p.enablePlans).toBe(false);
    expect(p.reasons.connect).toMatch(/Could not read/);
  });
});

describe('change plans (dry run and real run share them)', () => {
  const sub = '11111111-1111-1111-1111-111111111111';
  const asc = (name: string, alertsState = 'Enabled'): DataConnectorInfo => ({ name, kind: 'AzureSecurityCenter', subscriptionId: sub, alertsState });

  it('connects with the deterministic name, re-enables a disabled connector, and leaves a connected one alone', () => {
    expect(planConnect([], sub)).toMatchObject({ kind: 'put', connectorName: `sc-${sub}`, intent: `would create connector sc-${sub}` });
    expect(planConnect([asc('old', 'Disabled')], sub)).toMatchObject({ kind: 'put', connectorName: 'old' });
    expect(planConnect([asc('portal')], sub)).toMatchObject({ kind: 'none', detail: 'already connected (connector portal)' });
  });

  it('disconnects every connector of the subscription, or nothing', () => {
    expect(planDisconnect([asc('a'), asc('b', 'Disabled'), { name: 'c', kind: 'AzureSecurityCenter', subscriptionId: 'other' }], sub).connectorNames).toEqual(['a', 'b']);
    expect(planDisconnect([], sub)).toEqual({ connectorNames: [], detail: 'not connected' });
  });

  it('changes sync only when the state differs (a missing setting is off)', () => {
    expect(planSync(undefined, false).change).toBe(false);
    expect(planSync(undefined, true)).toMatchObject({ change: true, intent: 'would turn bi-directional sync on' });
    expect(planSync({ enabled: true }, true).change).toBe(false);
  });

  it('registers the provider unless registered or registering', () => {
    expect(planProviderRegistration('Microsoft.SecurityInsights', 'Registered').kind).toBe('none');
    expect(planProviderRegistration('Microsoft.SecurityInsights', 'Registering').kind).toBe('wait');
    expect(planProviderRegistration('Microsoft.SecurityInsights', 'NotRegistered').kind).toBe('register');
  });

  describe('incident rule', () => {
    const rule = (over: Partial<IncidentRuleInfo> = {}): IncidentRuleInfo => ({
      name: 'r1', kind: 'MicrosoftSecurityIncidentCreation', displayName: 'Existing', enabled: true, productFilter: 'Azure Security Center', severitiesFilter: ['High', 'Medium', 'Low'], etag: '"e"', ...over,
    });

    it('creates the template rule with High/Medium/Low by default, never Informational', () => {
      const plan = planIncidentRule([], true);
      expect(plan.kind).toBe('put');
      if (plan.kind !== 'put') return;
      expect(plan.ruleName).toBe(INCIDENT_RULE_TEMPLATE_ID);
      expect(plan.rule).toMatchObject({ productFilter: 'Azure Security Center', alertRuleTemplateName: INCIDENT_RULE_TEMPLATE_ID, severitiesFilter: ['High', 'Medium', 'Low'], enabled: true });
    });

    it('includes Informational only when asked', () => {
      const plan = planIncidentRule([], true, ['Informational', 'High']);
      expect(plan.kind === 'put' && plan.rule.severitiesFilter).toEqual(['High', 'Informational']);
    });

    it('updates an existing rule with that product filter instead of duplicating it', () => {
      const plan = planIncidentRule([rule({ severitiesFilter: ['High'] })], true);
      expect(plan).toMatchObject({ kind: 'put', ruleName: 'r1', rule: { severitiesFilter: ['High', 'Medium', 'Low'], etag: '"e"', displayName: 'Existing' } });
      expect(planIncidentRule([rule()], true).kind).toBe('none');
      expect(planIncidentRule([rule({ enabled: false })], true)).toMatchObject({ kind: 'put', ruleName: 'r1' });
    });

    it('ignores rules for other products and disables only an enabled rule', () => {
      expect(planIncidentRule([rule({ productFilter: 'Microsoft Cloud App Security' })], true)).toMatchObject({ kind: 'put', ruleName: INCIDENT_RULE_TEMPLATE_ID });
      expect(planIncidentRule([rule()], false)).toMatchObject({ kind: 'put', ruleName: 'r1', rule: { enabled: false } });
      expect(planIncidentRule([rule({ enabled: false })], false).kind).toBe('none');
      expect(planIncidentRule([], false).kind).toBe('none');
    });
  });

  it('pairs a classification with its natural reason', () => {
    expect(classificationReasonFor('FalsePositive')).toBe('IncorrectAlertLogic');
    expect(classificationReasonFor('TruePositive')).toBe('SuspiciousActivity');
    expect(classificationReasonFor('Undetermined')).toBeUndefined();
    expect(classificationReasonFor('FalsePositive', 'InaccurateData')).toBe('InaccurateData');
  });
});
