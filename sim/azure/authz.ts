import { armError } from './errors';
import { findRole, roleAllows, type RoleDefinition } from './roles';
import type { Principal, RoleAssignment, TenantState } from './state';

const lc = (s: string): string => s.toLowerCase();

/** True when `scope` is `target` or one of its ancestors ("/" covers everything). */
export function scopeCovers(scope: string, target: string): boolean {
  const s = lc(scope);
  const t = lc(target);
  return s === '' || s === '/' || t === s || t.startsWith(`${s}/`);
}

interface PrincipalIndex {
  assignments: RoleAssignment[];
  /** Lower-case subscription ids with an assignment at or below them; `all` for root/management-group scopes. */
  subs: Set<string>;
  all: boolean;
}

// Role assignments are replaced wholesale, never mutated, so the array identity keys the cache.
const indexCache = new WeakMap<RoleAssignment[], Map<string, PrincipalIndex>>();

function indexOf(state: TenantState, principalId: string): PrincipalIndex {
  let byPrincipal = indexCache.get(state.roleAssignments);
  if (!byPrincipal) {
    byPrincipal = new Map();
    indexCache.set(state.roleAssignments, byPrincipal);
  }
  const key = lc(principalId);
  let idx = byPrincipal.get(key);
  if (!idx) {
    const p = state.principals.get(key);
    const ids = new Set([key, ...(p?.memberOf ?? []).map(lc)]);
    const assignments = state.roleAssignments.filter((ra) => ids.has(lc(ra.principalId)));
    const subs = new Set<string>();
    let all = false;
    for (const ra of assignments) {
      const m = /^\/subscriptions\/([^/]+)/i.exec(ra.scope);
      if (m) subs.add(lc(m[1]));
      else all = true;
    }
    idx = { assignments, subs, all };
    byPrincipal.set(key, idx);
  }
  return idx;
}

/** The principal's own assignments plus those of the groups it belongs to. */
export function assignmentsOf(state: TenantState, principalId: string): RoleAssignment[] {
  return indexOf(state, principalId).assignments;
}

export function effectiveRoles(state: TenantState, principalId: string, target: string): RoleDefinition[] {
  const out: RoleDefinition[] = [];
  for (const ra of assignmentsOf(state, principalId)) {
    if (!scopeCovers(ra.scope, target)) continue;
    const role = findRole(ra.roleDefinitionId);
    if (role) out.push(role);
  }
  return out;
}

export function can(state: TenantState, principalId: string, action: string, target: string): boolean {
  return effectiveRoles(state, principalId, target).some((r) => roleAllows(r, action));
}

/** Any assignment at, above or below the subscription: what makes it visible in the subscription list. */
export function seesSubscription(state: TenantState, principalId: string, subscriptionId: string): boolean {
  const idx = indexOf(state, principalId);
  return idx.all || idx.subs.has(lc(subscriptionId));
}

export function authorizationFailed(p: Principal, action: string, scope: string) {
  return armError(403, 'AuthorizationFailed',
    `The client '${p.clientId ?? p.objectId}' with object id '${p.objectId}' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`);
}

export function requireAction(state: TenantState, p: Principal, action: string, scope: string): void {
  if (!can(state, p.objectId, action, scope)) throw authorizationFailed(p, action, scope);
}
