// What the bot's identity may do, decided from effective permissions (Microsoft.Authorization/permissions),
// so custom roles are judged by what they grant rather than by their names.
import type { PermissionSet } from './resources';
import type { SubscriptionPermissions } from './types';

export const ACTIONS = {
  connectorWrite: 'Microsoft.SecurityInsights/dataConnectors/write',
  alertRuleWrite: 'Microsoft.SecurityInsights/alertRules/write',
  workspaceRead: 'Microsoft.OperationalInsights/workspaces/read',
  workspaceWrite: 'Microsoft.OperationalInsights/workspaces/write',
  settingsWrite: 'Microsoft.Security/settings/write',
  pricingsWrite: 'Microsoft.Security/pricings/write',
  registerSecurityInsights: 'Microsoft.SecurityInsights/register/action',
} as const;

const patternCache = new Map<string, RegExp>();

/** Azure action patterns are case-insensitive; `*` matches any run of characters, including '/'. */
export function actionMatches(pattern: string, action: string): boolean {
  let re = patternCache.get(pattern);
  if (!re) {
    re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
    patternCache.set(pattern, re);
  }
  return re.test(action);
}

/** Each set is one role's grant: notActions only subtract from their own set. */
export function allows(sets: readonly PermissionSet[], action: string): boolean {
  return sets.some((s) => s.actions.some((a) => actionMatches(a, action)) && !s.notActions.some((a) => actionMatches(a, action)));
}

/**
 * `workspace` is undefined when the workspace permissions could not be read; the subscription decides alone then.
 * `unreadable` marks the subscription's permissions as unknown (every action denied, with that reason).
 */
export function evaluatePermissions(subscription: readonly PermissionSet[] | undefined, workspace?: readonly PermissionSet[]): SubscriptionPermissions {
  if (!subscription) {
    const reason = 'Could not read the identity’s permissions on this subscription.';
    return { connect: false, toggleSync: false, enablePlans: false, reasons: { connect: reason, toggleSync: reason, enablePlans: reason } };
  }
  const reasons: SubscriptionPermissions['reasons'] = {};
  // ARM's linked access check on connect: the connector write must also be allowed on the connected subscription
  // (Contributor/Owner in practice; Security Admin and Reader lack it).
  const contributor = allows(subscription, ACTIONS.connectorWrite);
  const workspaceWrite = workspace ? allows(workspace, ACTIONS.connectorWrite) : true;
  if (!contributor) reasons.connect = 'Needs Contributor or Owner on the subscription.';
  else if (!workspaceWrite) reasons.connect = 'Needs write access to the Sentinel workspace (e.g. Microsoft Sentinel Contributor).';
  const toggleSync = allows(subscription, ACTIONS.settingsWrite);
  if (!toggleSync) reasons.toggleSync = 'Needs Contributor or Security Admin on the subscription.';
  const enablePlans = allows(subscription, ACTIONS.pricingsWrite);
  if (!enablePlans) reasons.enablePlans = 'Needs Security Admin (or Owner) on the subscription.';
  return { connect: contributor && workspaceWrite, toggleSync, enablePlans, reasons };
}
