// Deep links shown on cards and digests. Azure-supplied links are used only when they are plain https URLs.

export interface PortalEnvironment {
  portalUrl: string;
  workspace: { subscriptionId: string; resourceGroup: string; name: string };
}

const MAX_URL = 3000;

export function safeHttpsUrl(value: string | undefined): string | undefined {
  if (!value || value.length > MAX_URL) return undefined;
  try {
    return new URL(value).protocol === 'https:' ? value : undefined;
  } catch {
    return undefined;
  }
}

export function workspaceResourceId(env: PortalEnvironment): string {
  const w = env.workspace;
  return `/subscriptions/${w.subscriptionId}/resourceGroups/${w.resourceGroup}/providers/Microsoft.OperationalInsights/workspaces/${w.name}`;
}

/** The alert in Defender for Cloud: the row's AlertLink, else built from the alert's ARM coordinates. */
export function defenderAlertUrl(
  alert: { alertLink?: string; defender?: { subscriptionId: string; location: string; name: string } },
  env: PortalEnvironment,
): string | undefined {
  const link = safeHttpsUrl(alert.alertLink);
  if (link) return link;
  const d = alert.defender;
  if (!d) return undefined;
  const part = encodeURIComponent;
  return `${env.portalUrl}/#blade/Microsoft_Azure_Security_AzureDefenderForData/AlertBlade/alertId/${part(d.name)}/subscriptionId/${part(d.subscriptionId)}/referencedFrom/alertDeepLink/location/${part(d.location)}`;
}

/** The incident when the alert has one, else the workspace's Sentinel page. */
export function sentinelUrl(incident: { url?: string } | undefined, env: PortalEnvironment): string {
  return safeHttpsUrl(incident?.url) ?? `${env.portalUrl}/#view/Microsoft_Azure_Security_Insights/MainMenuBlade/~/0/id/${encodeURIComponent(workspaceResourceId(env))}`;
}

/** Log Analytics with the query pre-filled (plain, URL-encoded form of the share link). */
export function logsQueryUrl(kql: string, env: PortalEnvironment): string {
  const url = `${env.portalUrl}/#blade/Microsoft_Azure_Monitoring_Logs/LogsBlade/resourceId/${encodeURIComponent(workspaceResourceId(env))}/source/LogsBlade.AnalyticsShareLinkToQuery/query/${encodeURIComponent(kql)}/timespan/P7D`;
  return url.length <= MAX_URL ? url : `${env.portalUrl}/#blade/Microsoft_Azure_Monitoring_Logs/LogsBlade/resourceId/${encodeURIComponent(workspaceResourceId(env))}`;
}

/** The query a digest links to: the storm's alerts by ingestion window. Only ISO timestamps are interpolated. */
export function digestQuery(firstIngestedAt: string, lastIngestedAt: string): string {
  const from = new Date(Date.parse(firstIngestedAt) - 1000).toISOString();
  const to = new Date(Date.parse(lastIngestedAt) + 1000).toISOString();
  return [
    'SecurityAlert',
    '| where ProductName in ("Azure Security Center", "Microsoft Defender for Cloud")',
    `| where ingestion_time() between (datetime(${from}) .. datetime(${to}))`,
    '| summarize arg_max(TimeGenerated, *) by SystemAlertId',
    '| summarize Alerts = count() by AlertSeverity, DisplayName, CompromisedEntity',
    '| order by Alerts desc',
  ].join('\n');
}
