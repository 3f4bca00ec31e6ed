// What the alert jobs need: ports only, so tests and the benchmark can run them directly.
import type { AlertRoute } from '../../alerts/routes';
import type { IntakePolicy } from '../../alerts/intake';
import type { StormPolicy } from '../../alerts/storm';
import type { PortalEnvironment } from '../../alerts/links';
import type { Config } from '../../config';
import type { Logger } from '../../log';
import type { AzureGateway } from '../../operations/ports';
import type { AlertStore } from '../../store/alerts';
import type { AlertNotifier } from '../../slack/alerts/notifier';
import type { AlertActionData, IncidentCloseData, SyncCardData, SyncDigestData } from './names';
import type { Severity } from '../../domain/types';

/** Adds notification jobs; implemented over BullMQ by startAlerting, or directly by tests. */
export interface NotifyEnqueuer {
  syncCards(items: (SyncCardData & { severity: Severity })[]): Promise<void>;
  syncDigest(item: SyncDigestData): Promise<void>;
}

export interface AlertJobDeps {
  config: Pick<Config, 'alerts'>;
  gateway: AzureGateway;
  store: AlertStore;
  notifier: AlertNotifier;
  routes: { list(): Promise<AlertRoute[]> };
  enqueue: NotifyEnqueuer;
  portal: PortalEnvironment;
  logger: Logger;
  intake: IntakePolicy;
  storm: StormPolicy;
  now: () => Date;
}

export type { AlertActionData, IncidentCloseData };
