/** Built-in Azure role definitions (real GUIDs and action sets, trimmed to what matters here). */
export interface RoleDefinition {
  id: string;
  roleName: string;
  description: string;
  actions: string[];
  notActions: string[];
  dataActions: string[];
  notDataActions: string[];
}

const def = (id: string, roleName: string, description: string, actions: string[], notActions: string[] = [], dataActions: string[] = []): RoleDefinition => ({
  id, roleName, description, actions, notActions, dataActions, notDataActions: [],
});

export const BUILT_IN_ROLES: readonly RoleDefinition[] = [
  def('8e3af657-a8ff-443c-a75c-2fe8c4bcb635', 'Owner', 'Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.', ['*']),
  def('b24988ac-6180-42a0-ab88-20f7382dd24c', 'Contributor', 'Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC.', ['*'], [
    'Microsoft.Authorization/*/Delete', 'Microsoft.Authorization/*/Write', 'Microsoft.Authorization/elevateAccess/Action',
    'Microsoft.Blueprint/blueprintAssignments/write', 'Microsoft.Blueprint/blueprintAssignments/delete', 'Microsoft.Compute/galleries/share/action',
  ]),
  def('acdd72a7-3385-48ef-bd42-f606fba81ae7', 'Reader', 'View all resources, but does not allow you to make any changes.', ['*/read']),
  def('18d7d88d-d35e-4fb5-a5c3-7773c20a72d9', 'User Access Administrator', 'Lets you manage user access to Azure resources.', ['*/read', 'Microsoft.Authorization/*', 'Microsoft.Support/*']),
  def('fb1c8493-542b-48eb-b624-b4c8fea62acd', 'Security Admin', 'Security Admin Role', [
    'Microsoft.Authorization/*/read', 'Microsoft.Authorization/policyAssignments/*', 'Microsoft.Authorization/policyDefinitions/*',
    'Microsoft.Authorization/policyExemptions/*', 'Microsoft.Authorization/policySetDefinitions/*', 'Microsoft.Insights/alertRules/*',
    'Microsoft.Management/managementGroups/read', 'Microsoft.operationalInsights/workspaces/*/read', 'Microsoft.Resources/deployments/*',
    'Microsoft.Resources/subscriptions/resourceGroups/read', 'Microsoft.Security/*', 'Microsoft.IoTSecurity/*', 'Microsoft.Support/*',
  ]),
  def('39bc4728-0917-49c7-9d2c-d95423bc2eb4', 'Security Reader', 'Security Reader Role', [
    'Microsoft.Authorization/*/read', 'Microsoft.Insights/alertRules/read', 'Microsoft.operationalInsights/workspaces/*/read',
    'Microsoft.Resources/deployments/*/read', 'Microsoft.Resources/subscriptions/resourceGroups/read', 'Microsoft.Security/*/read',
    'Microsoft.IoTSecurity/*/read', 'Microsoft.Support/*/read', 'Microsoft.Management/managementGroups/read',
  ]),
  def('ab8e14d6-4a74-4a29-9ba8-549422addade', 'Microsoft Sentinel Contributor', 'Microsoft Sentinel Contributor', [
    'Microsoft.SecurityInsights/*', 'Microsoft.OperationalInsights/workspaces/analytics/query/action', 'Microsoft.OperationalInsights/workspaces/*/read',
    'Microsoft.OperationalInsights/workspaces/savedSearches/*', 'Microsoft.OperationsManagement/solutions/read', 'Microsoft.OperationalInsights/workspaces/query/read',
    'Microsoft.OperationalInsights/workspaces/query/*/read', 'Microsoft.OperationalInsights/workspaces/dataSources/read', 'Microsoft.OperationalInsights/querypacks/*/read',
    'Microsoft.Insights/workbooks/*', 'Microsoft.Insights/myworkbooks/read', 'Microsoft.Authorization/*/read', 'Microsoft.Insights/alertRules/*',
    'Microsoft.Resources/deployments/*', 'Microsoft.Resources/subscriptions/resourceGroups/read', 'Microsoft.Support/*',
  ], ['Microsoft.SecurityInsights/ConfidentialWatchlists/*', 'Microsoft.OperationalInsights/workspaces/query/ConfidentialWatchlist/*']),
  def('8d289c81-5878-46d4-8554-54e1e3d8b5cb', 'Microsoft Sentinel Reader', 'Microsoft Sentinel Reader', [
    'Microsoft.SecurityInsights/*/read', 'Microsoft.SecurityInsights/dataConnectorsCheckRequirements/action', 'Microsoft.SecurityInsights/threatIntelligence/indicators/query/action',
    'Microsoft.OperationalInsights/workspaces/analytics/query/action', 'Microsoft.OperationalInsights/workspaces/*/read', 'Microsoft.OperationalInsights/workspaces/LinkedServices/read',
    'Microsoft.OperationalInsights/workspaces/savedSearches/read', 'Microsoft.OperationsManagement/solutions/read', 'Microsoft.OperationalInsights/workspaces/query/read',
    'Microsoft.OperationalInsights/workspaces/query/*/read', 'Microsoft.OperationalInsights/querypacks/*/read', 'Microsoft.OperationalInsights/workspaces/dataSources/read',
    'Microsoft.Insights/workbooks/read', 'Microsoft.Insights/myworkbooks/read', 'Microsoft.Authorization/*/read', 'Microsoft.Resources/deployments/*/read',
    'Microsoft.Resources/subscriptions/resourceGroups/read', 'Microsoft.Support/*',
  ], ['Microsoft.SecurityInsights/ConfidentialWatchlists/*', 'Microsoft.OperationalInsights/workspaces/query/ConfidentialWatchlist/*']),
  def('3e150937-b8fe-4cfb-8069-0eaf05ecd056', 'Microsoft Sentinel Responder', 'Microsoft Sentinel Responder', [
    'Microsoft.SecurityInsights/*/read', 'Microsoft.SecurityInsights/dataConnectorsCheckRequirements/action', 'Microsoft.SecurityInsights/automationRules/*',
    'Microsoft.SecurityInsights/cases/*', 'Microsoft.SecurityInsights/incidents/*', 'Microsoft.OperationalInsights/workspaces/analytics/query/action',
    'Microsoft.OperationalInsights/workspaces/*/read', 'Microsoft.OperationalInsights/workspaces/query/read', 'Microsoft.OperationalInsights/workspaces/query/*/read',
    'Microsoft.Authorization/*/read', 'Microsoft.Resources/deployments/*/read', 'Microsoft.Resources/subscriptions/resourceGroups/read', 'Microsoft.Support/*',
  ], ['Microsoft.SecurityInsights/cases/*/Delete', 'Microsoft.SecurityInsights/incidents/*/Delete']),
  def('92aaf0da-9dab-42b6-94a3-d43ce8d16293', 'Log Analytics Contributor', 'Log Analytics Contributor can read all monitoring data and edit monitoring settings.', [
    '*/read', 'Microsoft.ClassicCompute/virtualMachines/extensions/*', 'Microsoft.ClassicStorage/storageAccounts/listKeys/action', 'Microsoft.Compute/virtualMachines/extensions/*',
    'Microsoft.HybridCompute/machines/extensions/write', 'Microsoft.Insights/alertRules/*', 'Microsoft.Insights/diagnosticSettings/*', 'Microsoft.OperationalInsights/*',
    'Microsoft.OperationsManagement/*', 'Microsoft.Resources/deployments/*', 'Microsoft.Resources/subscriptions/resourcegroups/deployments/*',
    'Microsoft.Storage/storageAccounts/listKeys/action', 'Microsoft.Support/*',
  ]),
  def('73c42c96-874c-492b-b04d-ab87d138a893', 'Log Analytics Reader', 'Log Analytics Reader can view and search all monitoring data as well as view monitoring settings.', [
    '*/read', 'Microsoft.OperationalInsights/workspaces/analytics/query/action', 'Microsoft.OperationalInsights/workspaces/search/action', 'Microsoft.Support/*',
  ], ['Microsoft.OperationalInsights/workspaces/sharedKeys/read']),
];

const byKey = new Map<string, RoleDefinition>();
for (const r of BUILT_IN_ROLES) {
  byKey.set(r.id, r);
  byKey.set(r.roleName.toLowerCase(), r);
}

/** Accepts a role name ("Owner"), a GUID, or a roleDefinitionId path ending in the GUID. */
export function findRole(key: string): RoleDefinition | undefined {
  const last = key.split('/').pop() ?? key;
  return byKey.get(last.toLowerCase()) ?? byKey.get(key.toLowerCase());
}

const patternCache = new Map<string, RegExp>();

/** Azure action patterns: case-insensitive, `*` matches any run of characters (including '/'). */
export function actionMatches(pattern: string, action: string): boolean {
  let re = patternCache.get(pattern);
  if (!re) {
    re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
    patternCache.set(pattern, re);
  }
  return re.test(action);
}

export function roleAllows(role: RoleDefinition, action: string): boolean {
  return role.actions.some((a) => actionMatches(a, action)) && !role.notActions.some((a) => actionMatches(a, action));
}
