/** views.* — modals (open/push/update) and App Home (publish). Schema problems come back as `invalid_arguments`. */
import { validateView } from '../blockkit';
import { MAX_MODAL_STACK, type StoredView } from '../views';
import type { Json } from '../state';
import type { ApiContext, Handler } from './context';
import { ApiError, json, requireStr, str, type Args } from './request';

function viewArg(args: Args, type: 'modal' | 'home'): Json {
  const view = json(args, 'view', 'invalid_arguments');
  if (view === undefined) throw ApiError.withMessages('invalid_arguments', ['missing required field: view']);
  const problems = validateView(view);
  if (problems.length) throw ApiError.withMessages('invalid_arguments', problems);
  const spec = view as Json;
  if (spec.type !== type) throw ApiError.withMessages('invalid_arguments', [`must be "${type}" [json-pointer:/view/type]`]);
  return spec;
}

function exchangeTrigger(args: Args, { triggers }: ApiContext): string {
  const check = triggers.exchange(requireStr(args, 'trigger_id'));
  if (!check.ok) throw new ApiError(check.error);
  return check.user;
}

function uniqueExternalId(ctx: ApiContext, spec: Json, self?: StoredView): void {
  const other = typeof spec.external_id === 'string' && spec.external_id ? ctx.ws.views.findByExternalId(spec.external_id) : undefined;
  if (other && other !== self) throw new ApiError('duplicate_external_id');
}

function checkHash(args: Args, view: StoredView): void {
  const hash = str(args, 'hash');
  if (hash !== undefined && hash !== view.hash) throw new ApiError('hash_conflict');
}

const open: Handler = (args, ctx) => {
  const spec = viewArg(args, 'modal');
  uniqueExternalId(ctx, spec);
  const user = exchangeTrigger(args, ctx);
  return { view: ctx.ws.views.toApi(ctx.ws.views.open(user, spec)) };
};

const push: Handler = (args, ctx) => {
  const spec = viewArg(args, 'modal');
  uniqueExternalId(ctx, spec);
  const user = exchangeTrigger(args, ctx);
  const depth = ctx.ws.views.stack(user).length;
  if (depth === 0) throw new ApiError('not_found');
  if (depth >= MAX_MODAL_STACK) throw new ApiError('push_limit_reached');
  return { view: ctx.ws.views.toApi(ctx.ws.views.push(user, spec)) };
};

const update: Handler = (args, ctx) => {
  const viewId = str(args, 'view_id');
  const externalId = str(args, 'external_id');
  if (!viewId && !externalId) throw ApiError.withMessages('invalid_arguments', ['missing required field: view_id or external_id']);
  const existing = viewId ? ctx.ws.views.find(viewId) : ctx.ws.views.findByExternalId(externalId as string);
  if (!existing) throw new ApiError('not_found');
  const spec = viewArg(args, existing.type);
  uniqueExternalId(ctx, spec, existing);
  checkHash(args, existing);
  return { view: ctx.ws.views.toApi(ctx.ws.views.update(existing, spec)) };
};

const publish: Handler = (args, ctx) => {
  const userId = str(args, 'user_id');
  if (!userId || !ctx.ws.users.has(userId)) throw new ApiError('user_not_found');
  const spec = viewArg(args, 'home');
  const current = ctx.ws.views.home(userId);
  if (current) checkHash(args, current);
  return { view: ctx.ws.views.toApi(ctx.ws.views.publish(userId, spec)) };
};

export const viewMethods: Record<string, Handler> = {
  'views.open': open,
  'views.push': push,
  'views.update': update,
  'views.publish': publish,
};
