// Previous / Next / filter on a status message: re-rendered from the stored snapshot, never from Azure.
import type { SlackAppContext } from '../context';
import { parseNavValue, statusView } from '../views/status';
import { readClick, type ClickArgs } from './click';

export function statusNavigate(ctx: SlackAppContext) {
  return async (args: ClickArgs): Promise<void> => {
    await args.ack();
    const click = readClick(ctx, args);
    if (!click) return;
    const { filter, page } = parseNavValue(click.value);
    const snapshot = await ctx.stores.snapshot.load();
    if (!snapshot) {
      await click.say('There is no status snapshot yet. Run `/sentinel status` to read the tenant.');
      return;
    }
    const view = statusView(snapshot, { filter, page, portalUrl: ctx.config.azure.portalUrl });
    if (click.channel && click.messageTs && !click.isEphemeral) {
      await args.client.chat.update({ channel: click.channel, ts: click.messageTs, text: view.text, blocks: view.blocks });
    } else if (args.respond) {
      await args.respond({ replace_original: true, text: view.text, blocks: view.blocks });
    }
  };
}
