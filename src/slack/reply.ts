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

/** A new ephemeral under the clicked message (never replaces it); falls back to a DM when there is no response_url. */
export function actionReply(args: { respond?: RespondFn; client: WebClient; userId: string; logger: Logger }): Reply {
  const { respond, client, userId, logger } = args;
  return async (text, blocks) => {
    try {
      if (respond) await respond({ response_type: 'ephemeral', replace_original: false, text, ...(blocks ? { blocks } : {}) });
      else await client.chat.postMessage({ channel: userId, text, ...(blocks ? { blocks } : {}) });
    } catch (err) {
      logger.warn({ err: (err as Error).message }, 'ephemeral reply failed');
    }
  };
}
