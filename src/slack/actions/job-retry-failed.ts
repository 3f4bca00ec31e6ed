// "Retry failed": the failed ids come from the stored job result and the parameters from the stored request — never
// from the click — so a forged payload cannot widen the retry.
import type { SlackAppContext } from '../context';
import { submitJob } from '../submit';
import { readClick, type ClickArgs } from './click';

export function jobRetryFailed(ctx: SlackAppContext) {
  return async (args: ClickArgs): Promise<void> => {
    await args.ack();
    const click = readClick(ctx, args);
    const jobId = click?.value;
    if (!click || !jobId || jobId.length > 128) return;
    const [request, result] = await Promise.all([ctx.stores.jobRecords.request(jobId), ctx.stores.jobRecords.result(jobId)]);
    const failed = result?.results.filter((r) => r.outcome === 'failed').map((r) => r.subscriptionId) ?? [];
    if (!request || !result) {
      await click.say('I no longer have the result of that job, so I cannot tell what failed. Run the command again.');
      return;
    }
    if (!failed.length) {
      await click.say('Nothing failed in that job.');
      return;
    }
    await submitJob(
      ctx,
      {
        kind: request.kind,
        subscriptionIds: failed,
        ...(request.params ? { params: request.params } : {}),
        // A dry run's retry is a dry run: the click must never turn a rehearsal into real writes.
        ...(request.dryRun ? { dryRun: true } : {}),
        requestedBy: { userId: click.userId },
        reply: click.reply,
      },
      { action: `retry-${request.kind}`, source: click.source, reply: click.say, queuedText: (id) => `Retrying ${failed.length} failed subscription(s) — job \`${id}\`.` },
    );
  };
}
