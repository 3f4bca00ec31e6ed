/** auth.test, users.*, usergroups.* — who the bot is and who is in the workspace. */
import type { Handler } from './context';
import { ApiError, bool, str } from './request';

const authTest: Handler = (_args, { ws }) => ({
  url: `https://${ws.team.domain}.slack.com/`,
  team: ws.team.name,
  user: ws.bot.name,
  team_id: ws.team.id,
  user_id: ws.bot.user_id,
  bot_id: ws.bot.bot_id,
  is_enterprise_install: false,
});

const usersInfo: Handler = (args, { ws }) => {
  const id = str(args, 'user');
  const user = id ? ws.users.get(id) : undefined;
  if (!user) throw new ApiError('user_not_found');
  return { user: ws.apiUser(user) };
};

const usersList: Handler = (_args, { ws }) => ({
  members: [...ws.users.values()].map((u) => ws.apiUser(u)),
  cache_ts: Math.floor(Date.now() / 1000),
  response_metadata: { next_cursor: '' },
});

const usergroupsList: Handler = (args, { ws }) => ({
  usergroups: [...ws.usergroups.values()].map((g) => ({
    id: g.id,
    team_id: ws.team.id,
    is_usergroup: true,
    name: g.name,
    handle: g.handle,
    description: '',
    user_count: g.users.length,
    ...(bool(args, 'include_users') ? { users: g.users } : {}),
  })),
});

const usergroupsUsersList: Handler = (args, { ws }) => {
  const id = str(args, 'usergroup');
  const group = id ? ws.usergroups.get(id) : undefined;
  if (!group) throw new ApiError('no_such_subteam');
  return { users: [...group.users] };
};

export const directoryMethods: Record<string, Handler> = {
  'auth.test': authTest,
  'users.info': usersInfo,
  'users.list': usersList,
  'usergroups.list': usergroupsList,
  'usergroups.users.list': usergroupsUsersList,
};
