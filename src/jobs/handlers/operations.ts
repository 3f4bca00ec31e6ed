// Handlers for the single-job kinds: each runs one operation and hands the outcome to the presenter.
import type { ChangeResult, Severity } from '../../domain/types';
import type { JobKind, ReplyTarget } from '../../ports';
import type { StoredRequest } from '../../store/jobs-store';
import { AzureProblemError } from '../../domain/errors';
import { actionOf } from '../job-ids';
import type { WorkerContext } from '../worker-context';

export interface OperationInput {
  jobId: string;
  request: StoredRequest;
  target: ReplyTarget;
  signal?: AbortSignal;
}

export type OperationHandler = (ctx: WorkerContext, input: OperationInput) => Promise<unknown>;

function param<T>(request: StoredRequest, name: string): T | undefined {
  return request.params?.[name] as T | undefined;
}

function required<T>(request: StoredRequest, name: string): T {
  const value = param<T>(request, name);
  if (value === undefined || value === null || value === '') {
    throw new AzureProblemError({ code: 'BadRequest', message: `The ${request.kind} request is missing "${name}".`, retryable: false });
  }
  return value;
}

/** A failed ChangeResult is an error for the job layer (retried, delayed or failed by its Problem). */
function unlessFailed(result: ChangeResult): ChangeResult {
  if (result.outcome === 'failed') throw new AzureProblemError(result.problem ?? { code: 'Failed', message: result.detail, retryable: false });
  return result;
}

async function showSingleChange(ctx: WorkerContext, input: OperationInput, result: ChangeResult): Promise<void> {
  const { request, jobId, target } = input;
  await ctx.presenter.progress(target, {
    jobId,
    action: actionOf(request),
    dryRun: Boolean(request.dryRun),
    total: 1,
    results: [result],
    finished: true,
    requestedBy: request.requestedBy.userId,
  });
}

export const OPERATION_HANDLERS: Partial<Record<JobKind, OperationHandler>> = {
  async status(ctx, { request, target }) {
    const status = await ctx.operations.getStatus(ctx.gateway, { subscriptionIds: request.all ? undefined : request.subscriptionIds });
    await ctx.presenter.status(target, status, { page: param<number>(request, 'page'), filter: param<string>(request, 'filter') });
  },

  async prereqs(ctx, { request, target }) {
    const report = await ctx.operations.checkPrerequisites(ctx.gateway, { subscriptionIds: request.all ? 'all' : request.subscriptionIds });
    await ctx.presenter.prerequisites(target, report);
  },

  async alerts(ctx, { request, target }) {
    const filter = { severities: param<Severity[]>(request, 'severities'), since: param<string>(request, 'since') };
    const alerts = await ctx.operations.listAlerts(ctx.gateway, {
      ...filter,
      subscriptionIds: request.subscriptionIds,
      filter: param<string>(request, 'filter'),
      limit: param<number>(request, 'limit'),
    });
    await ctx.presenter.alerts(target, alerts, filter);
  },

  async query(ctx, { request, target }) {
    const name = required<string>(request, 'name');
    const table = await ctx.operations.runQuery(ctx.gateway, name, { filter: param<string>(request, 'filter'), since: param<string>(request, 'since') });
    await ctx.presenter.queryResult(target, name, table);
  },

  async incidents(ctx, input) {
    const { request } = input;
    const result = unlessFailed(
      await ctx.operations.setIncidentCreation(ctx.writeGateway, {
        enabled: param<boolean>(request, 'enabled') !== false,
        severities: param<Severity[]>(request, 'severities'),
        dryRun: Boolean(request.dryRun),
      }),
    );
    await showSingleChange(ctx, input, result);
  },
};
