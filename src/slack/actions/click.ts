// What every click handler needs from a block_actions payload, read defensively: payloads can be forged or stale.
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ReplyTarget } from '../../ports';
import type { SlackAppContext } from '../context';
import { actionReply, type Reply } from '../reply';

export type ClickArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

export interface Click {
  userId: string;
  teamId?: string;
  /** Where job output goes: the clicked message's channel, or the user's DM for App Home. */
  reply: ReplyTarget;
  say: Reply;
  source: 'action' | 'home';
  channel?: string;
  messageTs?: string;
  isEphemeral: boolean;
  /** The clicked element's value (button) or selected option value (select, overflow). */
  value?: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

export function readClick(ctx: SlackAppContext, args: ClickArgs): Click | undefined {
  const body = args.body as unknown as Record<string, any>;
  const userId = str(body?.user?.id);
  if (!userId || !/^[UW][A-Z0-9_]+$/.test(userId)) return undefined;
  const container = (body.container ?? {}) as Record<string, unknown>;
  const channel = str(body.channel?.id) ?? str(container.channel_id);
  const messageTs = str(container.message_ts) ?? str(body.message?.ts);
  const responseUrl = str(body.response_url);
  const action = args.payload as unknown as Record<string, any>;
  const value = str(action?.value) ?? str(action?.selected_option?.value);
  const fromHome = container.type === 'view' || !channel;
  return {
    userId,
    teamId: str(body.team?.id),
    reply: fromHome ? { channel: userId, userId } : { channel: channel!, userId, ...(messageTs ? { messageTs } : {}), ...(responseUrl ? { responseUrl } : {}) },
    say: actionReply({ respond: responseUrl ? args.respond : undefined, client: args.client, userId, channel: fromHome ? undefined : channel, logger: ctx.logger }),
    source: fromHome ? 'home' : 'action',
    channel,
    messageTs,
    isEphemeral: container.is_ephemeral === true,
    value,
  };
}

/** Every option chosen in the message's selects whose action_id starts with `prefix`, de-duplicated. */
export function selectedValues(stateValues: unknown, prefix: string): string[] {
  const picked = new Set<string>();
  if (!stateValues || typeof stateValues !== 'object') return [];
  for (const block of Object.values(stateValues as Record<string, unknown>)) {
    if (!block || typeof block !== 'object') continue;
    for (const [actionId, element] of Object.entries(block as Record<string, any>)) {
      if (!actionId.startsWith(prefix) || !Array.isArray(element?.selected_options)) continue;
      for (const o of element.selected_options) if (typeof o?.value === 'string') picked.add(o.value);
    }
  }
  return [...picked];
}

export const stateValuesOf = (args: ClickArgs): unknown => (args.body as unknown as { state?: { values?: unknown } }).state?.values;
