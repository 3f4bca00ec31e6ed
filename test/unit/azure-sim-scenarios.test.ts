import { Sim } from '../../sim/azure/sim';
import { SCENARIOS } from '../../sim/azure/scenarios';
import { SMALL_SUBSCRIPTIONS } from '../../sim/azure/scenarios/small';
import { startAlertGenerator } from '../../sim/azure/scenarios/generator';
import { stableGuid } from '../../sim/azure/ids';
import { isConnected } from '../../sim/azure/state';

describe('azure sim scenarios', () => {
  test('ids are deterministic GUIDs, stable across runs', () => {
    expect(stableGuid('small:sub:payments')).toBe(SMALL_SUBSCRIPTIONS.payments);
    expect(SCENARIOS.small().subscriptions.map((s) => s.subscriptionId)).toEqual(SCENARIOS.small().subscriptions.map((s) => s.subscriptionId));
    expect(SMALL_SUBSCRIPTIONS.payments).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  test('small covers the connector page states', () => {
    const sim = new Sim(SCENARIOS.small(), { ingestionDelayMs: 0 });
    const st = sim.state;
    const S = SMALL_SUBSCRIPTIONS;
    expect(st.subscriptionList).toHaveLength(13);
    expect([S.secops, S.payments, S.web].every((s) => isConnected(st, s))).toBe(true);
    expect(isConnected(st, S.identity)).toBe(false);
    expect(st.subscriptions.get(S.decommissioned)!.state).toBe('Disabled');
    expect(st.subscriptions.get(S.archive)!.providers.get('microsoft.securityinsights')!.state).toBe('NotRegistered');
    expect([...st.subscriptions.get(S.qa)!.plans.values()].every((p) => p.pricingTier === 'Free')).toBe(true);
    expect(st.workspace.rows).toHaveLength(2);
  });

  test('large honours size; demo has ~25 realistic subscriptions', () => {
    expect(SCENARIOS.large(50).subscriptions).toHaveLength(51);
    expect(SCENARIOS.large().subscriptions).toHaveLength(1001);
    const demo = SCENARIOS.demo();
    expect(demo.subscriptions.length).toBeGreaterThanOrEqual(25);
    expect(demo.subscriptions.map((s) => s.displayName)).toContain('Contoso Prod - Payments');
  });

  test('the alert generator raises alerts and changes statuses', async () => {
    const sim = new Sim(SCENARIOS.demo(), { ingestionDelayMs: 0 });
    const before = sim.state.alerts.size;
    const gen = startAlertGenerator(sim, { intervalMs: 5, seed: 7, statusChangeRatio: 0.3 });
    await new Promise((r) => setTimeout(r, 300));
    gen.stop();
    expect(sim.state.alerts.size).toBeGreaterThan(before);
    expect([...sim.state.alerts.values()].some((a) => a.status !== 'Active')).toBe(true);
    expect(sim.state.workspace.incidents.size).toBeGreaterThan(0);
  });
});
