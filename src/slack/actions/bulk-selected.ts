// "Connect selected" / "Enable bi-directional sync on selected": the selection is read from the message state at click
// time, checked against the stored snapshot (unknown ids and rows the identity cannot change are dropped), then queued.
import type { SubscriptionStatus } from '../../domain/types';
import type { SlackAppContext } from '../context';
import { ACTIONS } from '../ids';
import { submitJob } from '../submit';
import { esc, truncate } from '../views/format';
import { readClick, selectedValues, stateValuesOf, type ClickArgs } from './click';

type Bulk = 'connect' | 'sync-on';

const allowedFor = (bulk: Bulk, s: SubscriptionStatus): boolean => (bulk === 'connect' ? s.permissions.connect : s.permissions.toggleSync);

/** Pure: which picked ids can be acted on, and why the others cannot. */
export function partitionSelection(bulk: Bulk, picked: readonly string[], known: readonly SubscriptionStatus[]): { ids: string[]; skipped: string[] } {
  const byId = new Map(known.map((s) => [s.subscriptionId, s]));
  const ids: string[] = [];
  const skipped: string[] = [];
  for (const id of picked) {
    const s = byId.get(id);
    if (!s) skipped.push(`\`${esc(truncate(id, 64))}\` is not in the current status`);
    else if (!allowedFor(bulk, s)) {
      const reason = (bulk === 'connect' ? s.permissions.reasons.connect : s.permissions.reasons.toggleSync) ?? 'the identity has no write access';
      skipped.push(`*${esc(truncate(s.displayName, 80))}*: ${esc(truncate(reason, 200))}`);
    } else ids.push(id);
  }
  return { ids, skipped };
}

export function bulkSelected(ctx: SlackAppContext, bulk: Bulk) {
  return async (args: ClickArgs): Promise<void> => {
    await args.ack();
    const click = readClick(ctx, args);
    if (!click) return;
    const picked = selectedValues(stateValuesOf(args), ACTIONS.statusPick);
    if (!picked.length) {
      await click.say('Nothing is selected. Pick subscriptions in the *Pick subscriptions…* menu first (type to search the whole tenant), then press the button again.');
      return;
    }
    const snapshot = await ctx.stores.snapshot.load();
    const { ids, skipped } = partitionSelection(bulk, picked, snapshot?.subscriptions ?? []);
    const note = skipped.length ? `\nSkipped:\n${skipped.slice(0, 10).map((s) => `• ${s}`).join('\n')}` : '';
    if (!ids.length) {
      await click.say(`None of the selected subscriptions can be changed.${note}`);
      return;
    }
    const base = { subscriptionIds: ids, requestedBy: { userId: click.userId, ...(click.teamId ? { teamId: click.teamId } : {}) }, reply: click.reply };
    await submitJob(ctx, bulk === 'connect' ? { kind: 'connect', ...base } : { kind: 'sync', ...base, params: { enabled: true } }, {
      action: bulk,
      source: click.source,
      reply: click.say,
      ...(note ? { queuedText: () => `Queued ${ids.length} subscription(s).${note}` } : {}),
    });
  };
}
