/**
 * Channel messages, thread replies, edit history and ephemeral messages, plus each user's input state per message.
 * `toApi` renders the shape Slack's API returns; `list` renders the richer shape the control API and UI use.
 */
import { normalizeBlocks } from './normalize';
import { pruneState, stateValues, type Json, type StateValues } from './state';
import type { Workspace } from './workspace';

export interface MessageMetadata {
  event_type: string;
  event_payload: Record<string, unknown>;
}

export interface MessageContent {
  text?: string;
  blocks?: unknown[];
  attachments?: unknown[];
}

export interface StoredMessage {
  channel: string;
  ts: string;
  /** Poster's user id (the bot's user for API posts). */
  user: string;
  bot_id?: string;
  app_id?: string;
  text: string;
  blocks?: Json[];
  attachments?: unknown[];
  metadata?: MessageMetadata;
  thread_ts?: string;
  reply_broadcast?: boolean;
  edited?: { user: string; ts: string };
  /** Earlier versions, oldest first. */
  edits: Array<{ at: string; text: string; blocks?: Json[] }>;
  /** Set on ephemeral messages: the only user who can see it. */
  recipient?: string;
  /** How it was created: a Web API method, a response_url post, or a slash-command ack body. */
  via: string;
  /** Per-user changes to interactive elements (user id → state.values overlay). */
  inputs: Map<string, StateValues>;
}

/** The control-API / UI rendering of a message. */
export interface MessageView {
  channel: string;
  ts: string;
  user: string;
  bot_id?: string;
  text: string;
  blocks?: Json[];
  attachments?: unknown[];
  metadata?: MessageMetadata;
  thread_ts?: string;
  reply_count?: number;
  edited?: { user: string; ts: string };
  edits: Array<{ at: string; text: string; blocks?: Json[] }>;
  ephemeral?: true;
  /** For ephemerals: who sees it. */
  recipient?: string;
  via: string;
  replies?: MessageView[];
}

export interface HistoryQuery {
  oldest?: string;
  latest?: string;
  inclusive?: boolean;
  limit: number;
  cursor?: string;
}

export class MessageStore {
  private readonly byChannel = new Map<string, StoredMessage[]>();
  private readonly ephemerals = new Map<string, StoredMessage[]>();

  constructor(private readonly ws: Workspace) {}

  clear(): void {
    this.byChannel.clear();
    this.ephemerals.clear();
  }

  private channelList(channel: string): StoredMessage[] {
    let list = this.byChannel.get(channel);
    if (!list) this.byChannel.set(channel, (list = []));
    return list;
  }

  /** `author` is a user id for messages not written by the bot (Slackbot's error notices). */
  private create(channel: string, content: MessageContent, via: string, author?: string): StoredMessage {
    const bot = this.ws.bot;
    return {
      channel,
      ts: this.ws.ids.ts(),
      user: author ?? bot.user_id,
      ...(author ? {} : { bot_id: bot.bot_id, app_id: bot.app_id }),
      text: content.text ?? '',
      blocks: normalizeBlocks(content.blocks, this.ws.ids),
      attachments: content.attachments,
      edits: [],
      via,
      inputs: new Map(),
    };
  }

  post(channel: string, content: MessageContent & { metadata?: MessageMetadata; thread_ts?: string; reply_broadcast?: boolean }, via: string): StoredMessage {
    const m = this.create(channel, content, via);
    m.metadata = content.metadata;
    if (content.thread_ts) {
      m.thread_ts = content.thread_ts;
      m.reply_broadcast = content.reply_broadcast;
    }
    this.channelList(channel).push(m);
    this.ws.emit({ type: 'message_posted', channel, message: this.view(m) });
    return m;
  }

  get(channel: string, ts: string): StoredMessage | undefined {
    return this.byChannel.get(channel)?.find((m) => m.ts === ts);
  }

  /** A top-level message or reply, or an ephemeral one shown to `user`. */
  find(channel: string, ts: string, user?: string): StoredMessage | undefined {
    return this.get(channel, ts) ?? this.ephemerals.get(channel)?.find((m) => m.ts === ts && (!user || m.recipient === user));
  }

  /** Replaces content; fields left undefined keep their previous value, as chat.update does. */
  update(m: StoredMessage, content: MessageContent & { metadata?: MessageMetadata }): StoredMessage {
    m.edits.push({ at: new Date().toISOString(), text: m.text, blocks: m.blocks });
    if (content.text !== undefined) m.text = content.text;
    if (content.blocks !== undefined) m.blocks = normalizeBlocks(content.blocks, this.ws.ids);
    if (content.attachments !== undefined) m.attachments = content.attachments;
    if (content.metadata !== undefined) m.metadata = content.metadata;
    m.edited = { user: m.user, ts: this.ws.ids.ts() };
    for (const [user, changed] of m.inputs) m.inputs.set(user, pruneState(m.blocks, changed));
    if (m.recipient) this.ws.emit({ type: 'ephemeral_updated', channel: m.channel, user: m.recipient, message: this.view(m) });
    else this.ws.emit({ type: 'message_updated', channel: m.channel, message: this.view(m) });
    return m;
  }

  delete(m: StoredMessage): void {
    if (m.recipient) {
      const list = this.ephemerals.get(m.channel) ?? [];
      list.splice(list.indexOf(m), 1);
      this.ws.emit({ type: 'ephemeral_deleted', channel: m.channel, user: m.recipient, ts: m.ts });
      return;
    }
    const list = this.channelList(m.channel);
    list.splice(list.indexOf(m), 1);
    this.ws.emit({ type: 'message_deleted', channel: m.channel, ts: m.ts, ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}) });
  }

  postEphemeral(channel: string, recipient: string, content: MessageContent & { thread_ts?: string }, via: string, author?: string): StoredMessage {
    const m = this.create(channel, content, via, author);
    m.recipient = recipient;
    if (content.thread_ts) m.thread_ts = content.thread_ts;
    let list = this.ephemerals.get(channel);
    if (!list) this.ephemerals.set(channel, (list = []));
    list.push(m);
    this.ws.emit({ type: 'ephemeral_posted', channel, user: recipient, message: this.view(m) });
    return m;
  }

  /** Remembers a user's change to a stateful element, as the Slack client does until the message is re-rendered. */
  setInput(m: StoredMessage, user: string, blockId: string, actionId: string, value: Json): void {
    const changed = m.inputs.get(user) ?? {};
    changed[blockId] = { ...changed[blockId], [actionId]: value };
    m.inputs.set(user, changed);
  }

  stateFor(m: StoredMessage, user: string): StateValues {
    return stateValues(m.blocks, m.inputs.get(user));
  }

  private replies(m: StoredMessage): StoredMessage[] {
    return (this.byChannel.get(m.channel) ?? []).filter((r) => r.thread_ts === m.ts && r.ts !== m.ts);
  }

  /** Slack's API message object. Metadata only when asked for (conversations.history needs include_all_metadata). */
  toApi(m: StoredMessage, includeMetadata = true): Json {
    const bot = this.ws.bot;
    const replies = m.thread_ts ? [] : this.replies(m);
    return {
      type: 'message',
      text: m.text,
      user: m.user,
      ...(m.bot_id ? { bot_id: m.bot_id, app_id: m.app_id } : {}),
      ...(m.blocks ? { blocks: m.blocks } : {}),
      ...(m.attachments ? { attachments: m.attachments } : {}),
      team: this.ws.team.id,
      ts: m.ts,
      ...(m.thread_ts ? { thread_ts: m.thread_ts, parent_user_id: this.get(m.channel, m.thread_ts)?.user } : {}),
      ...(replies.length
        ? {
            thread_ts: m.ts,
            reply_count: replies.length,
            reply_users_count: new Set(replies.map((r) => r.user)).size,
            latest_reply: replies[replies.length - 1].ts,
            reply_users: [...new Set(replies.map((r) => r.user))],
            is_locked: false,
            subscribed: false,
          }
        : {}),
      ...(m.reply_broadcast ? { subtype: 'thread_broadcast' } : {}),
      ...(m.edited ? { edited: m.edited } : {}),
      ...(includeMetadata && m.metadata ? { metadata: m.metadata } : {}),
      ...(m.bot_id ? { bot_profile: { id: bot.bot_id, app_id: bot.app_id, name: bot.name, team_id: this.ws.team.id, deleted: false } } : {}),
    };
  }

  /** conversations.history: top-level messages (and broadcast replies), newest first, cursor = index. */
  history(channel: string, q: HistoryQuery): { messages: StoredMessage[]; nextCursor?: string } {
    const inRange = (this.byChannel.get(channel) ?? [])
      .filter((m) => !m.thread_ts || m.reply_broadcast)
      .filter((m) => inWindow(m.ts, q))
      .reverse();
    const start = q.cursor ? Number(Buffer.from(q.cursor, 'base64').toString().replace('next_ts:', '')) : 0;
    const page = inRange.slice(start, start + q.limit);
    const more = start + q.limit < inRange.length;
    return { messages: page, nextCursor: more ? Buffer.from(`next_ts:${start + q.limit}`).toString('base64') : undefined };
  }

  /** conversations.replies: parent first, then replies oldest first. */
  thread(channel: string, ts: string, q: HistoryQuery): StoredMessage[] | undefined {
    const parent = this.get(channel, ts);
    if (!parent) return undefined;
    const root = parent.thread_ts ? this.get(channel, parent.thread_ts) : parent;
    if (!root) return undefined;
    return [root, ...this.replies(root).filter((r) => inWindow(r.ts, q))].slice(0, q.limit);
  }

  /** Channel timeline for the control API / UI: top-level messages with nested replies, plus flagged ephemerals. */
  list(channel: string): MessageView[] {
    const all = this.byChannel.get(channel) ?? [];
    const top = all.filter((m) => !m.thread_ts || m.thread_ts === m.ts || !this.get(channel, m.thread_ts));
    const views = top.map((m) => ({ ...this.view(m), replies: this.replies(m).map((r) => this.view(r)) }));
    const eph = (this.ephemerals.get(channel) ?? []).map((m) => this.view(m));
    return [...views, ...eph].sort((a, b) => Number(a.ts) - Number(b.ts));
  }

  ephemeralsFor(channel: string, user?: string): MessageView[] {
    return (this.ephemerals.get(channel) ?? []).filter((m) => !user || m.recipient === user).map((m) => this.view(m));
  }

  view(m: StoredMessage): MessageView {
    const replyCount = m.thread_ts ? 0 : this.replies(m).length;
    return {
      channel: m.channel,
      ts: m.ts,
      user: m.user,
      ...(m.bot_id ? { bot_id: m.bot_id } : {}),
      text: m.text,
      ...(m.blocks ? { blocks: m.blocks } : {}),
      ...(m.attachments ? { attachments: m.attachments } : {}),
      ...(m.metadata ? { metadata: m.metadata } : {}),
      ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}),
      ...(replyCount ? { reply_count: replyCount } : {}),
      ...(m.edited ? { edited: m.edited } : {}),
      edits: m.edits,
      ...(m.recipient ? { ephemeral: true as const, recipient: m.recipient } : {}),
      via: m.via,
    };
  }
}

function inWindow(ts: string, q: HistoryQuery): boolean {
  const t = Number(ts);
  const inclusive = q.inclusive ?? false;
  if (q.oldest !== undefined && (inclusive ? t < Number(q.oldest) : t <= Number(q.oldest))) return false;
  if (q.latest !== undefined && (inclusive ? t > Number(q.latest) : t >= Number(q.latest))) return false;
  return true;
}
