import type { TriggerRegistry } from '../triggers';
import type { Workspace } from '../workspace';
import type { Args } from './request';

export interface ApiContext {
  ws: Workspace;
  triggers: TriggerRegistry;
}

/** Returns the success body (without `ok`) or throws an ApiError. */
export type Handler = (args: Args, ctx: ApiContext) => Record<string, unknown>;
