// One Bolt listener per interaction type, dispatching by id through a Map. Bolt runs every registered listener's
// middleware chain on every request (slash commands included), so one listener per action id cost each request ~30
// chains; the table also turns a duplicated id into a start-up error instead of two handlers racing to ack.
import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { ClickArgs } from './actions/click';

export type ActionHandler = (args: ClickArgs) => Promise<void>;
export type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
export type ViewHandler = (args: ViewArgs) => Promise<void>;

export interface SlackRouter {
  /** Routes a block_actions payload by its action_id. Throws if the id already has a handler. */
  action(actionId: string, handler: ActionHandler): void;
  /** Routes a view_submission by the view's callback_id. Throws if the id already has a handler. */
  view(callbackId: string, handler: ViewHandler): void;
  /** Registers the two Bolt listeners that dispatch through the tables. */
  mount(app: App): void;
}

function add<H>(table: Map<string, H>, kind: string, id: string, handler: H): void {
  if (table.has(id)) throw new Error(`${kind} "${id}" has two handlers`);
  table.set(id, handler);
}

// Payloads can be forged: `actions[0]` or `view` may be missing or not an object. An id without a route is left
// unanswered here; answerEveryRequest acks it.
const idOf = (holder: unknown, key: 'action_id' | 'callback_id'): string | undefined => {
  const id = (holder as Record<string, unknown> | null | undefined)?.[key];
  return typeof id === 'string' ? id : undefined;
};

export function createRouter(): SlackRouter {
  const actions = new Map<string, ActionHandler>();
  const views = new Map<string, ViewHandler>();
  return {
    action: (actionId, handler) => add(actions, 'action_id', actionId, handler),
    view: (callbackId, handler) => add(views, 'callback_id', callbackId, handler),
    mount(app) {
      app.action({ type: 'block_actions' }, async (args) => {
        const id = idOf(args.payload, 'action_id');
        const handler = id === undefined ? undefined : actions.get(id);
        if (handler) await handler(args);
      });
      app.view({ type: 'view_submission' }, async (args) => {
        const id = idOf(args.body.view, 'callback_id');
        const handler = id === undefined ? undefined : views.get(id);
        if (handler) await handler(args as ViewArgs);
      });
    },
  };
}
