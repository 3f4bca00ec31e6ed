/** chat.* — posting, updating, deleting and ephemeral messages, with Slack's content checks. */
import { BLOCK_KIT_LIMITS, validateBlocks } from '../blockkit';
import type { MessageContent, MessageMetadata, StoredMessage } from '../messages';
import type { SimChannel, Workspace } from '../workspace';
import type { Handler } from './context';
import { ApiError, bool, json, str, type Args } from './request';

/** Resolves a channel the bot may write to, with Slack's error for each way it can't. */
export function writableChannel(ws: Workspace, id: string | undefined): SimChannel {
  const channel = id ? ws.conversation(id) : undefined;
  if (!channel || !ws.botCanSee(channel)) throw new ApiError('channel_not_found');
  if (!ws.botCanPost(channel)) throw new ApiError('not_in_channel');
  return channel;
}

/**
 * text/blocks/attachments as Slack checks them. Undefined fields stay undefined so chat.update can keep the
 * previous value. Exported for response_url posts, which obey the same rules.
 */
export function messageContent(args: Args, requireSome: boolean): MessageContent {
  const text = args.text === undefined || args.text === null ? undefined : String(args.text);
  const blocks = json(args, 'blocks', 'invalid_blocks_format');
  const attachments = json(args, 'attachments', 'invalid_attachments');
  if (blocks !== undefined) {
    if (!Array.isArray(blocks)) throw new ApiError('invalid_blocks_format');
    const problems = validateBlocks(blocks, 'message');
    if (problems.length) throw ApiError.withMessages('invalid_blocks', problems);
  }
  if (attachments !== undefined && !Array.isArray(attachments)) throw new ApiError('invalid_attachments');
  if (text !== undefined && text.length > BLOCK_KIT_LIMITS.messageText) throw new ApiError('msg_too_long');
  const hasSome = !!text || (Array.isArray(blocks) && blocks.length > 0) || (Array.isArray(attachments) && attachments.length > 0);
  if (requireSome && !hasSome) throw new ApiError('no_text');
  return { text, blocks: blocks as unknown[] | undefined, attachments: attachments as unknown[] | undefined };
}

function metadata(args: Args): MessageMetadata | undefined {
  const m = json(args, 'metadata', 'invalid_metadata_format');
  if (m === undefined) return undefined;
  if (typeof m !== 'object' || m === null || Array.isArray(m)) throw new ApiError('invalid_metadata_format');
  const { event_type, event_payload } = m as Record<string, unknown>;
  if (typeof event_type !== 'string' || !event_type || typeof event_payload !== 'object' || event_payload === null || Array.isArray(event_payload)) {
    throw new ApiError('invalid_metadata_schema');
  }
  return { event_type, event_payload: event_payload as Record<string, unknown> };
}

/** The bot may only edit or delete its own messages. */
function ownMessage(ws: Workspace, args: Args, forbidden: string): StoredMessage {
  const channel = str(args, 'channel');
  const conv = channel ? ws.conversation(channel) : undefined;
  if (!conv || !ws.botCanSee(conv)) throw new ApiError('channel_not_found');
  const ts = str(args, 'ts');
  const m = ts ? ws.messages.get(conv.id, ts) : undefined;
  if (!m) throw new ApiError('message_not_found');
  if (m.bot_id !== ws.bot.bot_id) throw new ApiError(forbidden);
  return m;
}

const postMessage: Handler = (args, { ws }) => {
  const channel = writableChannel(ws, str(args, 'channel'));
  const content = messageContent(args, true);
  const meta = metadata(args);
  let threadTs = str(args, 'thread_ts');
  if (threadTs) {
    const parent = ws.messages.get(channel.id, threadTs);
    if (!parent) throw new ApiError('thread_not_found');
    // Replying to a reply lands in the same thread, as in Slack.
    threadTs = parent.thread_ts ?? parent.ts;
  }
  const m = ws.messages.post(channel.id, { ...content, metadata: meta, thread_ts: threadTs, reply_broadcast: bool(args, 'reply_broadcast') }, 'chat.postMessage');
  return { channel: channel.id, ts: m.ts, message: ws.messages.toApi(m) };
};

const update: Handler = (args, { ws }) => {
  const m = ownMessage(ws, args, 'cant_update_message');
  const content = messageContent(args, false);
  if (content.text === undefined && content.blocks === undefined && content.attachments === undefined) throw new ApiError('no_text');
  ws.messages.update(m, { ...content, metadata: metadata(args) });
  const api = ws.messages.toApi(m);
  return { channel: m.channel, ts: m.ts, text: m.text, message: api };
};

const del: Handler = (args, { ws }) => {
  const m = ownMessage(ws, args, 'cant_delete_message');
  ws.messages.delete(m);
  return { channel: m.channel, ts: m.ts };
};

const postEphemeral: Handler = (args, { ws }) => {
  const channel = writableChannel(ws, str(args, 'channel'));
  const userId = str(args, 'user');
  const user = userId ? ws.users.get(userId) : undefined;
  if (!user) throw new ApiError('user_not_found');
  if (!ws.isMember(channel, user.id)) throw new ApiError('user_not_in_channel');
  const content = messageContent(args, true);
  const m = ws.messages.postEphemeral(channel.id, user.id, { ...content, thread_ts: str(args, 'thread_ts') }, 'chat.postEphemeral');
  return { message_ts: m.ts };
};

const getPermalink: Handler = (args, { ws }) => {
  const channel = str(args, 'channel');
  const ts = str(args, 'message_ts');
  const conv = channel ? ws.conversation(channel) : undefined;
  if (!conv || !ws.botCanSee(conv)) throw new ApiError('channel_not_found');
  if (!ts || !ws.messages.get(conv.id, ts)) throw new ApiError('message_not_found');
  return { channel: conv.id, permalink: `https://${ws.team.domain}.slack.com/archives/${conv.id}/p${ts.replace('.', '')}` };
};

export const chatMethods: Record<string, Handler> = {
  'chat.postMessage': postMessage,
  'chat.update': update,
  'chat.delete': del,
  'chat.postEphemeral': postEphemeral,
  'chat.getPermalink': getPermalink,
};
