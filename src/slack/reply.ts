// Answers only the requester sees. Slash commands and message actions answer through response_url; App Home has none,
// so its answers go to the bot's direct message with the user.
import type { KnownBlock } from '@slack/types';
import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../log';

export type Reply = (text: string, blocks?: KnownBlock[]) => Promise<void>;

/** Replaces the command's "Working on it…" with the answer. */
export function commandReply(respond: RespondFn, logger: Logger): Reply {
  return async (text, blocks) => {
    await respond({ response_type: 'ephemeral', replace_original: true, text, ...(blocks ? { blocks } : {}) }).catch((err: unknown) =>
      logger.warn({ err: (err as Error).message }, 'response_url reply failed'),
    );
  };
}

/**
 * A new ephemeral under the clicked message (never replaces it). Without a response_url: chat.postEphemeral in the
 * channel, or a DM when the click came from App Home.
 */
export function actionReply(args: { respond?: RespondFn; client: WebClient; userId: string; channel?: string; logger: Logger }): Reply {
  const { respond, client, userId, channel, logger } = args;
  return async (text, blocks) => {
    const extra = blocks ? { blocks } : {};
    try {
      if (respond) await respond({ response_type: 'ephemeral', replace_original: false, text, ...extra });
      else if (channel) await client.chat.postEphemeral({ channel, user: userId, text, ...extra });
      else await client.chat.postMessage({ channel: userId, text, ...extra });
    } catch (err) {
      logger.warn({ err: (err as Error).message }, 'ephemeral reply failed');
    }
  };
}
