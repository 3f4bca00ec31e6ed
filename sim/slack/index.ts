/** Slack simulator: public surface for tests, benchmarks and the demo. */
export { startSlackSim, DEFAULT_APP_TOKEN, DEFAULT_BOT_TOKEN, DEFAULT_SIGNING_SECRET, DEFAULT_VERIFICATION_TOKEN } from './sim';
export type { SlackSim, SlackSimOptions, SlackSimConfig, DeliveryMode } from './sim';
export type { SocketModeInfo } from './socket-mode';
export { validateBlocks, validateView, BLOCK_KIT_LIMITS, type Surface } from './blockkit';
export { signRequest, type SignedHeaders } from './signing';
export { defaultWorkspace, type WorkspaceSeed, type SimUser, type SimChannel, type SimUsergroup, type SimBot, type SimTeam } from './workspace';
export { DEFAULT_RATE_LIMITS, type RateLimitConfig, type RateLimitRule } from './ratelimit';
export type { ApiCall } from './calllog';
export type { DeliveryResult, DeliveryOverrides } from './deliver';
export type { CommandInput, CommandResult, ActionInput, ActionResult, ViewSubmissionInput, ViewSubmissionResult, HomeOpenedInput } from './interactions';
export type { MessageView } from './messages';
export type { SimEvent } from './events';
export type { StateValues } from './state';
