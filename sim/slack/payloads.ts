/** The request bodies Slack sends to an app, field for field. Pure builders; delivery lives in deliver.ts. */
import type { Json } from './state';
import type { SimChannel, Workspace } from './workspace';

export function userRef(ws: Workspace, userId: string): Json {
  const u = ws.users.get(userId);
  return { id: userId, username: u?.name ?? userId, name: u?.name ?? userId, team_id: ws.team.id };
}

export const teamRef = (ws: Workspace): Json => ({ id: ws.team.id, domain: ws.team.domain });

/** Slash command: form-encoded, fields in Slack's order. */
export function commandBody(
  ws: Workspace,
  p: { verificationToken: string; channel: SimChannel; user: string; command: string; text: string; responseUrl: string; triggerId: string },
): string {
  return new URLSearchParams({
    token: p.verificationToken,
    team_id: ws.team.id,
    team_domain: ws.team.domain,
    channel_id: p.channel.id,
    channel_name: ws.channelNameForPayload(p.channel),
    user_id: p.user,
    user_name: ws.users.get(p.user)?.name ?? p.user,
    command: p.command,
    text: p.text,
    api_app_id: ws.bot.app_id,
    is_enterprise_install: 'false',
    response_url: p.responseUrl,
    trigger_id: p.triggerId,
  }).toString();
}

/** Interactivity payloads travel as a single form field `payload` holding JSON. */
export const formPayload = (payload: unknown): string => `payload=${encodeURIComponent(JSON.stringify(payload))}`;

export function interactionBase(ws: Workspace, type: string, user: string, verificationToken: string, triggerId?: string): Json {
  return {
    type,
    user: userRef(ws, user),
    api_app_id: ws.bot.app_id,
    token: verificationToken,
    ...(triggerId ? { trigger_id: triggerId } : {}),
    team: teamRef(ws),
    enterprise: null,
    is_enterprise_install: false,
  };
}

/** Events API envelope (`event_callback`). */
export function eventEnvelope(ws: Workspace, event: Json, eventId: string, verificationToken: string): Json {
  return {
    token: verificationToken,
    team_id: ws.team.id,
    context_team_id: ws.team.id,
    context_enterprise_id: null,
    api_app_id: ws.bot.app_id,
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: ws.team.id, user_id: ws.bot.user_id, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}
