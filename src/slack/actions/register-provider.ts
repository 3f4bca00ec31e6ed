// "Register provider" from a prerequisites message: registers Microsoft.SecurityInsights on one subscription.
import type { SlackAppContext } from '../context';
import { submitJob } from '../submit';
import { readClick, type ClickArgs } from './click';

export function registerProvider(ctx: SlackAppContext) {
  return async (args: ClickArgs): Promise<void> => {
    await args.ack();
    const click = readClick(ctx, args);
    if (!click?.value || !/^[\w-]{1,64}$/.test(click.value)) return;
    await submitJob(
      ctx,
      { kind: 'register-provider', subscriptionIds: [click.value], requestedBy: { userId: click.userId }, reply: click.reply },
      { action: 'register-provider', source: click.source, reply: click.say, queuedText: (jobId) => `Registering the provider — job \`${jobId}\`.` },
    );
  };
}
