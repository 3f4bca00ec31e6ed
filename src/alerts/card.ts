// What an alert card shows and which buttons it offers, as plain data; the Block Kit view renders it.
import type { AlertStatus } from '../domain/types';

export type CardButton = 'resolve' | 'dismiss' | 'reopen' | 'closeIncident';

/** Defender calls an open alert "Active"; SecurityAlert writes it as "New". */
export function statusLabel(status: AlertStatus): string {
  return status === 'New' ? 'Active' : status === 'InProgress' ? 'In progress' : status;
}

export function isClosedStatus(status: AlertStatus): boolean {
  return status === 'Resolved' || status === 'Dismissed';
}

/** Buttons swap with state: open alerts can be resolved or dismissed, closed ones reopened. */
export function cardButtons(status: AlertStatus, incident?: { status: string }): CardButton[] {
  const buttons: CardButton[] = isClosedStatus(status) ? ['reopen'] : ['resolve', 'dismiss'];
  if (incident && incident.status !== 'Closed') buttons.push('closeIncident');
  return buttons;
}

export type AlertActionName = 'resolve' | 'dismiss' | 'activate' | 'inProgress';

/** The status SecurityAlert will show once Defender applies an action. */
export function statusAfter(action: AlertActionName): AlertStatus {
  return ({ resolve: 'Resolved', dismiss: 'Dismissed', activate: 'New', inProgress: 'InProgress' } as const)[action];
}

/** A card button maps to a Defender alert action (Close incident goes through the modal instead). */
export function actionForButton(button: Exclude<CardButton, 'closeIncident'>): AlertActionName {
  return button === 'reopen' ? 'activate' : button;
}
