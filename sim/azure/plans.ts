import type { PlanSpec, PlansSpec } from './scenarios/types';

/** Defender plan catalogue as pricings 2024-01-01 lists it (deprecated plans point at their replacements). */
export interface PlanCatalogEntry {
  name: string;
  subPlan?: string;
  deprecated?: boolean;
  replacedBy?: string[];
  extensions?: string[];
}

export const PLAN_CATALOG: readonly PlanCatalogEntry[] = [
  { name: 'VirtualMachines', subPlan: 'P2', extensions: ['MdeDesignatedSubscription', 'AgentlessVmScanning'] },
  { name: 'SqlServers' },
  { name: 'AppServices' },
  { name: 'StorageAccounts', subPlan: 'DefenderForStorageV2', extensions: ['OnUploadMalwareScanning', 'SensitiveDataDiscovery'] },
  { name: 'SqlServerVirtualMachines' },
  { name: 'KubernetesService', deprecated: true, replacedBy: ['Containers'] },
  { name: 'ContainerRegistry', deprecated: true, replacedBy: ['Containers'] },
  { name: 'KeyVaults', subPlan: 'PerKeyVault' },
  { name: 'Dns', deprecated: true, replacedBy: ['VirtualMachines'] },
  { name: 'Arm', subPlan: 'PerSubscription' },
  { name: 'OpenSourceRelationalDatabases' },
  { name: 'CosmosDbs' },
  { name: 'Containers', extensions: ['ContainerRegistriesVulnerabilityAssessments', 'AgentlessDiscoveryForKubernetes'] },
  { name: 'CloudPosture', extensions: ['SensitiveDataDiscovery', 'AgentlessVmScanning'] },
  { name: 'Api', subPlan: 'P1' },
];

const SOME = new Set(['VirtualMachines', 'KeyVaults', 'Arm']);

export interface Plan {
  name: string;
  pricingTier: 'Free' | 'Standard';
  subPlan?: string;
  enablementTime?: number;
  deprecated?: boolean;
  replacedBy?: string[];
  extensions?: string[];
}

export function expandPlans(spec: PlansSpec | undefined, now: number): Map<string, Plan> {
  const out = new Map<string, Plan>();
  for (const c of PLAN_CATALOG) {
    let tier: 'Free' | 'Standard' = 'Free';
    let subPlan = c.subPlan;
    if (spec === 'all') tier = c.deprecated ? 'Free' : 'Standard';
    else if (spec === 'some') tier = SOME.has(c.name) ? 'Standard' : 'Free';
    else if (spec && spec !== 'none') {
      const v = spec[c.name] as 'Free' | 'Standard' | PlanSpec | undefined;
      if (typeof v === 'string') tier = v;
      else if (v) {
        tier = v.pricingTier;
        subPlan = v.subPlan ?? subPlan;
      }
    }
    out.set(c.name.toLowerCase(), {
      name: c.name,
      pricingTier: tier,
      subPlan: tier === 'Standard' ? subPlan : undefined,
      enablementTime: tier === 'Standard' ? now - 30 * 86_400_000 : undefined,
      deprecated: c.deprecated,
      replacedBy: c.replacedBy,
      extensions: c.extensions,
    });
  }
  return out;
}

/** Connecting requires at least one paid plan; deprecated plans still count, as the connector only checks licensing. */
export const hasStandardPlan = (plans: Map<string, Plan>): boolean => [...plans.values()].some((p) => p.pricingTier === 'Standard');
