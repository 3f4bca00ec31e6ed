// The confirmed "Disconnect" button: the value is only the subscription id; admin rights are checked now.
import type { SlackAppContext } from '../context';
import { submitJob } from '../submit';
import { readClick, type ClickArgs } from './click';

export function disconnectConfirm(ctx: SlackAppContext) {
  return async (args: ClickArgs): Promise<void> => {
    await args.ack();
    const click = readClick(ctx, args);
    if (!click?.value || !/^[\w-]{1,64}$/.test(click.value)) return;
    await submitJob(
      ctx,
      { kind: 'disconnect', subscriptionIds: [click.value], requestedBy: { userId: click.userId }, reply: click.reply },
      { action: 'disconnect', source: click.source, reply: click.say, queuedText: (jobId) => `Disconnecting — job \`${jobId}\`.` },
    );
  };
}
