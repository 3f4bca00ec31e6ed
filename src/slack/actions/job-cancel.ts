// "Cancel" on a running job: allowed for admins and for whoever started the job.
import type { SlackAppContext } from '../context';
import { REFUSAL } from '../authz';
import { readClick, type ClickArgs } from './click';

export function jobCancel(ctx: SlackAppContext) {
  return async (args: ClickArgs): Promise<void> => {
    await args.ack();
    const click = readClick(ctx, args);
    const jobId = click?.value;
    if (!click || !jobId || jobId.length > 128) return;
    const request = await ctx.stores.jobRecords.request(jobId);
    const owner = request?.requestedBy.userId === click.userId;
    const allowed = owner || (await ctx.authz.isAdmin(click.userId).catch(() => false));
    if (!allowed) {
      await ctx.audit.record({ user: click.userId, action: 'job-cancel', targets: [jobId], result: 'refused', detail: 'not an admin or the requester', source: click.source });
      await click.say(REFUSAL('cancel this job'));
      return;
    }
    const cancelled = await ctx.jobs.cancel(jobId, { userId: click.userId });
    await ctx.audit.record({ user: click.userId, action: 'job-cancel', targets: [jobId], result: cancelled ? 'allowed' : 'failed', detail: cancelled ? 'cancelled' : 'job already finished', source: click.source });
    await click.say(cancelled ? `:no_entry_sign: Cancelling job \`${jobId}\`; subscriptions already changed stay changed.` : `Job \`${jobId}\` has already finished.`);
  };
}
