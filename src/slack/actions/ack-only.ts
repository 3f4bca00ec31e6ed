// Selects and checkboxes in messages send a payload on every change; the choice is read from state when a button is
// pressed, so these only need acknowledging.
import type { ClickArgs } from './click';

export async function ackOnly(args: ClickArgs): Promise<void> {
  await args.ack();
}
