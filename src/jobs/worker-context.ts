// Everything a job handler may use; built once per worker process by startWorkers.
import type { Logger } from '../log';
import type { Presenter } from '../ports';
import type { JobStore } from '../store/jobs-store';
import type { ConnectorSnapshots } from './connector-snapshots';
import type { AzureGateway, JobOperations } from './job-operations';
import type { ProgressUpdaters } from './progress-updater';

export interface WorkerContext {
  operations: JobOperations;
  /** Reads: the SDK may retry them itself. */
  gateway: AzureGateway;
  /** Writes: SDK retries off, so throttling reaches the job layer, which delays instead of sleeping. */
  writeGateway: AzureGateway;
  presenter: Presenter;
  store: JobStore;
  progress: ProgressUpdaters;
  connectors: ConnectorSnapshots;
  logger: Logger;
  /** Pauses every ARM write of this deployment: they all draw from one principal's budget. */
  pauseWrites(ms: number): Promise<void>;
}
