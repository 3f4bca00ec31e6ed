// Card button and Close-incident modal handlers: ack, re-read the alert, re-check the clicker, enqueue, audit.
import { actionForButton, cardButtons, statusAfter, statusLabel } from '../../alerts/card';
import type { AlertActionQueue } from '../../jobs/alerts';
import { createAlertStore, type AlertStore } from '../../store/alerts';
import { authorizeMutation } from '../authz';
import { readClick, type ClickArgs } from '../actions/click';
import type { SlackAppContext } from '../context';
import type { SlackRouter, ViewArgs } from '../router';
import { closeIncidentModal, parseCloseIncident, parseCloseIncidentMetadata } from './close-incident-view';
import { ALERT_ACTIONS, CLOSE_INCIDENT_VIEW } from './ids';

const REFUSED = ':no_entry: Only Sentinel admins can change alerts or close incidents from Slack. Ask someone in the admin list or usergroup.';
const UNKNOWN = 'This card is no longer tracked by the bot (its record expired or was removed). Open the alert in Defender for Cloud instead.';

interface Listeners {
  ctx: SlackAppContext;
  store: AlertStore;
  queue: () => AlertActionQueue;
}

function statusButton(deps: Listeners, button: 'resolve' | 'dismiss' | 'reopen') {
  return async (args: ClickArgs): Promise<void> => {
    await args.ack();
    const click = readClick(deps.ctx, args);
    const systemAlertId = click?.value;
    if (!click?.channel || !systemAlertId) return;
    const action = actionForButton(button);
    const auditAction = `alert-${action}`;
    const verdict = await authorizeMutation(deps.ctx, { userId: click.userId, action: auditAction, targets: [systemAlertId], source: 'action' });
    if (!verdict.allowed) return click.say(REFUSED);
    // The button only carries the id: what the alert is and where it lives comes from the store.
    const record = await deps.store.getRecord(click.channel, systemAlertId);
    if (!record || record.mode !== 'card') return click.say(UNKNOWN);
    if (record.lastStatus === statusAfter(action)) return click.say(`The alert is already ${statusAfter(action) === 'New' ? 'active' : statusAfter(action).toLowerCase()}.`);
    // A click on an older rendering of the card (or a forged one) may name a button the alert no longer offers.
    if (!cardButtons(record.lastStatus).includes(button)) {
      return click.say(`The alert is ${statusLabel(record.lastStatus).toLowerCase()} now, so it cannot be ${button === 'reopen' ? 'reopened' : `${button}ed`}. Use the buttons on the updated card.`);
    }
    const audit = (result: 'allowed' | 'failed', detail?: string) =>
      deps.ctx.audit.record({ user: click.userId, action: auditAction, targets: [systemAlertId], result, ...(detail ? { detail } : {}), source: 'action' }).catch(() => undefined);
    try {
      await deps.queue().alertAction({ systemAlertId, action, userId: click.userId, channel: click.channel });
    } catch (err) {
      deps.ctx.logger.error({ err, systemAlertId }, 'alert action not queued');
      await audit('failed', 'could not queue the change');
      return click.say(':warning: I could not queue that change; the job system is unavailable. Nothing was changed — try again in a minute.');
    }
    await audit('allowed');
  };
}

function closeIncidentButton(deps: Listeners) {
  return async (args: ClickArgs): Promise<void> => {
    await args.ack();
    const click = readClick(deps.ctx, args);
    const systemAlertId = click?.value;
    if (!click?.channel || !systemAlertId) return;
    const verdict = await authorizeMutation(deps.ctx, { userId: click.userId, action: 'incident-close', targets: [systemAlertId], source: 'action' });
    if (!verdict.allowed) return click.say(REFUSED);
    const record = await deps.store.getRecord(click.channel, systemAlertId);
    if (!record?.incidentId) return click.say(record ? 'This alert is not part of a Sentinel incident.' : UNKNOWN);
    if (record.incidentStatus === 'Closed') return click.say('That incident is already closed.');
    const triggerId = (args.body as { trigger_id?: string }).trigger_id;
    if (!triggerId) return;
    await args.client.views.open({
      trigger_id: triggerId,
      view: closeIncidentModal({ systemAlertId, incidentId: record.incidentId, channel: click.channel }, record.incidentNumber),
    });
  };
}

function closeIncidentSubmit(deps: Listeners) {
  return async (args: ViewArgs): Promise<void> => {
    const { view, body } = args;
    const meta = parseCloseIncidentMetadata(view.private_metadata);
    const parsed = parseCloseIncident(view.state.values as Record<string, Record<string, any>>);
    if (parsed.errors || !parsed.input || !meta) {
      await args.ack({ response_action: 'errors', errors: parsed.errors ?? { [CLOSE_INCIDENT_VIEW.classificationBlock]: 'This form is out of date; close it and try again.' } });
      return;
    }
    const userId = body.user.id;
    // Re-checked on submit: minutes may have passed since the button was clicked.
    const verdict = await authorizeMutation(deps.ctx, { userId, action: 'incident-close', targets: [meta.incidentId], source: 'action' });
    if (!verdict.allowed) {
      await args.ack({ response_action: 'errors', errors: { [CLOSE_INCIDENT_VIEW.classificationBlock]: 'Only Sentinel admins can close incidents.' } });
      return;
    }
    // Re-read before answering: the incident may have been closed (or the card dropped) while the form was open, and a
    // form that closes silently would look like success.
    const record = await deps.store.getRecord(meta.channel, meta.systemAlertId);
    const stale = !record?.incidentId || record.incidentId !== meta.incidentId ? 'This alert is no longer tracked with that incident; close this form and use the card.' : record.incidentStatus === 'Closed' ? 'That incident is already closed.' : undefined;
    const audit = (result: 'allowed' | 'refused' | 'failed', detail: string) =>
      deps.ctx.audit.record({ user: userId, action: 'incident-close', targets: [meta.incidentId], result, detail, source: 'action' }).catch(() => undefined);
    if (stale) {
      await audit('refused', stale);
      await args.ack({ response_action: 'errors', errors: { [CLOSE_INCIDENT_VIEW.classificationBlock]: stale } });
      return;
    }
    await args.ack();
    try {
      await deps.queue().incidentClose({ ...meta, ...parsed.input, userId });
    } catch (err) {
      deps.ctx.logger.error({ err, incidentId: meta.incidentId }, 'incident close not queued');
      await audit('failed', 'could not queue the change');
      const text = ':warning: I could not queue closing that incident; the job system is unavailable. Nothing was changed — try again in a minute.';
      await args.client.chat.postEphemeral({ channel: meta.channel, user: userId, text }).catch(() => undefined);
      return;
    }
    await audit('allowed', parsed.input.classification);
  };
}

/** Routes every alert-card action and the modal; `queue` builds the producer lazily (it opens no connection until a click). */
export function registerAlertRoutes(router: SlackRouter, ctx: SlackAppContext, queue: () => AlertActionQueue): void {
  const deps: Listeners = { ctx, store: createAlertStore(ctx.redis, ctx.prefix), queue };
  router.action(ALERT_ACTIONS.resolve, statusButton(deps, 'resolve'));
  router.action(ALERT_ACTIONS.dismiss, statusButton(deps, 'dismiss'));
  router.action(ALERT_ACTIONS.reopen, statusButton(deps, 'reopen'));
  router.action(ALERT_ACTIONS.closeIncident, closeIncidentButton(deps));
  for (const link of [ALERT_ACTIONS.openDefender, ALERT_ACTIONS.openSentinel, ALERT_ACTIONS.openQuery]) router.action(link, async ({ ack }) => ack());
  router.view(CLOSE_INCIDENT_VIEW.callbackId, closeIncidentSubmit(deps));
}

