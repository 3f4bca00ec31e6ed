import { BOT, READONLY, SMALL_SUBSCRIPTIONS as S, type AzureSim } from '../../sim/azure';
import { clients, credential, failure, startSim, wsPath } from './azure-sim-clients';

const OWNER = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';
const CONTRIBUTOR = 'b24988ac-6180-42a0-ab88-20f7382dd24c';
const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';
const SENTINEL_CONTRIBUTOR = 'ab8e14d6-4a74-4a29-9ba8-549422addade';

describe('azure sim: ARM operations through the SDKs', () => {
  let sim: AzureSim;
  let c: ReturnType<typeof clients>;
  beforeAll(async () => {
    sim = await startSim({ pageSize: 5 });
    c = clients(sim);
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    sim.loadScenario('small');
    sim.clearRequests();
  });

  test('subscriptions list pages with nextLink and shows only visible subscriptions', async () => {
    const subs = [];
    for await (const s of c.subscriptions.subscriptions.list()) subs.push(s);
    expect(subs).toHaveLength(13);
    expect(subs.find((s) => s.subscriptionId === S.decommissioned)?.state).toBe('Disabled');
    const pages = sim.requests({ path: /^\/subscriptions$/ });
    expect(pages).toHaveLength(3);
    expect(pages[1].query.$skipToken).toBe('5');
    expect(pages[0].apiVersion).toBe('2022-12-01');
  });

  test('provider get/register: NotRegistered → Registering → Registered after the delay', async () => {
    const rm = c.resources(S.archive);
    expect((await rm.providers.get('Microsoft.SecurityInsights')).registrationState).toBe('NotRegistered');
    expect((await rm.providers.register('Microsoft.SecurityInsights')).registrationState).toBe('Registering');
    expect((await rm.providers.get('Microsoft.SecurityInsights')).registrationState).toBe('Registered');
    expect(sim.requests({ path: /register$/ })[0].apiVersion).toBe('2025-04-01');
  });

  test('registration honours a non-zero delay', async () => {
    const slow = await startSim({ registrationDelayMs: 300 });
    try {
      const rm = clients(slow).resources(S.networking);
      expect((await rm.providers.get('Microsoft.SecurityInsights')).registrationState).toBe('Registering');
      await new Promise((r) => setTimeout(r, 350));
      expect((await rm.providers.get('Microsoft.SecurityInsights')).registrationState).toBe('Registered');
    } finally {
      await slow.close();
    }
  });

  test('register without rights → 403 AuthorizationFailed in the ARM envelope', async () => {
    const err = await failure(c.resources(S.finance).providers.register('Microsoft.SecurityInsights'));
    expect(err.statusCode).toBe(403);
    expect(err.code).toBe('AuthorizationFailed');
    expect(err.message).toContain(`object id '${BOT.objectId}'`);
    expect(err.message).toContain("'Microsoft.SecurityInsights/register/action'");
  });

  test('role assignments: assignedTo (incl. groups), atScope, principalId eq; role definitions get', async () => {
    const auth = c.authorization(S.secops);
    const mine = [];
    for await (const ra of auth.roleAssignments.listForSubscription({ filter: `assignedTo('${BOT.objectId}')` })) mine.push(ra);
    const roles = mine.map((r) => r.roleDefinitionId!.split('/').pop());
    expect(roles).toEqual(expect.arrayContaining([OWNER, SENTINEL_CONTRIBUTOR]));
    expect(mine.find((r) => r.roleDefinitionId!.endsWith(SENTINEL_CONTRIBUTOR))?.scope).toBe(wsPath(sim));

    const atScope = [];
    for await (const ra of auth.roleAssignments.listForSubscription({ filter: 'atScope()' })) atScope.push(ra);
    expect(atScope.every((r) => r.scope === `/subscriptions/${S.secops}`)).toBe(true);

    const direct = [];
    for await (const ra of auth.roleAssignments.listForScope(wsPath(sim), { filter: `principalId eq '${READONLY.objectId}'` })) direct.push(ra);
    expect(direct.map((r) => r.roleDefinitionId!.split('/').pop()).sort()).toEqual(['8d289c81-5878-46d4-8554-54e1e3d8b5cb', READER].sort());

    const def = await auth.roleDefinitions.get(`/subscriptions/${S.secops}`, CONTRIBUTOR);
    expect(def.roleName).toBe('Contributor');
    expect(def.permissions?.[0].notActions).toContain('Microsoft.Authorization/*/Write');
    expect(sim.requests({ path: /roleAssignments$/ })[0].query.$filter).toBe(`assignedTo('${BOT.objectId}')`);
  });

  test('permissions: resource group, resource (double-slash path) and subscription scope', async () => {
    const auth = c.authorization(S.secops);
    const rg = [];
    for await (const p of auth.permissions.listForResourceGroup('rg-sentinel')) rg.push(p);
    expect(rg.flatMap((p) => p.actions)).toContain('*');
    const res = [];
    for await (const p of auth.permissions.listForResource('rg-sentinel', 'Microsoft.OperationalInsights', '', 'workspaces', sim.env.SENTINEL_WORKSPACE_NAME)) res.push(p);
    expect(res.flatMap((p) => p.actions)).toContain('Microsoft.SecurityInsights/*');
    expect(sim.requests({ path: /permissions$/ }).some((r) => r.path.includes('Microsoft.OperationalInsights//workspaces'))).toBe(true);
    const sub = await c.raw('GET', `/subscriptions/${S.finance}/providers/Microsoft.Authorization/permissions?api-version=2022-04-01`);
    expect(sub.status).toBe(200);
    expect(sub.body.value).toEqual([{ actions: ['*/read'], notActions: [], dataActions: [], notDataActions: [] }]);
  });

  test('pricings: SDK list/get/update on 2022-03-01; 2024-01-01 adds deprecated/replacedBy/enablementTime/extensions', async () => {
    const sec = c.security(S.sandbox);
    const list = await sec.pricings.list();
    expect(list.value!.length).toBeGreaterThan(10);
    expect(list.value!.filter((p) => p.pricingTier === 'Standard').map((p) => p.name).sort()).toEqual(['Arm', 'KeyVaults', 'VirtualMachines']);
    expect((await sec.pricings.get('VirtualMachines')).subPlan).toBe('P2');
    const updated = await sec.pricings.update('StorageAccounts', { pricingTier: 'Standard', subPlan: 'DefenderForStorageV2' });
    expect(updated.pricingTier).toBe('Standard');
    const raw = await c.raw('GET', `/subscriptions/${S.sandbox}/providers/Microsoft.Security/pricings?api-version=2024-01-01`);
    const dns = raw.body.value.find((p: any) => p.name === 'Dns');
    expect(dns.properties).toMatchObject({ pricingTier: 'Free', deprecated: true, replacedBy: ['VirtualMachines'] });
    const storage = raw.body.value.find((p: any) => p.name === 'StorageAccounts');
    expect(storage.properties.enablementTime).toEqual(expect.any(String));
    expect(storage.properties.extensions.map((e: any) => e.name)).toContain('OnUploadMalwareScanning');
    const old = await c.raw('GET', `/subscriptions/${S.sandbox}/providers/Microsoft.Security/pricings/StorageAccounts?api-version=2022-03-01`);
    expect(old.body.properties.enablementTime).toBeUndefined();
  });

  test('pricings update needs Security Admin/Contributor: Reader gets 403', async () => {
    const err = await failure(c.security(S.finance).pricings.update('VirtualMachines', { pricingTier: 'Standard' }));
    expect(err.code).toBe('AuthorizationFailed');
    const ok = await c.security(S.partner).pricings.update('Api', { pricingTier: 'Standard', subPlan: 'P1' });
    expect(ok.pricingTier).toBe('Standard');
  });

  test('security setting Sentinel (AlertSyncSettings): get/update on 2021-07-01 and 2022-05-01', async () => {
    const sec = c.security(S.web);
    const before = await sec.settings.get('Sentinel');
    expect(before).toMatchObject({ kind: 'AlertSyncSettings', enabled: false });
    const after = await sec.settings.update('Sentinel', { kind: 'AlertSyncSettings', enabled: true } as any);
    expect((after as any).enabled).toBe(true);
    expect(sim.requests({ path: /settings\/Sentinel$/, method: 'PUT' })[0].body).toEqual({ kind: 'AlertSyncSettings', properties: { enabled: true } });
    const v2022 = await c.raw('GET', `/subscriptions/${S.web}/providers/Microsoft.Security/settings?api-version=2022-05-01`);
    expect(v2022.body.value.find((s: any) => s.name === 'Sentinel')).toMatchObject({ kind: 'AlertSyncSettings', properties: { enabled: true } });
  });

  test('Defender alerts: list (subscription, by region), get, dismiss/resolve/activate via SDK, inProgress via 2022-01-01', async () => {
    const sec = c.security(S.payments);
    const all = [];
    for await (const a of sec.alerts.list()) all.push(a);
    expect(all).toHaveLength(1);
    const [alert] = all;
    const loc = alert.id!.split('/locations/')[1].split('/')[0];
    const byRegion = [];
    for await (const a of sec.alerts.listSubscriptionLevelByRegion(loc)) byRegion.push(a);
    expect(byRegion).toHaveLength(1);
    const got = await sec.alerts.getSubscriptionLevel(loc, alert.name!);
    expect(got).toMatchObject({ status: 'Active', severity: 'High', productName: 'Azure Security Center' });
    await sec.alerts.updateSubscriptionLevelStateToDismiss(loc, alert.name!);
    expect((await sec.alerts.getSubscriptionLevel(loc, alert.name!)).status).toBe('Dismissed');
    await sec.alerts.updateSubscriptionLevelStateToActivate(loc, alert.name!);
    const inProgress = await c.raw('POST', `/subscriptions/${S.payments}/providers/Microsoft.Security/locations/${loc}/alerts/${alert.name}/inProgress?api-version=2022-01-01`);
    expect(inProgress.status).toBe(204);
    const v2022 = await c.raw('GET', `/subscriptions/${S.payments}/providers/Microsoft.Security/locations/${loc}/alerts/${alert.name}?api-version=2022-01-01`);
    expect(v2022.body.properties.status).toBe('InProgress');
    await sec.alerts.updateSubscriptionLevelStateToResolve(loc, alert.name!);
    expect((await sec.alerts.getSubscriptionLevel(loc, alert.name!)).status).toBe('Resolved');
    const missing = await failure(sec.alerts.getSubscriptionLevel(loc, 'nope'));
    expect(missing.statusCode).toBe(404);
  });

  test('workspace get returns properties.customerId; unknown workspace → 404 ResourceNotFound', async () => {
    const ws = await c.raw('GET', `${wsPath(sim)}?api-version=2025-07-01`);
    expect(ws.status).toBe(200);
    expect(ws.body.properties.customerId).toMatch(/^[0-9a-f-]{36}$/);
    const missing = await c.raw('GET', `${wsPath(sim)}x?api-version=2025-07-01`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('ResourceNotFound');
  });

  test('api-version is validated like ARM does', async () => {
    const bad = await c.raw('GET', `/subscriptions/${S.web}/providers/Microsoft.Security/pricings?api-version=1999-01-01`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('InvalidApiVersionParameter');
    const none = await c.raw('GET', `/subscriptions/${S.web}/providers/Microsoft.Security/pricings`);
    expect(none.body.error.code).toBe('MissingApiVersionParameter');
  });

  test('the readonly principal can read but not write', async () => {
    const ro = clients(sim, credential(sim, 'readonly'));
    expect((await ro.security(S.web).pricings.list()).value!.length).toBeGreaterThan(0);
    const err = await failure(ro.security(S.web).settings.update('Sentinel', { kind: 'AlertSyncSettings', enabled: true } as any));
    expect(err.code).toBe('AuthorizationFailed');
  });

  test('unknown subscription → 404 SubscriptionNotFound', async () => {
    const err = await failure(c.security('00000000-0000-0000-0000-000000000000').pricings.list());
    expect(err.statusCode).toBe(404);
    expect(err.code).toBe('SubscriptionNotFound');
  });
});
