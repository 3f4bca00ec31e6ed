// Defender plan coverage, as the connector page's "Microsoft Defender plans" column shows it.
import type { DefenderPlan, PlanCoverage } from './types';

export interface PlanSummary {
  coverage: PlanCoverage;
  enabled: string[];
  disabled: string[];
}

/** Deprecated plans (replaced by others) are ignored: the portal cannot enable them, so they must not block "all". */
export function summarizePlans(plans: readonly DefenderPlan[]): PlanSummary {
  const current = plans.filter((p) => !p.deprecated);
  const enabled = current.filter((p) => p.tier === 'Standard').map((p) => p.name).sort();
  const disabled = current.filter((p) => p.tier !== 'Standard').map((p) => p.name).sort();
  const coverage: PlanCoverage = enabled.length === 0 ? 'none' : disabled.length === 0 ? 'all' : 'some';
  return { coverage, enabled, disabled };
}

export function planCoverage(plans: readonly DefenderPlan[]): PlanCoverage {
  return summarizePlans(plans).coverage;
}

/** Deep link to the subscription's Defender plans page, where "Enable all" lives. */
export function plansPortalUrl(portalUrl: string, subscriptionId: string): string {
  return `${portalUrl}/#view/Microsoft_Azure_Security/PolicyMenuBlade/~/pricingTier/subscriptionId/${subscriptionId}`;
}
