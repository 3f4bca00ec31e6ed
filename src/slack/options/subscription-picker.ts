// Options for the status message's subscription picker, answered from the stored snapshot (never Azure) within the
// 3-second window. Everyone may search; what they pick is re-checked, with their rights, when a bulk button is pressed.
import type { AllMiddlewareArgs, SlackOptionsMiddlewareArgs } from '@slack/bolt';
import type { SlackAppContext } from '../context';
import { pickerOptions } from '../views/picker';

type SuggestionArgs = SlackOptionsMiddlewareArgs<'block_suggestion'> & AllMiddlewareArgs;

export function subscriptionOptions(ctx: SlackAppContext) {
  return async ({ ack, payload }: SuggestionArgs): Promise<void> => {
    const query = typeof payload.value === 'string' ? payload.value : '';
    const snapshot = await ctx.stores.snapshot.load().catch((err: unknown) => {
      ctx.logger.warn({ err }, 'status snapshot unavailable for picker options');
      return undefined;
    });
    await ack({ options: pickerOptions(snapshot?.subscriptions ?? [], query) });
  };
}
