// The per-row menu: connect, disconnect (asks again), sync on/off, check prerequisites — for one subscription.
import type { SlackAppContext } from '../context';
import { ACTIONS, ROW_VERBS, type RowVerb } from '../ids';
import { submitJob } from '../submit';
import { actions, button, confirm, section } from '../views/elements';
import { esc, truncate } from '../views/format';
import { readClick, type ClickArgs } from './click';

export function parseRowValue(value: string | undefined): { verb: RowVerb; subscriptionId: string } | undefined {
  const at = value?.indexOf(':') ?? -1;
  if (!value || at < 1) return undefined;
  const verb = value.slice(0, at) as RowVerb;
  const subscriptionId = value.slice(at + 1);
  return ROW_VERBS.includes(verb) && /^[\w-]{1,64}$/.test(subscriptionId) ? { verb, subscriptionId } : undefined;
}

export function rowMenu(ctx: SlackAppContext) {
  return async (args: ClickArgs): Promise<void> => {
    await args.ack();
    const click = readClick(ctx, args);
    if (!click) return;
    const parsed = parseRowValue(click.value);
    if (!parsed) {
      await click.say('That menu choice is not one I know. Refresh the status message and try again.');
      return;
    }
    const snapshot = await ctx.stores.snapshot.load();
    const sub = snapshot?.subscriptions.find((s) => s.subscriptionId === parsed.subscriptionId);
    if (!sub) {
      await click.say('That subscription is not in the current status. Press *Refresh* and try again.');
      return;
    }
    const name = esc(truncate(sub.displayName, 120));
    const requestedBy = { userId: click.userId, ...(click.teamId ? { teamId: click.teamId } : {}) };
    const ids = [sub.subscriptionId];
    const opts = (action: string) => ({ action, source: click.source, reply: click.say });
    switch (parsed.verb) {
      case 'prereqs':
        await submitJob(ctx, { kind: 'prereqs', subscriptionIds: ids, requestedBy, reply: click.reply }, opts('prereqs'));
        return;
      case 'connect':
        await submitJob(ctx, { kind: 'connect', subscriptionIds: ids, requestedBy, reply: click.reply }, opts('connect'));
        return;
      case 'sync-on':
      case 'sync-off':
        await submitJob(ctx, { kind: 'sync', subscriptionIds: ids, params: { enabled: parsed.verb === 'sync-on' }, requestedBy, reply: click.reply }, opts(parsed.verb));
        return;
      case 'disconnect':
        // Overflow menus cannot carry a confirm per option, so the destructive choice asks again with its own dialog.
        await click.say(`Disconnect *${name}* from Sentinel?`, [
          section(`Disconnect *${name}* from Sentinel? Its Defender for Cloud alerts will stop flowing into the workspace.`),
          actions('status.disconnect', [
            button('Disconnect', ACTIONS.disconnectConfirm, sub.subscriptionId, {
              style: 'danger',
              confirm: confirm('Disconnect subscription?', `Removes the Defender for Cloud connector for ${truncate(sub.displayName, 120)}.`, 'Disconnect', 'danger'),
            }),
          ]),
        ]);
        return;
    }
  };
}
