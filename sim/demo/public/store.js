// The page's copy of the simulated workspace: loaded from GET /_sim/state, then kept current by the /_sim/stream events.

export class Workspace {
  constructor() {
    this.clear();
  }

  clear() {
    this.team = { name: 'Workspace' };
    this.bot = {};
    this.users = new Map();
    this.channels = new Map();
    /** channel id → top-level messages (and ephemerals, flagged with `recipient`), oldest first; each has `replies`. */
    this.messages = new Map();
    /** user id → modal stack (bottom first). */
    this.modals = new Map();
    /** user id → published App Home view. */
    this.homes = new Map();
  }

  load(snapshot) {
    this.clear();
    this.team = snapshot.team;
    this.bot = snapshot.bot;
    for (const u of snapshot.users) this.users.set(u.id, u);
    for (const c of snapshot.channels) this.channels.set(c.id, c);
    for (const [channel, list] of Object.entries(snapshot.messages ?? {})) {
      this.messages.set(channel, list.map((m) => entry(m, m.replies ?? [])));
    }
    for (const [user, stack] of Object.entries(snapshot.views?.modals ?? {})) this.modals.set(user, stack);
    for (const [user, view] of Object.entries(snapshot.views?.homes ?? {})) this.homes.set(user, view);
  }

  timeline(channel) {
    if (!this.messages.has(channel)) this.messages.set(channel, []);
    return this.messages.get(channel);
  }

  /**
   * Applies one stream event. Returns what changed so the page can redraw only that:
   * `{ channel, topLevel }` for messages, `{ user }` for views, `{ reload: true }` after a reset.
   */
  apply(event) {
    switch (event.type) {
      case 'message_posted':
      case 'ephemeral_posted':
        return this.post(event.channel, event.message);
      case 'message_updated':
      case 'ephemeral_updated':
        return this.replace(event.channel, event.message);
      case 'message_deleted':
      case 'ephemeral_deleted':
        return this.remove(event.channel, event.ts);
      case 'view_opened':
        this.modals.set(event.user, [event.view]);
        return { user: event.user };
      case 'view_pushed':
        this.modals.set(event.user, [...(this.modals.get(event.user) ?? []), event.view]);
        return { user: event.user };
      case 'view_updated':
        this.modals.set(event.user, (this.modals.get(event.user) ?? []).map((v) => (v.id === event.view.id ? event.view : v)));
        return { user: event.user };
      case 'view_closed':
        this.modals.set(event.user, (this.modals.get(event.user) ?? []).filter((v) => v.id !== event.view.id));
        return { user: event.user };
      case 'home_published':
        this.homes.set(event.user, event.view);
        return { user: event.user };
      case 'reset':
        return { reload: true };
      default:
        return null;
    }
  }

  post(channel, message) {
    const list = this.timeline(channel);
    const parent = isReply(message) && list.find((m) => m.ts === message.thread_ts);
    if (parent) {
      // Events replayed over a snapshot that already has them must not duplicate.
      if (parent.replies.some((r) => r.ts === message.ts)) return this.replace(channel, message);
      parent.replies.push(message);
      parent.rev++;
      return { channel, reply: true };
    }
    if (list.some((m) => m.ts === message.ts)) return this.replace(channel, message);
    list.push(entry(message, []));
    list.sort((a, b) => Number(a.ts) - Number(b.ts));
    return { channel, topLevel: message };
  }

  replace(channel, message) {
    const list = this.timeline(channel);
    const i = list.findIndex((m) => m.ts === message.ts);
    if (i >= 0) {
      list[i] = entry(message, list[i].replies, list[i].rev + 1);
      return { channel };
    }
    for (const parent of list) {
      const j = parent.replies.findIndex((r) => r.ts === message.ts);
      if (j >= 0) {
        parent.replies[j] = message;
        parent.rev++;
        return { channel };
      }
    }
    return this.post(channel, message);
  }

  remove(channel, ts) {
    const list = this.timeline(channel);
    const i = list.findIndex((m) => m.ts === ts);
    if (i >= 0) list.splice(i, 1);
    for (const parent of list) {
      const j = parent.replies.findIndex((r) => r.ts === ts);
      if (j >= 0) {
        parent.replies.splice(j, 1);
        parent.rev++;
      }
    }
    return { channel };
  }

  userName(id) {
    if (id === this.bot.user_id) return 'Sentinel';
    return this.users.get(id)?.real_name ?? id;
  }

  channelName(id) {
    return this.channels.get(id)?.name ?? id;
  }

  /** The bot's DM with a user (the App Home "Messages" tab), named as the simulator names it. */
  dmOf(userId) {
    return `D${userId.replace(/^U/, '')}`;
  }
}

const isReply = (m) => m.thread_ts && m.thread_ts !== m.ts;

/** A timeline entry: the message, its replies, and a revision that bumps on every change (drives redraws). */
function entry(message, replies, rev = 0) {
  const { replies: _ignored, ...rest } = message;
  return { ...rest, replies: [...replies], rev };
}
