// The one path from Slack to the job system: authorize mutating kinds, enqueue, remember the request, audit.
import type { EnqueueResult, JobKind, JobRequest } from '../ports';
import { authorizeMutation } from './authz';
import type { SlackAppContext } from './context';
import type { Reply } from './reply';

export const MUTATING_KINDS: ReadonlySet<JobKind> = new Set<JobKind>(['connect', 'disconnect', 'sync', 'incidents', 'register-provider']);

export interface SubmitOptions {
  /** Audit verb, e.g. `connect`, `sync-on`, `incidents-off`, `retry-connect`. */
  action: string;
  source: 'command' | 'action' | 'home';
  reply: Reply;
  /** Text to show once queued; nothing when the job's own output is the answer. */
  queuedText?: (jobId: string) => string;
}

export async function submitJob(ctx: SlackAppContext, request: JobRequest, opts: SubmitOptions): Promise<EnqueueResult | undefined> {
  const mutating = MUTATING_KINDS.has(request.kind);
  const userId = request.requestedBy.userId;
  const targets = request.all ? ['all'] : (request.subscriptionIds ?? []);
  if (mutating) {
    const verdict = await authorizeMutation(ctx, { userId, action: opts.action, targets, source: opts.source });
    if (!verdict.allowed) {
      await opts.reply(verdict.text);
      return undefined;
    }
  }
  let result: EnqueueResult;
  try {
    result = await ctx.jobs.enqueue(request);
  } catch (err) {
    ctx.logger.error({ err, kind: request.kind }, 'enqueue failed');
    if (mutating) await ctx.audit.record({ user: userId, action: opts.action, targets, result: 'failed', detail: 'could not queue the job', source: opts.source }).catch(() => undefined);
    await opts.reply(':warning: I could not queue that job; the job system is unavailable. Try again in a minute.');
    return undefined;
  }
  await Promise.all([
    // A joined request leaves the record of the request that started the job (and its owner) as it is.
    result.joined ? undefined : ctx.stores.jobRecords.saveRequest(result.jobId, request).catch((err) => ctx.logger.warn({ err }, 'job request not recorded')),
    mutating
      ? ctx.audit
          .record({ user: userId, action: opts.action, targets, result: 'allowed', detail: `job ${result.jobId}${request.dryRun ? ' (dry run)' : ''}`, source: opts.source })
          .catch((err) => ctx.logger.error({ err }, 'audit write failed'))
      : undefined,
  ]);
  if (result.joined) await opts.reply(`:hourglass: The same request is already running as job \`${result.jobId}\`; you will see its result.`);
  else if (opts.queuedText) await opts.reply(opts.queuedText(result.jobId));
  return result;
}
