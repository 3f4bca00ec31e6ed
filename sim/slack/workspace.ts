/**
 * The simulated workspace: who and where (team, users, usergroups, channels, the bot), plus the message and view
 * stores and the event bus a UI or test can follow. Everything a demo page needs to render Slack comes from here.
 */
import { EventEmitter } from 'node:events';
import { IdFactory } from './ids';
import { MessageStore } from './messages';
import type { SimEvent } from './events';
import { ViewStore } from './views';

export interface SimTeam {
  id: string;
  name: string;
  domain: string;
}

export interface SimUser {
  id: string;
  name: string;
  real_name: string;
  is_admin: boolean;
  is_owner?: boolean;
  email?: string;
  tz?: string;
  deleted?: boolean;
}

export interface SimUsergroup {
  id: string;
  handle: string;
  name: string;
  users: string[];
}

export interface SimChannel {
  id: string;
  name: string;
  is_private: boolean;
  is_im?: boolean;
  /** User ids, including the bot's user id when the bot is a member. */
  members: string[];
}

export interface SimBot {
  user_id: string;
  bot_id: string;
  app_id: string;
  name: string;
}

export interface WorkspaceSeed {
  team: SimTeam;
  bot: SimBot;
  users: SimUser[];
  usergroups: SimUsergroup[];
  channels: SimChannel[];
  /** Bot scopes; `chat:write.public` lets the bot post to public channels it has not joined. */
  scopes: string[];
}

const BOT: SimBot = { user_id: 'U_SENTINEL_BOT', bot_id: 'B_SENTINEL', app_id: 'A_SENTINEL', name: 'sentinel-bot' };
const HUMANS = ['U_ADMIN', 'U_ADMIN2', 'U_ANALYST', 'U_MALLORY'];

export function defaultWorkspace(): WorkspaceSeed {
  return {
    team: { id: 'T0SENTINEL', name: 'Sentinel SecOps', domain: 'sentinel-secops' },
    bot: { ...BOT },
    users: [
      { id: 'U_ADMIN', name: 'ada', real_name: 'Ada Admin', is_admin: true, is_owner: true, email: 'ada@example.com', tz: 'Europe/London' },
      { id: 'U_ADMIN2', name: 'alex', real_name: 'Alex Secops', is_admin: false, email: 'alex@example.com', tz: 'Europe/London' },
      { id: 'U_ANALYST', name: 'sam', real_name: 'Sam Analyst', is_admin: false, email: 'sam@example.com', tz: 'America/New_York' },
      { id: 'U_MALLORY', name: 'mallory', real_name: 'Mallory Intruder', is_admin: false, email: 'mallory@example.com', tz: 'UTC' },
    ],
    usergroups: [{ id: 'S_SECADMINS', handle: 'secops-admins', name: 'SecOps Admins', users: ['U_ADMIN2'] }],
    channels: [
      { id: 'C_SOC', name: 'soc-alerts', is_private: false, members: [...HUMANS, BOT.user_id] },
      { id: 'C_OPS', name: 'secops', is_private: false, members: [...HUMANS, BOT.user_id] },
      { id: 'C_GENERAL', name: 'general', is_private: false, members: [...HUMANS] },
      { id: 'C_PRIVATE', name: 'ir-private', is_private: true, members: ['U_ADMIN'] },
    ],
    scopes: ['commands', 'chat:write', 'chat:write.public', 'users:read', 'users:read.email', 'usergroups:read', 'channels:history', 'groups:history', 'channels:read'],
  };
}

export class Workspace {
  readonly team: SimTeam;
  readonly bot: SimBot;
  readonly users = new Map<string, SimUser>();
  readonly usergroups = new Map<string, SimUsergroup>();
  readonly channels = new Map<string, SimChannel>();
  readonly scopes = new Set<string>();
  readonly bus = new EventEmitter();
  readonly messages: MessageStore;
  readonly views: ViewStore;

  constructor(
    private readonly seed: WorkspaceSeed,
    readonly ids: IdFactory,
  ) {
    this.team = seed.team;
    this.bot = seed.bot;
    this.bus.setMaxListeners(0);
    this.messages = new MessageStore(this);
    this.views = new ViewStore(this);
    this.loadDirectory();
  }

  private loadDirectory(): void {
    this.users.clear();
    this.usergroups.clear();
    this.channels.clear();
    for (const u of this.seed.users) this.users.set(u.id, { ...u });
    for (const g of this.seed.usergroups) this.usergroups.set(g.id, { ...g, users: [...g.users] });
    for (const c of this.seed.channels) this.channels.set(c.id, { ...c, members: [...c.members] });
    this.scopes.clear();
    for (const s of this.seed.scopes) this.scopes.add(s);
  }

  /** Back to the seed: directory, scopes, messages, ephemerals and views. */
  reset(): void {
    this.loadDirectory();
    this.messages.clear();
    this.views.clear();
    this.emit({ type: 'reset' });
  }

  emit(event: SimEvent): void {
    this.bus.emit('event', { ...event, at: new Date().toISOString() });
  }

  /**
   * A conversation by id. A user id resolves to the bot's DM with that user (Slack accepts `channel=U…` in
   * chat.postMessage and opens the IM), created on first use. Channel names (`#soc-alerts` or `soc-alerts`) are
   * accepted too, as chat.postMessage does.
   */
  conversation(id: string): SimChannel | undefined {
    const found = this.channels.get(id) ?? [...this.channels.values()].find((c) => !c.is_im && c.name === id.replace(/^#/, ''));
    if (found) return found;
    const user = this.users.get(id);
    if (!user) return undefined;
    const im: SimChannel = { id: `D${user.id.replace(/^U/, '')}`, name: user.name, is_private: true, is_im: true, members: [user.id, this.bot.user_id] };
    return this.channels.get(im.id) ?? (this.channels.set(im.id, im), im);
  }

  isMember(channel: SimChannel, userId: string): boolean {
    return channel.members.includes(userId);
  }

  /** Whether the bot may post: member, or a public channel with `chat:write.public`. */
  botCanPost(channel: SimChannel): boolean {
    return this.isMember(channel, this.bot.user_id) || (!channel.is_private && this.scopes.has('chat:write.public'));
  }

  /** Whether the bot can see the channel at all (private channels it is not in look nonexistent, as in Slack). */
  botCanSee(channel: SimChannel): boolean {
    return !channel.is_private || this.isMember(channel, this.bot.user_id);
  }

  /** The `channel_name` Slack sends with slash commands. */
  channelNameForPayload(channel: SimChannel): string {
    if (channel.is_im) return 'directmessage';
    return channel.is_private ? 'privategroup' : channel.name;
  }

  apiUser(u: SimUser): Record<string, unknown> {
    return {
      id: u.id,
      team_id: this.team.id,
      name: u.name,
      deleted: u.deleted ?? false,
      real_name: u.real_name,
      tz: u.tz ?? 'UTC',
      is_admin: u.is_admin,
      is_owner: u.is_owner ?? false,
      is_primary_owner: false,
      is_restricted: false,
      is_ultra_restricted: false,
      is_bot: false,
      is_app_user: false,
      profile: {
        real_name: u.real_name,
        display_name: u.name,
        real_name_normalized: u.real_name,
        display_name_normalized: u.name,
        ...(this.scopes.has('users:read.email') && u.email ? { email: u.email } : {}),
        team: this.team.id,
      },
    };
  }

  apiChannel(c: SimChannel): Record<string, unknown> {
    return {
      id: c.id,
      name: c.name,
      is_channel: !c.is_private && !c.is_im,
      is_group: c.is_private && !c.is_im,
      is_im: c.is_im ?? false,
      is_private: c.is_private,
      is_archived: false,
      is_member: this.isMember(c, this.bot.user_id),
      num_members: c.members.length,
      ...(c.is_im ? { user: c.members[0] } : {}),
    };
  }

  /** Everything a UI needs to draw the workspace. */
  snapshot(): Record<string, unknown> {
    return {
      team: this.team,
      bot: this.bot,
      users: [...this.users.values()],
      usergroups: [...this.usergroups.values()],
      channels: [...this.channels.values()],
      messages: Object.fromEntries([...this.channels.keys()].map((id) => [id, this.messages.list(id)])),
      views: this.views.all(),
    };
  }
}
