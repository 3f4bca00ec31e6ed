/** conversations.* — channel info and reading history/threads (the bot must be a member to read). */
import type { SimChannel, Workspace } from '../workspace';
import type { Handler } from './context';
import { ApiError, bool, int, str, type Args } from './request';
import type { HistoryQuery } from '../messages';

function visibleChannel(ws: Workspace, id: string | undefined): SimChannel {
  const channel = id ? ws.conversation(id) : undefined;
  if (!channel || !ws.botCanSee(channel)) throw new ApiError('channel_not_found');
  return channel;
}

function readableChannel(ws: Workspace, id: string | undefined): SimChannel {
  const channel = visibleChannel(ws, id);
  if (!ws.isMember(channel, ws.bot.user_id)) throw new ApiError('not_in_channel');
  return channel;
}

function query(args: Args): HistoryQuery {
  return {
    oldest: str(args, 'oldest'),
    latest: str(args, 'latest'),
    inclusive: bool(args, 'inclusive'),
    // Slack defaults to 100 and caps at 999.
    limit: Math.min(int(args, 'limit', 100), 999),
    cursor: str(args, 'cursor'),
  };
}

const history: Handler = (args, { ws }) => {
  const channel = readableChannel(ws, str(args, 'channel'));
  const { messages, nextCursor } = ws.messages.history(channel.id, query(args));
  const withMeta = bool(args, 'include_all_metadata');
  return {
    messages: messages.map((m) => ws.messages.toApi(m, withMeta)),
    has_more: nextCursor !== undefined,
    pin_count: 0,
    channel_actions_ts: null,
    channel_actions_count: 0,
    ...(nextCursor ? { response_metadata: { next_cursor: nextCursor } } : {}),
  };
};

const replies: Handler = (args, { ws }) => {
  const channel = readableChannel(ws, str(args, 'channel'));
  const ts = str(args, 'ts');
  const thread = ts ? ws.messages.thread(channel.id, ts, query(args)) : undefined;
  if (!thread) throw new ApiError('thread_not_found');
  const withMeta = bool(args, 'include_all_metadata');
  return { messages: thread.map((m) => ws.messages.toApi(m, withMeta)), has_more: false };
};

const info: Handler = (args, { ws }) => ({ channel: ws.apiChannel(visibleChannel(ws, str(args, 'channel'))) });

const list: Handler = (args, { ws }) => {
  const types = (str(args, 'types') ?? 'public_channel').split(',');
  const channels = [...ws.channels.values()].filter((c) => {
    if (c.is_im) return types.includes('im');
    if (c.is_private) return types.includes('private_channel') && ws.isMember(c, ws.bot.user_id);
    return types.includes('public_channel');
  });
  return { channels: channels.map((c) => ws.apiChannel(c)), response_metadata: { next_cursor: '' } };
};

export const conversationMethods: Record<string, Handler> = {
  'conversations.history': history,
  'conversations.replies': replies,
  'conversations.info': info,
  'conversations.list': list,
};
