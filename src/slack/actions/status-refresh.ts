// Refresh on a status message: a new status job whose result replaces this message in place.
import type { SlackAppContext } from '../context';
import { submitJob } from '../submit';
import { parseNavValue } from '../views/status';
import { readClick, type ClickArgs } from './click';

export function statusRefresh(ctx: SlackAppContext) {
  return async (args: ClickArgs): Promise<void> => {
    await args.ack();
    const click = readClick(ctx, args);
    if (!click) return;
    const { filter, page } = parseNavValue(click.value);
    await submitJob(
      ctx,
      { kind: 'status', params: { filter, page }, requestedBy: { userId: click.userId, ...(click.teamId ? { teamId: click.teamId } : {}) }, reply: click.reply },
      { action: 'status', source: click.source, reply: click.say },
    );
  };
}
