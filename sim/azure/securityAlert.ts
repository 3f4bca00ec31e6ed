import { ASC_PRODUCT, type DefenderAlert, type TenantState } from './state';

/** SecurityAlert columns and Log Analytics types, in table order. */
export const SECURITY_ALERT_COLUMNS: ReadonlyArray<[string, string]> = [
  ['TenantId', 'string'], ['TimeGenerated', 'datetime'], ['DisplayName', 'string'], ['AlertName', 'string'], ['AlertSeverity', 'string'],
  ['Description', 'string'], ['ProviderName', 'string'], ['VendorName', 'string'], ['VendorOriginalId', 'string'], ['SystemAlertId', 'string'],
  ['ResourceId', 'string'], ['SourceComputerId', 'string'], ['AlertType', 'string'], ['ConfidenceLevel', 'string'], ['ConfidenceScore', 'real'],
  ['IsIncident', 'bool'], ['StartTime', 'datetime'], ['EndTime', 'datetime'], ['ProcessingEndTime', 'datetime'], ['RemediationSteps', 'string'],
  ['ExtendedProperties', 'string'], ['Entities', 'string'], ['SourceSystem', 'string'], ['WorkspaceSubscriptionId', 'string'],
  ['WorkspaceResourceGroup', 'string'], ['ExtendedLinks', 'string'], ['ProductName', 'string'], ['ProductComponentName', 'string'],
  ['AlertLink', 'string'], ['Status', 'string'], ['CompromisedEntity', 'string'], ['Tactics', 'string'], ['Techniques', 'string'],
  ['SubTechniques', 'string'], ['Type', 'string'],
];

/** Defender "Active" surfaces as "New" in Sentinel; the other states keep their names. */
export const sentinelStatus = (s: DefenderAlert['status']): string => (s === 'Active' ? 'New' : s);

export function alertLink(a: DefenderAlert): string {
  return `https://portal.azure.com/#blade/Microsoft_Azure_Security_AzureDefenderForData/AlertBlade/alertId/${a.name}/subscriptionId/${a.subscriptionId}/resourceGroup/${a.resourceGroup ?? ''}/referencedFrom/alertDeepLink/location/${a.location}`;
}

/** The row Sentinel writes for the alert as it is at `at` (datetimes kept as epoch ms; the query engine formats them). */
export function securityAlertRow(state: TenantState, a: DefenderAlert, at: number): Record<string, unknown> {
  const ws = state.workspace;
  return {
    TenantId: ws.customerId,
    TimeGenerated: at,
    DisplayName: a.displayName,
    AlertName: a.displayName,
    AlertSeverity: a.severity,
    Description: a.description,
    ProviderName: 'Azure Security Center',
    VendorName: 'Microsoft',
    VendorOriginalId: a.name,
    SystemAlertId: a.systemAlertId,
    ResourceId: a.resourceId,
    SourceComputerId: '',
    AlertType: a.alertType,
    ConfidenceLevel: '',
    ConfidenceScore: null,
    IsIncident: false,
    StartTime: a.startTime,
    EndTime: a.endTime,
    ProcessingEndTime: a.processingEndTime,
    RemediationSteps: JSON.stringify(a.remediationSteps),
    ExtendedProperties: JSON.stringify({ ...a.extendedProperties, 'Alert Id': a.name, resourceType: a.productComponentName, 'Effective Subscription Id': a.subscriptionId }),
    Entities: JSON.stringify(a.entities.map((e, i) => ({ $id: String(i + 2), ...e }))),
    SourceSystem: 'Detection',
    WorkspaceSubscriptionId: ws.subscriptionId,
    WorkspaceResourceGroup: ws.resourceGroup,
    ExtendedLinks: '',
    ProductName: ASC_PRODUCT,
    ProductComponentName: a.productComponentName,
    AlertLink: alertLink(a),
    Status: sentinelStatus(a.status),
    CompromisedEntity: a.compromisedEntity,
    Tactics: a.tactics.join(', '),
    Techniques: a.techniques.length ? JSON.stringify(a.techniques) : '',
    SubTechniques: a.subTechniques.length ? JSON.stringify(a.subTechniques) : '',
    Type: 'SecurityAlert',
  };
}
