import { assignmentsOf, effectiveRoles, scopeCovers } from '../authz';
import { armError } from '../errors';
import { ok, page, route, type Ctx, type Route } from '../http';
import { BUILT_IN_ROLES, findRole, type RoleDefinition } from '../roles';
import type { RoleAssignment } from '../state';
import { authorize, getSubscription, iso, principal, requireResourceGroup } from './common';
import { V_AUTHORIZATION } from './versions';

const lc = (s: string): string => s.toLowerCase();

/** Normalises "{*scope}" captures to a leading-slash ARM scope and checks the subscription/RG exist. */
function scopeOf(ctx: Ctx): string {
  const scope = `/${ctx.params.scope.replace(/^\/+/, '')}`.replace(/\/+$/, '');
  const m = /^\/subscriptions\/([^/]+)(?:\/resourcegroups\/([^/]+))?/i.exec(scope);
  if (m) {
    const sub = getSubscription(ctx, m[1]);
    if (m[2]) requireResourceGroup(sub, m[2]);
  }
  return scope;
}

function roleDefinitionId(scope: string, guid: string): string {
  const sub = /^\/subscriptions\/[^/]+/i.exec(scope)?.[0] ?? '';
  return `${sub}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
}

function assignmentJson(ctx: Ctx, ra: RoleAssignment) {
  const p = ctx.sim.state.principals.get(lc(ra.principalId));
  return {
    id: `${ra.scope}/providers/Microsoft.Authorization/roleAssignments/${ra.id}`,
    type: 'Microsoft.Authorization/roleAssignments',
    name: ra.id,
    properties: {
      roleDefinitionId: roleDefinitionId(ra.scope, ra.roleDefinitionId),
      principalId: ra.principalId,
      principalType: p?.type ?? 'ServicePrincipal',
      scope: ra.scope,
      createdOn: iso(ra.createdOn),
      updatedOn: iso(ra.createdOn),
    },
  };
}

function roleJson(scope: string, r: RoleDefinition) {
  return {
    id: roleDefinitionId(scope, r.id),
    name: r.id,
    type: 'Microsoft.Authorization/roleDefinitions',
    properties: {
      roleName: r.roleName,
      type: 'BuiltInRole',
      description: r.description,
      assignableScopes: ['/'],
      permissions: [{ actions: r.actions, notActions: r.notActions, dataActions: r.dataActions, notDataActions: r.notDataActions }],
      createdOn: '2015-02-02T21:55:09.8806423Z',
      updatedOn: '2024-01-01T00:00:00.0000000Z',
    },
  };
}

/** Supports the filters the REST docs list: assignedTo('id'), atScope(), both joined by "and", principalId eq 'id'. */
function filterAssignments(ctx: Ctx, scope: string): RoleAssignment[] {
  const filter = (ctx.query.get('$filter') ?? '').trim();
  let atScope = false;
  let who: string | undefined;
  let viaGroups = false;
  for (const clause of filter ? filter.split(/\s+and\s+/i) : []) {
    let m: RegExpExecArray | null;
    if (/^atScope\(\)$/i.test(clause)) atScope = true;
    else if ((m = /^assignedTo\('([^']+)'\)$/i.exec(clause))) {
      who = m[1];
      viaGroups = true;
    } else if ((m = /^principalId\s+eq\s+'([^']+)'$/i.exec(clause))) who = m[1];
    else {
      throw armError(400, 'UnsupportedQuery', `The filter '${filter}' is not supported. Supported filters are either 'atScope()' or 'principalId eq '{value}' or assignedTo('{value}')'.`);
    }
  }
  const state = ctx.sim.state;
  const pool = who === undefined ? state.roleAssignments : viaGroups ? assignmentsOf(state, who) : state.roleAssignments.filter((ra) => lc(ra.principalId) === lc(who!));
  return pool.filter((ra) => scopeCovers(ra.scope, scope) || (!atScope && scopeCovers(scope, ra.scope)));
}

function permissions(ctx: Ctx, scope: string) {
  const roles = effectiveRoles(ctx.sim.state, principal(ctx).objectId, scope);
  return ok({ value: roles.map((r) => ({ actions: r.actions, notActions: r.notActions, dataActions: r.dataActions, notDataActions: r.notDataActions })) });
}

export const authorizationRoutes: Route[] = [
  route('GET', 'arm', 'roleAssignments.list', '/{*scope}/providers/Microsoft.Authorization/roleAssignments', (ctx) => {
    const scope = scopeOf(ctx);
    authorize(ctx, 'Microsoft.Authorization/roleAssignments/read', scope);
    return page(ctx, filterAssignments(ctx, scope), (ra) => assignmentJson(ctx, ra));
  }, V_AUTHORIZATION),
  route('GET', 'arm', 'roleAssignments.get', '/{*scope}/providers/Microsoft.Authorization/roleAssignments/{name}', (ctx) => {
    const scope = scopeOf(ctx);
    authorize(ctx, 'Microsoft.Authorization/roleAssignments/read', scope);
    const ra = ctx.sim.state.roleAssignments.find((r) => lc(r.id) === lc(ctx.params.name) && lc(r.scope) === lc(scope));
    if (!ra) throw armError(404, 'RoleAssignmentNotFound', `The role assignment '${ctx.params.name}' is not found.`);
    return ok(assignmentJson(ctx, ra));
  }, V_AUTHORIZATION),
  route('GET', 'arm', 'roleDefinitions.list', '/{*scope}/providers/Microsoft.Authorization/roleDefinitions', (ctx) => {
    const scope = scopeOf(ctx);
    const m = /^roleName\s+eq\s+'([^']+)'$/i.exec((ctx.query.get('$filter') ?? '').trim());
    const roles = m ? BUILT_IN_ROLES.filter((r) => lc(r.roleName) === lc(m[1])) : [...BUILT_IN_ROLES];
    return page(ctx, roles, (r) => roleJson(scope, r));
  }, V_AUTHORIZATION),
  route('GET', 'arm', 'roleDefinitions.get', '/{*scope}/providers/Microsoft.Authorization/roleDefinitions/{id}', (ctx) => {
    const scope = scopeOf(ctx);
    const r = findRole(ctx.params.id);
    if (!r || lc(r.id) !== lc(ctx.params.id)) throw armError(404, 'RoleDefinitionDoesNotExist', `The specified role definition with ID '${ctx.params.id}' does not exist.`);
    return ok(roleJson(scope, r));
  }, V_AUTHORIZATION),
  route('GET', 'arm', 'permissions.listForSubscription', '/subscriptions/{sub}/providers/Microsoft.Authorization/permissions', (ctx) => {
    const s = getSubscription(ctx);
    return permissions(ctx, `/subscriptions/${s.subscriptionId}`);
  }, V_AUTHORIZATION),
  route('GET', 'arm', 'permissions.listForResourceGroup', '/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Authorization/permissions', (ctx) => {
    const s = getSubscription(ctx);
    const rg = requireResourceGroup(s, ctx.params.rg);
    return permissions(ctx, `/subscriptions/${s.subscriptionId}/resourceGroups/${rg}`);
  }, V_AUTHORIZATION),
  route('GET', 'arm', 'permissions.listForResource', '/subscriptions/{sub}/resourceGroups/{rg}/providers/{*resource}/providers/Microsoft.Authorization/permissions', (ctx) => {
    const s = getSubscription(ctx);
    const rg = requireResourceGroup(s, ctx.params.rg);
    return permissions(ctx, `/subscriptions/${s.subscriptionId}/resourceGroups/${rg}/providers/${ctx.params.resource}`);
  }, V_AUTHORIZATION),
];
