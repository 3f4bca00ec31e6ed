// ARM and Log Analytics failures → Problem: what went wrong in SOC words, the fix, and whether retrying can help.
// Pure: takes the fields of an error (status, code, message, headers) so it is unit-tested without HTTP.
import { AzureProblemError, isAzureProblemError } from '../domain/errors';
import type { Problem } from '../domain/types';

export { AzureProblemError, isAzureProblemError };

export interface ProblemContext {
  /** What the bot was doing, as a verb phrase: "read Defender plans", "create the data connector". */
  action?: string;
  subscriptionId?: string;
  /** Display name for messages; falls back to the id. */
  subscriptionName?: string;
  workspaceName?: string;
}

export interface ErrorFacts {
  status?: number;
  code?: string;
  message?: string;
  /** Retry-After (seconds or HTTP date), retry-after-ms or x-ms-retry-after-ms, as sent. */
  retryAfter?: string | null;
  retryAfterMs?: string | null;
  /** Error class name (e.g. AuthenticationError from the credential). */
  name?: string;
  /** Node socket error code (ECONNREFUSED, ETIMEDOUT…). */
  errno?: string;
  /** Inner error codes (Log Analytics: SemanticError, SEM0100…) with their messages. */
  inner?: { code?: string; message?: string }[];
}

export function parseRetryAfterMs(facts: Pick<ErrorFacts, 'retryAfter' | 'retryAfterMs'>, now = Date.now()): number | undefined {
  const ms = Number(facts.retryAfterMs);
  if (facts.retryAfterMs && Number.isFinite(ms) && ms >= 0) return Math.round(ms);
  const raw = facts.retryAfter?.trim();
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.round(Number(raw) * 1000);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Errors @azure/identity raises when it cannot get a token. */
const CREDENTIAL_ERRORS = ['AuthenticationError', 'AuthenticationRequiredError', 'CredentialUnavailableError'];

const RETRYABLE_SOCKET = ['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'UND_ERR_CONNECT_TIMEOUT'];

function subscriptionLabel(ctx: ProblemContext): string {
  return ctx.subscriptionName ?? ctx.subscriptionId ?? 'the subscription';
}

function namespaceFrom(message: string | undefined): string | undefined {
  return /namespace '([^']+)'/i.exec(message ?? '')?.[1] ?? /'(Microsoft\.[A-Za-z]+)'/.exec(message ?? '')?.[1];
}

function actionFrom(message: string | undefined): string | undefined {
  return /perform action '([^']+)'/i.exec(message ?? '')?.[1];
}

export function problemFrom(facts: ErrorFacts, ctx: ProblemContext = {}, now = Date.now()): Problem {
  const { status, message } = facts;
  const code = facts.code ?? (status ? `Http${status}` : facts.errno ?? facts.name ?? 'UnknownError');
  const doing = ctx.action ? `Could not ${ctx.action}` : 'The Azure request failed';
  const sub = subscriptionLabel(ctx);
  const base = { code, status };
  const retryAfterMs = parseRetryAfterMs(facts, now);

  if (CREDENTIAL_ERRORS.includes(facts.name ?? '') || code === 'InvalidAuthenticationToken' || code === 'ExpiredAuthenticationToken' || code === 'InvalidAuthenticationTokenTenant' || code === 'InvalidAuthenticationTokenAudience') {
    return { ...base, code: facts.name === 'CredentialUnavailableError' ? 'CredentialUnavailable' : code === `Http${status}` ? 'AuthenticationFailed' : code,
      message: `${doing}: the bot could not sign in to Microsoft Entra ID.`,
      fix: 'Check AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or the managed identity), and that the secret has not expired.',
      retryable: false };
  }
  if (code === 'InvalidLicense' || /license is invalid/i.test(message ?? '')) {
    return { ...base, code: 'InvalidLicense',
      message: `${doing}: no Defender for Cloud plan is enabled on ${sub}, so it has no alerts to send.`,
      fix: `Enable at least one Defender plan on ${sub} (Defender for Cloud → Environment settings → Defender plans), then retry.`,
      retryable: false };
  }
  if (code === 'MissingSubscriptionRegistration' || code === 'NoRegisteredProviderFound' || /not registered to use namespace/i.test(message ?? '')) {
    const ns = namespaceFrom(message) ?? 'Microsoft.SecurityInsights';
    return { ...base, code: 'MissingSubscriptionRegistration',
      message: `${doing}: ${sub} is not registered for the ${ns} resource provider.`,
      fix: ns.toLowerCase() === 'microsoft.securityinsights' && ctx.subscriptionId
        ? `Register Microsoft.SecurityInsights on ${sub} — \`/sentinel prereqs ${ctx.subscriptionId}\` can do it.`
        : `Register ${ns} on ${sub} (Subscription → Resource providers → ${ns} → Register).`,
      retryable: false };
  }
  if (code === 'AuthorizationFailed' || code === 'LinkedAuthorizationFailed' || status === 403) {
    const action = actionFrom(message);
    return { ...base, code: code.startsWith('Http') ? 'AuthorizationFailed' : code,
      message: `${doing}: the bot's identity is not allowed${action ? ` to perform ${action}` : ''} on ${ctx.workspaceName && !ctx.subscriptionId ? `workspace ${ctx.workspaceName}` : sub}.`,
      fix: authorizationFix(action, ctx),
      retryable: false };
  }
  if (status === 401) {
    return { ...base, code: code.startsWith('Http') ? 'Unauthorized' : code,
      message: `${doing}: Azure refused the request as unauthorized${message ? ` (${message})` : ''}.`,
      fix: `Check the identity's roles on ${sub}; if the connector says "Access Denied", register Microsoft.Security on the subscription.`,
      retryable: false };
  }
  if (status === 429 || code === 'TooManyRequests' || code === 'RetryableErrorDueToAnotherOperation') {
    const wait = retryAfterMs !== undefined ? ` Azure asked to wait ${Math.ceil(retryAfterMs / 1000)} s.` : '';
    return { ...base, code: status === 429 && code.startsWith('Http') ? 'TooManyRequests' : code,
      message: `${doing}: Azure is throttling requests.${wait}`,
      fix: 'Retry after the indicated delay; for bulk changes use a lower concurrency.',
      retryable: true, retryAfterMs };
  }
  if ((status !== undefined && (status >= 500 || status === 408)) || RETRYABLE_SOCKET.includes(facts.errno ?? '') || facts.name === 'AbortError' || facts.name === 'TimeoutError') {
    return { ...base, code: facts.errno ?? (code.startsWith('Http') && status ? (status === 408 ? 'RequestTimeout' : 'ServiceUnavailable') : code),
      message: `${doing}: Azure did not answer properly (${status ? `HTTP ${status}` : facts.errno ?? 'timeout'}). This is usually temporary.`,
      fix: 'Retry in a minute; if it persists, check Azure status.',
      retryable: true, retryAfterMs };
  }
  if (code === 'SubscriptionNotFound' || code === 'InvalidSubscriptionId') {
    return { ...base, message: `${doing}: subscription ${sub} was not found or the identity cannot see it.`, fix: 'Check the subscription id and that the identity has a role on it.', retryable: false };
  }
  if (code === 'ResourceGroupNotFound' || code === 'WorkspaceNotFound' || (status === 404 && ctx.workspaceName && !ctx.subscriptionId)) {
    return { ...base, message: `${doing}: the Sentinel workspace ${ctx.workspaceName ?? ''} or its resource group was not found.`.replace('  ', ' '),
      fix: 'Check SENTINEL_SUBSCRIPTION_ID, SENTINEL_RESOURCE_GROUP and SENTINEL_WORKSPACE_NAME.', retryable: false };
  }
  if (status === 404) {
    return { ...base, code: code.startsWith('Http') ? 'NotFound' : code, message: `${doing}: it does not exist (any more).`, retryable: false };
  }
  if (code === 'ReadOnlyDisabledSubscription') {
    return { ...base, message: `${doing}: ${sub} is disabled, so Azure keeps it read-only.`, fix: `Re-enable ${sub} (or leave it out).`, retryable: false };
  }
  if (status === 412 || code === 'PreconditionFailed') {
    return { ...base, message: `${doing}: someone else changed it at the same time.`, fix: 'Retry: the bot re-reads the current state first.', retryable: true, retryAfterMs };
  }
  if (status === 409) {
    return { ...base, code: code.startsWith('Http') ? 'Conflict' : code, message: `${doing}: ${message ?? 'it conflicts with the current state'}`, retryable: false };
  }
  if (code === 'BadArgumentError' || code === 'SemanticError' || code === 'SyntaxError' || facts.inner?.some((i) => /Semantic|Syntax|SEM\d+|SYN\d+/.test(i.code ?? ''))) {
    const detail = facts.inner?.map((i) => i.message).filter(Boolean).pop() ?? message;
    return { ...base, message: `${doing}: Log Analytics rejected the query${detail ? ` — ${detail}` : ''}.`, fix: 'Check the filter text (column names and values).', retryable: false };
  }
  return { ...base, code: code === `Http${status}` && status === 400 ? 'BadRequest' : code,
    message: `${doing}: ${message ?? `HTTP ${status ?? 'error'}`}`, retryable: false };
}

function authorizationFix(action: string | undefined, ctx: ProblemContext): string {
  const sub = subscriptionLabel(ctx);
  const a = action?.toLowerCase() ?? '';
  if (a.startsWith('microsoft.securityinsights/')) return `Assign Microsoft Sentinel Contributor on workspace ${ctx.workspaceName ?? ''} to the bot's identity.`.replace('  ', ' ');
  if (a.includes('pricings/write')) return `Assign Security Admin on ${sub} to the bot's identity.`;
  if (a.startsWith('microsoft.security/')) return `Assign Contributor or Security Admin on ${sub} to the bot's identity.`;
  if (a.includes('/register/action')) return `Assign Contributor (or Owner) on ${sub} to the bot's identity.`;
  if (a.startsWith('microsoft.operationalinsights/')) return `Assign Log Analytics Reader (or Microsoft Sentinel Reader) on workspace ${ctx.workspaceName ?? ''} to the bot's identity.`.replace('  ', ' ');
  return `Assign the needed role on ${sub} to the bot's identity (Contributor to connect, Security Admin for plans).`;
}

interface ErrorLike {
  name?: string;
  message?: string;
  code?: string;
  statusCode?: number;
  status?: number;
  response?: { status?: number; headers?: { get?(name: string): string | undefined | null } | Record<string, string> };
  details?: unknown;
  cause?: unknown;
}

function header(response: ErrorLike['response'], name: string): string | undefined {
  const h = response?.headers;
  if (!h) return undefined;
  if (typeof (h as { get?: unknown }).get === 'function') return (h as { get(n: string): string | undefined | null }).get(name) ?? undefined;
  return (h as Record<string, string>)[name];
}

/** Inner errors from a Log Analytics error body (`innererror` nested, or `details`). */
function innerErrors(details: unknown): ErrorFacts['inner'] {
  const out: { code?: string; message?: string }[] = [];
  let node = (details as { error?: unknown } | undefined)?.error ?? details;
  for (let depth = 0; node && typeof node === 'object' && depth < 5; depth++) {
    const n = node as { code?: string; message?: string; innererror?: unknown; innerError?: unknown };
    if (depth > 0) out.push({ code: n.code, message: n.message });
    node = n.innererror ?? n.innerError;
  }
  return out.length ? out : undefined;
}

/** The facts of whatever an SDK threw: RestError (core-client or rest client), credential errors, socket errors. */
export function errorFacts(error: unknown): ErrorFacts {
  const e = (error ?? {}) as ErrorLike;
  const status = e.statusCode ?? e.response?.status ?? (typeof e.status === 'number' ? e.status : undefined);
  const socket = typeof e.code === 'string' && /^E[A-Z]+$|^UND_ERR/.test(e.code) ? e.code : undefined;
  const causeCode = (e.cause as { code?: string } | undefined)?.code;
  return {
    status,
    code: socket ? undefined : e.code,
    message: e.message,
    retryAfter: header(e.response, 'retry-after'),
    retryAfterMs: header(e.response, 'retry-after-ms') ?? header(e.response, 'x-ms-retry-after-ms'),
    name: e.name,
    errno: socket ?? (typeof causeCode === 'string' && /^E[A-Z]+$/.test(causeCode) ? causeCode : undefined),
    inner: innerErrors(e.details),
  };
}

export function toProblem(error: unknown, ctx: ProblemContext = {}): Problem {
  if (isAzureProblemError(error)) return error.problem;
  return problemFrom(errorFacts(error), ctx);
}
