// A bulk connect/disconnect reads the workspace's connector list once per worker process and run, not once per
// subscription: 1,000 subscriptions would otherwise mean 1,000 paged reads of a 1,000-entry list.
// A snapshot may be stale only in the safe direction: a PUT of an existing connector is an idempotent update.
import type { DataConnectorInfo } from '../domain/resources';
import type { AzureGateway } from './job-operations';

const SNAPSHOT_TTL_MS = 60_000;

export class ConnectorSnapshots {
  private readonly snapshots = new Map<string, { at: number; list: Promise<DataConnectorInfo[]> }>();

  constructor(private readonly now: () => number = Date.now) {}

  get(runKey: string, gateway: AzureGateway): Promise<DataConnectorInfo[]> {
    const now = this.now();
    for (const [key, entry] of this.snapshots) if (now - entry.at > SNAPSHOT_TTL_MS) this.snapshots.delete(key);
    const cached = this.snapshots.get(runKey);
    if (cached) return cached.list;
    const list = gateway.listDataConnectors();
    // A failed read is not cached: the next subscription reads again.
    list.catch(() => this.snapshots.delete(runKey));
    this.snapshots.set(runKey, { at: now, list });
    return list;
  }
}
