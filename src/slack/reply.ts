// Answers only the requester sees. Slash commands and message actions answer through response_url; App Home has none,
// so its answers go to the bot's direct message with the user.
import http from 'node:http';
import https from 'node:https';
import type { KnownBlock } from '@slack/types';
import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../log';

export type Reply = (text: string, blocks?: KnownBlock[]) => Promise<void>;

const AGENTS: Record<string, { transport: typeof http | typeof https; agent: http.Agent }> = {
  'http:': { transport: http, agent: new http.Agent({ keepAlive: true }) },
  'https:': { transport: https, agent: new https.Agent({ keepAlive: true }) },
};
const RESPONSE_URL_TIMEOUT_MS = 10_000;

/**
 * POSTs a message to a response_url over a kept-alive connection. Bolt's respond() goes through fetch, which costs the
 * web role several times the CPU of a plain request, and most commands answer this way after their ack.
 */
export function postToResponseUrl(url: string, message: Record<string, unknown>): Promise<void> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const via = AGENTS[target.protocol];
    if (!via) return reject(new Error(`response_url with unsupported scheme ${target.protocol}`));
    const body = JSON.stringify(message);
    const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
    const req = via.transport.request(target, { method: 'POST', agent: via.agent, headers, timeout: RESPONSE_URL_TIMEOUT_MS }, (res) => {
      res.resume();
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve();
        else reject(new Error(`response_url answered ${status}`));
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('response_url timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

/** Replaces the command's "Working on it…" with the answer. */
export function commandReply(responseUrl: string | undefined, logger: Logger): Reply {
  return async (text, blocks) => {
    if (!responseUrl) return logger.warn('command without a response_url; reply dropped');
    await postToResponseUrl(responseUrl, { response_type: 'ephemeral', replace_original: true, text, ...(blocks ? { blocks } : {}) }).catch((err: unknown) =>
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
