// Severity ordering and thresholds. Informational is never implied: it appears only when asked for by name.
import { SEVERITIES } from '../config';
import type { Severity } from './types';

export { SEVERITIES };

const RANK: Record<Severity, number> = { Informational: 0, Low: 1, Medium: 2, High: 3 };

/** Case-insensitive parse ("high" → "High"); undefined when the word is not a severity. */
export function parseSeverity(value: string): Severity | undefined {
  return SEVERITIES.find((s) => s.toLowerCase() === value.trim().toLowerCase());
}

export function severityAtLeast(severity: Severity, min: Severity): boolean {
  return RANK[severity] >= RANK[min];
}

/** Every severity at or above `min`, highest first: severitiesFrom('Medium') → ['High','Medium']. */
export function severitiesFrom(min: Severity): Severity[] {
  return [...SEVERITIES].filter((s) => severityAtLeast(s, min)).sort((a, b) => RANK[b] - RANK[a]);
}

/** Highest first, duplicates removed; stable output for comparisons and display. */
export function normalizeSeverities(list: readonly Severity[]): Severity[] {
  return [...new Set(list)].sort((a, b) => RANK[b] - RANK[a]);
}

/** The incident rule's default: High, Medium, Low — Informational alerts only matter inside an open incident. */
export const DEFAULT_INCIDENT_SEVERITIES: readonly Severity[] = ['High', 'Medium', 'Low'];
