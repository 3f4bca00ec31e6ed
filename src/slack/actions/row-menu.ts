// The per-row menu: connect, disconnect (asks again), sync on/off, check prerequisites — for one subscription.
import type { SubscriptionStatus } from '../../domain/types';
import { authorizeMutation } from '../authz';
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

/** Pure: why `verb` is not possible on `sub` per the stored snapshot, or undefined when it is. */
export function blockedReason(verb: RowVerb, sub: SubscriptionStatus): string | undefined {
  const { permissions } = sub;
  if (verb === 'connect' || verb === 'disconnect') return permissions.connect ? undefined : (permissions.reasons.connect ?? 'the identity has no write access.');
  if (verb === 'sync-on' || verb === 'sync-off') {
    if (!permissions.toggleSync) return permissions.reasons.toggleSync ?? 'the identity has no write access.';
    if (sub.biDirectionalSync === 'unavailable') return 'bi-directional sync is unavailable on this subscription.';
  }
  return undefined;
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
    if (parsed.verb !== 'prereqs') {
      const verdict = await authorizeMutation(ctx, { userId: click.userId, action: parsed.verb, targets: [sub.subscriptionId], source: click.source });
      if (!verdict.allowed) return click.say(verdict.text);
    }
    // The menu may have been drawn from an older snapshot: what it offered is checked against the current one.
    const blocked = blockedReason(parsed.verb, sub);
    if (blocked) {
      await ctx.audit
        .record({ user: click.userId, action: parsed.verb, targets: [sub.subscriptionId], result: 'refused', detail: `not possible now: ${blocked}`, source: click.source })
        .catch((err) => ctx.logger.error({ err }, 'audit write failed'));
      await click.say(`*${name}* cannot be changed that way now: ${esc(truncate(blocked, 300))} Press *Refresh* for the current menu.`);
      return;
    }
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
