// Alert cards in Slack: the registrar createSlackApp takes, plus the views and notifier the worker uses.
import { createAlertActionQueue, type AlertActionQueue } from '../../jobs/alerts';
import type { SlackAppContext } from '../context';
import type { SlackRouter } from '../router';
import { registerAlertRoutes } from './actions';

export { alertCardMessage, type AlertCardModel } from './card-view';
export { digestMessage } from './digest-view';
export { createAlertNotifier, createAlertWebClient, SlackRetryLater, type AlertNotifier } from './notifier';
export { ALERT_ACTIONS, ALERT_EVENT_TYPE, DIGEST_EVENT_TYPE } from './ids';

/**
 * `createSlackApp({ registrars: [registerAlertActions] })`. Clicks are queued on the alert notification queue
 * (same Redis and prefix as the worker's startAlerting), which the worker role consumes.
 */
export function registerAlertActions(router: SlackRouter, ctx: SlackAppContext): void {
  let queue: AlertActionQueue | undefined;
  registerAlertRoutes(router, ctx, () => (queue ??= createAlertActionQueue(ctx.redis, ctx.prefix)));
}
