// Subscription names → ids against the cached list. Pure; the message lists the closest names when nothing matches.
import { resolveSubscriptions, type NamedSubscription } from '../../domain/subscriptions';
import { esc } from '../views/format';

export type Resolution = { ok: true; ids: string[] } | { ok: false; error: string };

export function resolveNames(names: readonly string[], known: readonly NamedSubscription[]): Resolution {
  if (!known.length) return { ok: false, error: 'empty-cache' };
  const { matched, errors } = resolveSubscriptions(known, names);
  if (!errors.length) return { ok: true, ids: matched.map((s) => s.subscriptionId) };
  const lines = errors.slice(0, 5).flatMap((e) => [
    `• ${esc(e.message)}`,
    ...e.candidates.slice(0, 5).map((c) => `    ◦ ${esc(c)}`),
  ]);
  if (errors.length > 5) lines.push(`• …and ${errors.length - 5} more names I could not match.`);
  lines.push('Quote names that contain spaces, e.g. `"Prod West"`, or use the subscription id.');
  return { ok: false, error: lines.join('\n') };
}
