// Data connector facts: naming, which connector covers a subscription, and which other routes duplicate alerts.
import type { DataConnectorInfo } from './resources';

export const ASC_CONNECTOR_KIND = 'AzureSecurityCenter';
/** Routes that also bring Defender for Cloud alerts into Sentinel (domain.md §1.4). */
export const TENANT_CONNECTOR_KINDS = ['MicrosoftDefenderForCloudTenantBased'];
export const XDR_CONNECTOR_KIND = 'MicrosoftThreatProtection';

/** Deterministic so a re-run finds the same resource and changes nothing. */
export function connectorNameFor(subscriptionId: string): string {
  return `sc-${subscriptionId.toLowerCase()}`;
}

const sameSubscription = (a?: string, b?: string): boolean => !!a && !!b && a.toLowerCase() === b.toLowerCase();

/** Every AzureSecurityCenter connector pointing at the subscription (any name: the portal or scripts may have made it). */
export function ascConnectorsFor(connectors: readonly DataConnectorInfo[], subscriptionId: string): DataConnectorInfo[] {
  return connectors.filter((c) => c.kind === ASC_CONNECTOR_KIND && sameSubscription(c.subscriptionId, subscriptionId));
}

export function isActive(connector: DataConnectorInfo): boolean {
  return connector.alertsState === undefined || connector.alertsState.toLowerCase() === 'enabled';
}

/** The active connector for the subscription, if any. */
export function activeConnectorFor(connectors: readonly DataConnectorInfo[], subscriptionId: string): DataConnectorInfo | undefined {
  return ascConnectorsFor(connectors, subscriptionId).find(isActive);
}

export interface OverlappingRoutes {
  tenantBased: boolean;
  xdr: boolean;
}

export function overlappingRoutes(connectors: readonly DataConnectorInfo[]): OverlappingRoutes {
  return {
    tenantBased: connectors.some((c) => TENANT_CONNECTOR_KINDS.includes(c.kind)),
    xdr: connectors.some((c) => c.kind === XDR_CONNECTOR_KIND),
  };
}

/** Workspace-level warnings about alert routes that overlap with the subscription connector. */
export function routeWarnings(routes: OverlappingRoutes, anyConnected: boolean): string[] {
  const warnings: string[] = [];
  if (routes.tenantBased && anyConnected) {
    warnings.push('The tenant-based Defender for Cloud connector is also on: alerts from connected subscriptions arrive twice. Keep one route (disconnect the subscriptions or turn off the tenant-based connector).');
  } else if (routes.tenantBased) {
    warnings.push('The tenant-based Defender for Cloud connector is on: connecting subscriptions here would duplicate its alerts.');
  }
  if (routes.xdr && anyConnected) {
    warnings.push('The Microsoft Defender XDR connector is on: Defender for Cloud alerts can arrive through both XDR and this connector (duplicate alerts); XDR also turns off Microsoft incident-creation rules.');
  }
  return warnings;
}
