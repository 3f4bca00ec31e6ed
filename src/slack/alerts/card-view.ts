// The alert card: one message per alert and channel, re-rendered in place whenever its state changes.
import type { ActionsBlock, Button, KnownBlock, SectionBlock } from '@slack/types';
import { cardButtons, statusLabel, type CardButton } from '../../alerts/card';
import { resourceLabel } from '../../alerts/digest';
import type { AlertRecord, AlertStatus, Severity } from '../../domain/types';
import { slackDate } from '../views/format';
import { ALERT_ACTIONS } from './ids';
import { escFit, plainFit } from './text';

export interface AlertCardModel {
  alert: AlertRecord;
  /** Current status (may be ahead of the snapshot after a click). */
  status: AlertStatus;
  incident?: { id: string; number?: number; status: string };
  links: { defender?: string; sentinel: string };
  /** One mrkdwn line about the last change, e.g. "Resolved by <@U1>"; built from ids only. */
  lastChange?: string;
}

export const SEVERITY_EMOJI: Record<Severity, string> = {
  High: ':red_circle:',
  Medium: ':large_orange_circle:',
  Low: ':large_yellow_circle:',
  Informational: ':large_blue_circle:',
};

const STATUS_EMOJI: Record<AlertStatus, string> = {
  New: ':rotating_light:',
  InProgress: ':hourglass_flowing_sand:',
  Resolved: ':white_check_mark:',
  Dismissed: ':no_entry_sign:',
  Unknown: ':grey_question:',
};

const DESCRIPTION_MAX = 700;
const FIELD_MAX = 300;

const BUTTON_TEXT: Record<CardButton, string> = {
  resolve: 'Resolve',
  dismiss: 'Dismiss',
  reopen: 'Reopen',
  closeIncident: 'Close incident…',
};

function actionButton(kind: CardButton, systemAlertId: string): Button {
  const button: Button = {
    type: 'button',
    action_id: ALERT_ACTIONS[kind],
    text: { type: 'plain_text', text: BUTTON_TEXT[kind] },
    // Only the id: handlers re-read everything else from the store.
    value: systemAlertId,
  };
  if (kind === 'resolve') button.style = 'primary';
  if (kind === 'dismiss') {
    button.confirm = {
      title: { type: 'plain_text', text: 'Dismiss this alert?' },
      text: { type: 'plain_text', text: 'Dismissed alerts are hidden in Defender for Cloud. You can reopen it later.' },
      confirm: { type: 'plain_text', text: 'Dismiss' },
      deny: { type: 'plain_text', text: 'Cancel' },
    };
  }
  return button;
}

function linkButton(actionId: string, text: string, url: string): Button {
  return { type: 'button', action_id: actionId, text: { type: 'plain_text', text }, url };
}

/** Plain-text fallback shown in notifications and screen readers. */
export function alertCardText(alert: AlertRecord, status: AlertStatus): string {
  return plainFit(`[${alert.severity}] ${alert.displayName} on ${resourceLabel(alert)} (${statusLabel(status)})`, 300);
}

export function alertCardMessage(model: AlertCardModel): { text: string; blocks: KnownBlock[] } {
  const { alert, status } = model;
  // block_id changes with state so Slack redraws buttons after chat.update.
  const v = `${status}-${model.incident?.status ?? 'none'}`;
  const subscription = alert.subscriptionId ?? alert.defender?.subscriptionId;
  const fields: SectionBlock['fields'] = [
    { type: 'mrkdwn', text: `*Severity*\n${SEVERITY_EMOJI[alert.severity]} ${alert.severity}` },
    { type: 'mrkdwn', text: `*Status*\n${STATUS_EMOJI[status]} ${statusLabel(status)}` },
    { type: 'mrkdwn', text: `*Resource*\n${escFit(resourceLabel(alert), FIELD_MAX)}` },
    { type: 'mrkdwn', text: `*Subscription*\n${subscription ? escFit(subscription, FIELD_MAX) : '—'}` },
    { type: 'mrkdwn', text: `*Detected*\n${slackDate(alert.startTime ?? alert.timeGenerated)}` },
    { type: 'mrkdwn', text: `*Tactics*\n${alert.tactics.length ? escFit(alert.tactics.join(', '), FIELD_MAX) : '—'}` },
  ];
  const blocks: KnownBlock[] = [
    { type: 'header', block_id: `alert.header.${v}`, text: { type: 'plain_text', text: plainFit(`${alert.severity} · ${alert.displayName}`, 150), emoji: false } },
    { type: 'section', block_id: `alert.fields.${v}`, fields },
  ];
  if (alert.description) {
    blocks.push({ type: 'section', block_id: 'alert.description', text: { type: 'mrkdwn', text: escFit(alert.description, DESCRIPTION_MAX) } });
  }
  const context: string[] = [];
  if (model.incident) {
    const number = model.incident.number !== undefined ? ` #${model.incident.number}` : '';
    context.push(`Sentinel incident${number}: ${escFit(model.incident.status, 40)}`);
  }
  if (model.lastChange) context.push(model.lastChange);
  context.push(`Alert id \`${escFit(alert.systemAlertId, 120)}\``);
  blocks.push({ type: 'context', block_id: `alert.context.${v}`, elements: context.map((text) => ({ type: 'mrkdwn', text })) });

  const actions: ActionsBlock = {
    type: 'actions',
    block_id: `alert.actions.${v}`,
    elements: cardButtons(status, model.incident).map((b) => actionButton(b, alert.systemAlertId)),
  };
  if (model.links.defender) actions.elements.push(linkButton(ALERT_ACTIONS.openDefender, 'Open in Defender for Cloud', model.links.defender));
  actions.elements.push(linkButton(ALERT_ACTIONS.openSentinel, model.incident ? 'Open incident in Sentinel' : 'Open Sentinel', model.links.sentinel));
  blocks.push(actions);
  return { text: alertCardText(alert, status), blocks };
}
