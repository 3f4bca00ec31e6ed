// The bot's verbs. Slack jobs and the CLI call these; each depends only on the AzureGateway port.
export { getStatus, type StatusOptions } from './status';
export { checkPrerequisites, type PrerequisiteOptions } from './prerequisites';
export { connectSubscription, disconnectSubscription, setBiDirectionalSync, registerProvider, setIncidentCreation, type ChangeOptions, type IncidentCreationOptions } from './changes';
export { runBulk, BULK_ACTIONS, type BulkAction, type BulkOptions } from './bulk';
export { listSubscriptions } from './subscriptions';
export { listAlerts, setAlertStatus, type ListAlertsOptions } from './alerts';
export { listIncidents, closeIncident, type ListIncidentsOptions, type CloseIncident } from './incidents';
export { runQuery, QUERY_CATALOGUE } from './queries';
export type { AzureGateway, GatewayEnvironment } from './ports';
export { AzureProblemError, isAzureProblemError } from '../domain/errors';
export { KqlInputError } from '../domain/kql';
