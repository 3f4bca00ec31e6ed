import type { App } from '@slack/bolt';
import type { SlackAppContext } from '../context';
import { ACTIONS } from '../ids';
import { subscriptionOptions } from './subscription-picker';

export function register(app: App, ctx: SlackAppContext): void {
  app.options({ type: 'block_suggestion', action_id: ACTIONS.statusPick }, subscriptionOptions(ctx));
}
