// Who may change things: configured admin users plus members of configured admin usergroups. Everyone may read.
// Checked when an action runs (never trusted from how a button was drawn); refusals are audited.
import type { WebClient } from '@slack/web-api';
import type { Config } from '../config';
import type { Logger } from '../log';
import type { AuditStore } from '../store/audit';
import type { Redis } from '../store/redis';

export interface AdminSources {
  users: readonly string[];
  /** Members of each admin usergroup, as last read from Slack. */
  groupMembers: readonly (readonly string[])[];
}

/** The whole decision, pure: a user is an admin when listed directly or through any admin usergroup. */
export function isAdminDecision(userId: string, sources: AdminSources): boolean {
  if (!/^[UW][A-Z0-9_]+$/.test(userId)) return false;
  return sources.users.includes(userId) || sources.groupMembers.some((members) => members.includes(userId));
}

export interface Authz {
  isAdmin(userId: string): Promise<boolean>;
}

export interface AuthzDeps {
  config: Pick<Config, 'admins'>;
  client: WebClient;
  redis: Redis;
  prefix: string;
  logger: Logger;
  ttlMs?: number;
  now?: () => number;
}

export function createAuthz({ config, client, redis, prefix, logger, ttlMs = 300_000, now = Date.now }: AuthzDeps): Authz {
  const memory = new Map<string, { members: string[]; expires: number }>();

  // Memory first, then Redis (shared by web replicas), then Slack. A failed lookup grants nothing (fail closed).
  async function members(groupId: string): Promise<string[]> {
    const hit = memory.get(groupId);
    if (hit && hit.expires > now()) return hit.members;
    const key = `${prefix}:slack:admins:${groupId}`;
    let list: string[] | undefined;
    try {
      const cached = await redis.get(key);
      if (cached) list = JSON.parse(cached) as string[];
    } catch (err) {
      logger.warn({ err, groupId }, 'admin usergroup cache unreadable');
    }
    if (!list) {
      try {
        const res = await client.usergroups.users.list({ usergroup: groupId });
        list = res.users ?? [];
        await redis.set(key, JSON.stringify(list), 'PX', ttlMs).catch(() => undefined);
      } catch (err) {
        logger.warn({ err: (err as Error).message, groupId }, 'could not read admin usergroup; its members are not treated as admins');
        // Not the expired list either: someone removed from the group must not stay an admin while Slack errors.
        return [];
      }
    }
    memory.set(groupId, { members: list, expires: now() + ttlMs });
    return list;
  }

  return {
    async isAdmin(userId) {
      if (config.admins.users.includes(userId)) return isAdminDecision(userId, { users: config.admins.users, groupMembers: [] });
      const groupMembers = await Promise.all(config.admins.usergroups.map(members));
      return isAdminDecision(userId, { users: config.admins.users, groupMembers });
    },
  };
}

export interface MutationRequest {
  userId: string;
  action: string;
  targets: string[];
  source: 'command' | 'action' | 'home';
}

export const REFUSAL = (action: string): string =>
  `:no_entry: You are not allowed to ${action}. Only Sentinel admins can change connector settings — ask someone in the admin list or usergroup.`;

/**
 * Authorizes a mutating request at the moment it runs. A refusal is recorded in the audit stream and returned as the
 * text to show the user; an allowed request is recorded by the caller once it has a job id.
 */
export async function authorizeMutation(deps: { authz: Authz; audit: AuditStore; logger: Logger }, req: MutationRequest): Promise<{ allowed: true } | { allowed: false; text: string }> {
  let allowed = false;
  try {
    allowed = await deps.authz.isAdmin(req.userId);
  } catch (err) {
    deps.logger.warn({ err, user: req.userId }, 'admin check failed; refusing');
  }
  if (allowed) return { allowed: true };
  await deps.audit
    .record({ user: req.userId, action: req.action, targets: req.targets, result: 'refused', detail: 'not an admin', source: req.source })
    .catch((err) => deps.logger.error({ err }, 'audit write failed'));
  return { allowed: false, text: REFUSAL(req.action.replace(/-/g, ' ')) };
}
