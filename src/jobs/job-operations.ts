// The operations a job calls, as one object: handlers are wired to src/operations in one place and tests may
// pass fakes of the same shape.
import * as operations from '../operations';

export type { AzureGateway } from '../operations';

export type JobOperations = Pick<
  typeof operations,
  | 'getStatus'
  | 'checkPrerequisites'
  | 'connectSubscription'
  | 'disconnectSubscription'
  | 'setBiDirectionalSync'
  | 'registerProvider'
  | 'setIncidentCreation'
  | 'listSubscriptions'
  | 'listAlerts'
  | 'setAlertStatus'
  | 'closeIncident'
  | 'runQuery'
>;

export const DEFAULT_OPERATIONS: JobOperations = operations;
