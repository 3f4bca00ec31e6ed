// Digest state for a storm in one channel: counts, never a list, so 10,000 alerts cost a few hundred bytes.
import type { AlertRecord, AlertStatus, Severity } from '../domain/types';

export interface DigestState {
  id: string;
  channel: string;
  openedAt: string;
  /** Last time alerts were added: the storm window runs from here. */
  lastAddedAt: string;
  /** Alerts counted here (each one has a store record pointing at this digest). */
  total: number;
  /** Alerts of the same storm that got their own card instead. */
  carded: number;
  bySeverity: Record<Severity, number>;
  byStatus: Partial<Record<AlertStatus, number>>;
  byName: Record<string, number>;
  byResource: Record<string, number>;
  /** Ingestion window covered, for the portal query link. */
  firstIngestedAt: string;
  lastIngestedAt: string;
}

/** A storm that keeps going within this window keeps updating the same digest message. */
export const DIGEST_WINDOW_MS = 30 * 60_000;
/** Distinct names/resources kept per digest; the rest are summed under OTHER_KEY so state stays small. */
export const DIGEST_KEY_LIMIT = 200;
export const OTHER_KEY = '(other)';

export function newDigest(id: string, channel: string, now: Date): DigestState {
  const iso = now.toISOString();
  return {
    id, channel, openedAt: iso, lastAddedAt: iso, total: 0, carded: 0,
    bySeverity: { High: 0, Medium: 0, Low: 0, Informational: 0 }, byStatus: {}, byName: {}, byResource: {},
    firstIngestedAt: '', lastIngestedAt: '',
  };
}

export function isDigestOpen(state: DigestState | undefined, now: Date, windowMs = DIGEST_WINDOW_MS): state is DigestState {
  return !!state && now.getTime() - Date.parse(state.lastAddedAt) < windowMs;
}

function bump(counts: Record<string, number>, key: string, by = 1): void {
  const k = key in counts || Object.keys(counts).length < DIGEST_KEY_LIMIT ? key : OTHER_KEY;
  counts[k] = (counts[k] ?? 0) + by;
}

/** The affected resource as people name it: the compromised entity, else the last segment of the resource id. */
export function resourceLabel(alert: Pick<AlertRecord, 'compromisedEntity' | 'resourceId'>): string {
  return alert.compromisedEntity || alert.resourceId?.split('/').filter(Boolean).pop() || 'unknown resource';
}

export function addToDigest(state: DigestState, digested: readonly AlertRecord[], carded: number, now: Date): DigestState {
  const next: DigestState = structuredClone(state);
  for (const a of digested) {
    next.total++;
    next.bySeverity[a.severity]++;
    next.byStatus[a.status] = (next.byStatus[a.status] ?? 0) + 1;
    bump(next.byName, a.displayName || a.alertName);
    bump(next.byResource, resourceLabel(a));
    // Compared as instants: Log Analytics timestamps vary in fractional digits, so strings do not sort.
    const t = Date.parse(a.ingestedAt);
    if (!next.firstIngestedAt || t < Date.parse(next.firstIngestedAt)) next.firstIngestedAt = a.ingestedAt;
    if (!next.lastIngestedAt || t > Date.parse(next.lastIngestedAt)) next.lastIngestedAt = a.ingestedAt;
  }
  next.carded += carded;
  next.lastAddedAt = now.toISOString();
  return next;
}

/** A counted alert changed status: move it between status counts (it has no card to update). */
export function moveDigestStatus(state: DigestState, from: AlertStatus, to: AlertStatus): DigestState {
  const next: DigestState = structuredClone(state);
  next.byStatus[from] = Math.max(0, (next.byStatus[from] ?? 0) - 1);
  next.byStatus[to] = (next.byStatus[to] ?? 0) + 1;
  return next;
}

/** Largest counts first, ties by name; OTHER_KEY always last. */
export function topCounts(counts: Record<string, number>, n: number): [string, number][] {
  const entries = Object.entries(counts).filter(([k, v]) => k !== OTHER_KEY && v > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const shown = entries.slice(0, n);
  const rest = entries.slice(n).reduce((sum, [, v]) => sum + v, 0) + (counts[OTHER_KEY] ?? 0);
  return rest > 0 ? [...shown, [OTHER_KEY, rest]] : shown;
}
