// Carries out a parsed command after it was acknowledged: resolve names, authorize, enqueue or answer from Redis.
// Shared by the slash command and the App Home buttons. Never calls Azure.
import type { ReplyTarget, JobRequest } from '../../ports';
import { authorizeMutation } from '../authz';
import type { SlackAppContext } from '../context';
import type { Reply } from '../reply';
import { submitJob } from '../submit';
import { helpView } from '../views/help';
import { incidentsView } from '../views/incidents';
import { auditView, jobsView, routesView } from '../views/lists';
import { esc } from '../views/format';
import type { Command, Targets } from './parse';
import { resolveNames } from './resolve';

export interface Invocation {
  userId: string;
  teamId?: string;
  reply: ReplyTarget;
  say: Reply;
  source: 'command' | 'home';
}

/** Names → ids via the cache; on an empty cache, says so and starts a status refresh. */
async function resolveTargets(ctx: SlackAppContext, targets: Targets, inv: Invocation): Promise<Pick<JobRequest, 'all' | 'subscriptionIds'> | undefined> {
  if (targets.all) return { all: true };
  const names = await namesToIds(ctx, targets.names, inv);
  return names ? { subscriptionIds: names } : undefined;
}

async function namesToIds(ctx: SlackAppContext, names: string[], inv: Invocation): Promise<string[] | undefined> {
  const cache = await ctx.stores.subscriptions.load();
  const resolution = resolveNames(names, cache?.subscriptions ?? []);
  if (resolution.ok) return resolution.ids;
  if (resolution.error === 'empty-cache') {
    await inv.say(':hourglass: I do not know the subscription names yet. I am reading them from Azure now; try again once the status message appears.');
    await submitJob(ctx, request(inv, { kind: 'status', params: { filter: 'all', page: 0 } }), { action: 'status', source: inv.source, reply: inv.say });
    return undefined;
  }
  await inv.say(resolution.error);
  return undefined;
}

function request(inv: Invocation, part: Omit<JobRequest, 'requestedBy' | 'reply'>): JobRequest {
  return { ...part, requestedBy: { userId: inv.userId, ...(inv.teamId ? { teamId: inv.teamId } : {}) }, reply: inv.reply };
}

const MINUTE = 60_000;
const formatSince = (ms: number): string => (ms % 86_400_000 === 0 ? `${ms / 86_400_000}d` : ms % 3_600_000 === 0 ? `${ms / 3_600_000}h` : `${Math.round(ms / 60_000)}m`);

export async function runCommand(ctx: SlackAppContext, cmd: Command, inv: Invocation): Promise<void> {
  const opts = (action: string, queuedText?: (jobId: string) => string) => ({ action, source: inv.source, reply: inv.say, queuedText });
  switch (cmd.kind) {
    case 'help': {
      const view = helpView(cmd.topic);
      return inv.say(view.text, view.blocks);
    }
    case 'status':
      await submitJob(ctx, request(inv, { kind: 'status', params: { filter: cmd.filter, page: 0 } }), opts('status'));
      return;
    case 'prereqs': {
      const t = await resolveTargets(ctx, cmd.targets, inv);
      if (t) await submitJob(ctx, request(inv, { kind: 'prereqs', ...t }), opts('prereqs'));
      return;
    }
    case 'connect': {
      const t = await resolveTargets(ctx, cmd.targets, inv);
      if (t) await submitJob(ctx, request(inv, { kind: 'connect', ...t, dryRun: cmd.dryRun }), opts(cmd.dryRun ? 'connect-dry-run' : 'connect'));
      return;
    }
    case 'disconnect': {
      const t = await resolveTargets(ctx, cmd.targets, inv);
      if (t) await submitJob(ctx, request(inv, { kind: 'disconnect', ...t }), opts('disconnect'));
      return;
    }
    case 'sync': {
      const t = await resolveTargets(ctx, cmd.targets, inv);
      if (t) await submitJob(ctx, request(inv, { kind: 'sync', ...t, params: { enabled: cmd.enabled } }), opts(cmd.enabled ? 'sync-on' : 'sync-off'));
      return;
    }
    case 'incidents': {
      if (cmd.enabled === undefined) {
        const view = incidentsView(cmd.severities);
        return inv.say(view.text, view.blocks);
      }
      const params = cmd.enabled ? { enabled: true, severities: cmd.severities } : { enabled: false };
      await submitJob(ctx, request(inv, { kind: 'incidents', params }), opts(cmd.enabled ? 'incidents-on' : 'incidents-off'));
      return;
    }
    case 'alerts': {
      // The window start is part of the job id: rounded down to the minute, the same request within a minute joins
      // the running job instead of starting another.
      const since = cmd.sinceMs ? Math.floor((Date.now() - cmd.sinceMs) / MINUTE) * MINUTE : undefined;
      const params = {
        ...(cmd.severities ? { severities: cmd.severities } : {}),
        ...(since !== undefined ? { since: new Date(since).toISOString() } : {}),
      };
      await submitJob(ctx, request(inv, { kind: 'alerts', params }), opts('alerts'));
      return;
    }
    case 'query':
      await submitJob(ctx, request(inv, { kind: 'query', params: { name: cmd.name } }), opts('query'));
      return;
    case 'notify':
      return addRoute(ctx, cmd, inv);
    case 'notify-list': {
      const [routes, cache] = await Promise.all([ctx.stores.routes.list(), ctx.stores.subscriptions.load()]);
      const view = routesView(routes, new Map((cache?.subscriptions ?? []).map((s) => [s.subscriptionId, s.displayName])));
      return inv.say(view.text, view.blocks);
    }
    case 'notify-remove': {
      const verdict = await authorizeMutation(ctx, { userId: inv.userId, action: 'notify-remove', targets: [cmd.id], source: inv.source });
      if (!verdict.allowed) return inv.say(verdict.text);
      const removed = await ctx.stores.routes.remove(cmd.id);
      await ctx.audit.record({ user: inv.userId, action: 'notify-remove', targets: [cmd.id], result: removed ? 'allowed' : 'failed', detail: removed ? 'removed' : 'no such route', source: inv.source });
      return inv.say(removed ? `:white_check_mark: Route \`${esc(cmd.id)}\` removed.` : `There is no route \`${esc(cmd.id)}\`. See \`/sentinel notify list\`.`);
    }
    case 'audit': {
      const entries = await ctx.audit.list({ sinceMs: cmd.sinceMs, limit: 200 });
      const view = auditView(entries, formatSince(cmd.sinceMs));
      return inv.say(view.text, view.blocks);
    }
    case 'jobs': {
      const view = jobsView(await ctx.jobs.recent(20));
      return inv.say(view.text, view.blocks);
    }
  }
}

async function addRoute(ctx: SlackAppContext, cmd: Extract<Command, { kind: 'notify' }>, inv: Invocation): Promise<void> {
  const targets = [cmd.channel.id, ...(cmd.subscriptions ?? [])];
  const verdict = await authorizeMutation(ctx, { userId: inv.userId, action: 'notify-add', targets, source: inv.source });
  if (!verdict.allowed) return inv.say(verdict.text);
  const subscriptionIds = cmd.subscriptions ? await namesToIds(ctx, cmd.subscriptions, inv) : undefined;
  if (cmd.subscriptions && !subscriptionIds) return;
  const route = await ctx.stores.routes.add({
    channel: cmd.channel.id,
    minSeverity: cmd.minSeverity ?? ctx.config.alerts.minSeverity,
    ...(subscriptionIds ? { subscriptionIds } : {}),
    createdBy: inv.userId,
  });
  await ctx.audit.record({ user: inv.userId, action: 'notify-add', targets: [route.channel, ...(subscriptionIds ?? [])], result: 'allowed', detail: `route ${route.id}`, source: inv.source });
  await inv.say(
    `:white_check_mark: Route \`${route.id}\`: ${route.minSeverity} and above${subscriptionIds ? ` from ${subscriptionIds.length} subscription(s)` : ''} → <#${route.channel}>. Remove it with \`/sentinel notify remove ${route.id}\`.`,
  );
}
