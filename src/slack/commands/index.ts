import type { App } from '@slack/bolt';
import type { SlackAppContext } from '../context';
import { COMMAND } from '../ids';
import { sentinelCommand } from './sentinel';

export function register(app: App, ctx: SlackAppContext): void {
  app.command(COMMAND, sentinelCommand(ctx));
}
