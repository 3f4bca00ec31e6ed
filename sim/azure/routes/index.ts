import type { Route } from '../http';
import { authorizationRoutes } from './authorization';
import { contentRoutes } from './content';
import { controlRoutes } from './control';
import { entraRoutes } from './entra';
import { logsRoutes } from './logs';
import { securityRoutes } from './security';
import { sentinelRoutes } from './sentinel';
import { subscriptionRoutes } from './subscriptions';
import { workspaceRoutes } from './workspace';

/** Specific ARM routes first: the `{*scope}` authorization routes are catch-alls for their suffix. */
export const ROUTES: readonly Route[] = [
  ...controlRoutes,
  ...logsRoutes,
  ...subscriptionRoutes,
  ...securityRoutes,
  ...workspaceRoutes,
  ...sentinelRoutes,
  ...contentRoutes,
  ...authorizationRoutes,
  ...entraRoutes,
];
