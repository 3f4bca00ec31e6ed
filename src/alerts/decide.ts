// One poll's decisions: for every alert row and every channel it concerns, new / changed / ignored.
import { channelsFor, type AlertRoute } from './routes';
import { classifyRow, type SeenState } from './classify';
import type { AlertRecord, AlertStatus } from '../domain/types';

export interface AlertChange {
  channel: string;
  alert: AlertRecord;
  statusFrom?: AlertStatus;
  statusTo?: AlertStatus;
  incidentChanged: boolean;
}

export interface PollDecision {
  /** Alerts first seen by each channel, at or above that channel's threshold. */
  newByChannel: Map<string, AlertRecord[]>;
  changes: AlertChange[];
  ignored: number;
}

/** Looks up what a channel has seen of an alert; `channelsSeen` lists channels that already hold it (routes may have changed since). */
export interface SeenLookup {
  seen(channel: string, systemAlertId: string): SeenState | undefined;
  channelsSeen(systemAlertId: string): readonly string[];
}

export function decidePoll(alerts: readonly AlertRecord[], routes: readonly AlertRoute[], lookup: SeenLookup): PollDecision {
  const newByChannel = new Map<string, AlertRecord[]>();
  const changes: AlertChange[] = [];
  let ignored = 0;
  for (const alert of alerts) {
    const routed = channelsFor(alert, routes);
    const known = lookup.channelsSeen(alert.systemAlertId);
    for (const channel of new Set([...routed, ...known])) {
      const seen = lookup.seen(channel, alert.systemAlertId);
      // A channel that only knows the alert from an old route still gets updates, never a new post.
      if (!seen && !routed.includes(channel)) continue;
      const verdict = classifyRow(alert, seen);
      if (verdict.kind === 'new') {
        const list = newByChannel.get(channel) ?? [];
        list.push(alert);
        newByChannel.set(channel, list);
      } else if (verdict.kind === 'changed') {
        changes.push({ channel, alert, statusFrom: verdict.statusFrom, statusTo: verdict.statusTo, incidentChanged: verdict.incidentChanged });
      } else {
        ignored++;
      }
    }
    if (!routed.length && !known.length) ignored++;
  }
  return { newByChannel, changes, ignored };
}
