// Alert cards in Slack: the registrar createSlackApp takes, plus the views and notifier the worker uses.
import type { App } from '@slack/bolt';
import { createAlertActionQueue, type AlertActionQueue } from '../../jobs/alerts';
import type { SlackAppContext } from '../context';
import { registerAlertListeners } from './actions';

export { alertCardMessage, type AlertCardModel } from './card-view';
export { digestMessage } from './digest-view';
export { createAlertNotifier, createAlertWebClient, SlackRetryLater, type AlertNotifier } from './notifier';
export { ALERT_ACTIONS, ALERT_EVENT_TYPE, DIGEST_EVENT_TYPE } from './ids';

/**
 * `createSlackApp({ registrars: [registerAlertActions] })`. Clicks are queued on the alert notification queue
 * (same Redis and prefix as the worker's startAlerting), which the worker role consumes.
 */
export function registerAlertActions(app: App, ctx: SlackAppContext): void {
  let queue: AlertActionQueue | undefined;
  registerAlertListeners(app, ctx, () => (queue ??= createAlertActionQueue(ctx.redis, ctx.prefix)));
}
