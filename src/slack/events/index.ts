import type { App } from '@slack/bolt';
import type { SlackAppContext } from '../context';
import { appHomeOpened } from './app-home-opened';

export function register(app: App, ctx: SlackAppContext): void {
  app.event('app_home_opened', appHomeOpened(ctx));
}
