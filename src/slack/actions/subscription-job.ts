// One-subscription buttons ("Disconnect" after its confirm, "Register provider" on a prerequisites message): the value
// is only the subscription id; admin rights are checked when the click arrives, inside submitJob.
import type { SlackAppContext } from '../context';
import { submitJob } from '../submit';
import { readClick, type ClickArgs } from './click';

export function subscriptionJob(kind: 'disconnect' | 'register-provider', doing: string) {
  return (ctx: SlackAppContext) =>
    async (args: ClickArgs): Promise<void> => {
      await args.ack();
      const click = readClick(ctx, args);
      if (!click?.value || !/^[\w-]{1,64}$/.test(click.value)) return;
      await submitJob(
        ctx,
        { kind, subscriptionIds: [click.value], requestedBy: { userId: click.userId }, reply: click.reply },
        { action: kind, source: click.source, reply: click.say, queuedText: (jobId) => `${doing} — job \`${jobId}\`.` },
      );
    };
}

export const disconnectConfirm = subscriptionJob('disconnect', 'Disconnecting');
export const registerProvider = subscriptionJob('register-provider', 'Registering the provider');
