// Cards or digest: Slack takes about one post per second per channel, so a burst becomes one digest plus a few cards.
import type { AlertRecord, Severity } from '../domain/types';

export interface StormPolicy {
  /** Up to this many new alerts in one poll, every alert gets its own card. */
  cardLimit: number;
  /** In a storm, at most this many cards, all of the highest severity present. */
  stormCards: number;
}

/** Ten posts take ten seconds of a channel's budget: well inside a one-minute poll, and a digest is never late. */
export const DEFAULT_STORM_POLICY: StormPolicy = { cardLimit: 10, stormCards: 5 };

export interface ChannelPlan {
  channel: string;
  /** Posted as individual cards, most severe and oldest first. */
  cards: AlertRecord[];
  /** Counted in the channel's digest. Every input alert is in exactly one of the two lists. */
  digested: AlertRecord[];
}

const RANK: Record<Severity, number> = { High: 3, Medium: 2, Low: 1, Informational: 0 };

function time(alert: AlertRecord): number {
  return Date.parse(alert.startTime ?? alert.timeGenerated) || 0;
}

/** Most severe first, then oldest, then by id so the plan is deterministic. */
export function byPriority(a: AlertRecord, b: AlertRecord): number {
  return RANK[b.severity] - RANK[a.severity] || time(a) - time(b) || a.systemAlertId.localeCompare(b.systemAlertId);
}

/** What earlier slices of the same poll already planned for the channel (catch-up reads several slices). */
export interface PriorPlan {
  cards: number;
  storm: boolean;
}

/** Limits hold per poll, not per slice: earlier slices' cards count, and once a poll storms it stays a storm. */
export function planChannel(channel: string, alerts: readonly AlertRecord[], policy: StormPolicy = DEFAULT_STORM_POLICY, prior: PriorPlan = { cards: 0, storm: false }): ChannelPlan {
  const ordered = [...alerts].sort(byPriority);
  if (!prior.storm && prior.cards + ordered.length <= policy.cardLimit) return { channel, cards: ordered, digested: [] };
  if (!ordered.length) return { channel, cards: [], digested: [] };
  const top = ordered[0].severity;
  const budget = Math.max(0, policy.stormCards - prior.cards);
  const cardCount = Math.min(budget, ordered.filter((a) => a.severity === top).length);
  return { channel, cards: ordered.slice(0, cardCount), digested: ordered.slice(cardCount) };
}
