import { AzureProblemError, errorFacts, isAzureProblemError, parseRetryAfterMs, problemFrom, toProblem } from '../../src/azure/problems';
import { isWellKnownAuthority } from '../../src/azure/credential';

const ctx = { action: 'create the data connector', subscriptionId: '1111', subscriptionName: 'Production', workspaceName: 'ws' };

describe('ARM error → Problem', () => {
  it('AuthorizationFailed is permanent and names the role to grant', () => {
    const p = problemFrom({ status: 403, code: 'AuthorizationFailed', message: "The client 'x' with object id 'y' does not have authorization to perform action 'Microsoft.Security/settings/write' over scope '/subscriptions/1111'" }, ctx);
    expect(p).toMatchObject({ code: 'AuthorizationFailed', retryable: false, status: 403 });
    expect(p.message).toBe("Could not create the data connector: the bot's identity is not allowed to perform Microsoft.Security/settings/write on Production.");
    expect(p.fix).toMatch(/Contributor or Security Admin on Production/);
  });

  it('InvalidLicense means no Defender plan', () => {
    const p = problemFrom({ status: 401, code: 'InvalidLicense', message: 'License is invalid' }, ctx);
    expect(p).toMatchObject({ code: 'InvalidLicense', retryable: false });
    expect(p.fix).toMatch(/Enable at least one Defender plan on Production/);
  });

  it('MissingSubscriptionRegistration offers the prereqs command', () => {
    const p = problemFrom({ status: 409, code: 'MissingSubscriptionRegistration', message: "The subscription is not registered to use namespace 'Microsoft.SecurityInsights'." }, ctx);
    expect(p).toMatchObject({ code: 'MissingSubscriptionRegistration', retryable: false });
    expect(p.fix).toBe('Register Microsoft.SecurityInsights on Production — `/sentinel prereqs 1111` can do it.');
    const other = problemFrom({ status: 409, code: 'MissingSubscriptionRegistration', message: "not registered to use namespace 'Microsoft.Security'" }, ctx);
    expect(other.fix).toMatch(/Register Microsoft.Security on Production/);
  });

  it('429 is retryable with Retry-After in ms (seconds or HTTP date)', () => {
    expect(problemFrom({ status: 429, code: 'TooManyRequests', retryAfter: '7' }, ctx)).toMatchObject({ code: 'TooManyRequests', retryable: true, retryAfterMs: 7000 });
    expect(problemFrom({ status: 429, retryAfterMs: '1500' }, ctx)).toMatchObject({ retryable: true, retryAfterMs: 1500 });
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfterMs({ retryAfter: 'Thu, 01 Jan 2026 00:00:30 GMT' }, now)).toBe(30_000);
    expect(problemFrom({ status: 429 }, ctx).retryAfterMs).toBeUndefined();
  });

  it('5xx, 408 and socket failures are retryable; 400 is permanent', () => {
    expect(problemFrom({ status: 503 }, ctx)).toMatchObject({ retryable: true, code: 'ServiceUnavailable' });
    expect(problemFrom({ status: 500, code: 'InternalServerError' }, ctx)).toMatchObject({ retryable: true, code: 'InternalServerError' });
    expect(problemFrom({ status: 408 }, ctx)).toMatchObject({ retryable: true, code: 'RequestTimeout' });
    expect(problemFrom({ errno: 'ECONNRESET' }, ctx)).toMatchObject({ retryable: true, code: 'ECONNRESET' });
    expect(problemFrom({ status: 400, code: 'BadRequest', message: 'bad body' }, ctx)).toMatchObject({ retryable: false, code: 'BadRequest' });
  });

  it('conflicts are permanent, except a stale etag which a re-read fixes', () => {
    expect(problemFrom({ status: 409, code: 'ReadOnlyDisabledSubscription', message: 'read only' }, ctx)).toMatchObject({ retryable: false, message: 'Could not create the data connector: Production is disabled, so Azure keeps it read-only.' });
    expect(problemFrom({ status: 409, code: 'Conflict', message: 'already connected by data connector x' }, ctx)).toMatchObject({ retryable: false });
    expect(problemFrom({ status: 412, code: 'PreconditionFailed' }, ctx)).toMatchObject({ retryable: true });
  });

  it('credential failures point at the identity settings', () => {
    const p = problemFrom({ name: 'AuthenticationError', message: 'AADSTS7000215: Invalid client secret' }, ctx);
    expect(p).toMatchObject({ retryable: false });
    expect(p.fix).toMatch(/AZURE_CLIENT_SECRET/);
    expect(p.message).not.toMatch(/AADSTS/); // messages from Entra can echo ids; keep ours plain
  });

  it('Log Analytics query errors surface the innermost message', () => {
    const facts = errorFacts({
      name: 'RestError', statusCode: 400, code: 'BadArgumentError', message: 'The request had some invalid properties',
      details: { error: { code: 'BadArgumentError', innererror: { code: 'SemanticError', innererror: { code: 'SEM0100', message: "Failed to resolve column 'X'" } } } },
    });
    const p = problemFrom(facts, { action: 'query the workspace', workspaceName: 'ws' });
    expect(p).toMatchObject({ code: 'BadArgumentError', retryable: false });
    expect(p.message).toMatch(/Failed to resolve column 'X'/);
  });

  it('reads RestError-shaped errors including the Retry-After header', () => {
    const headers = new Map([['retry-after', '3']]);
    const p = toProblem({ name: 'RestError', statusCode: 429, code: 'TooManyRequests', message: 'slow down', response: { status: 429, headers: { get: (n: string) => headers.get(n) } } }, ctx);
    expect(p).toMatchObject({ retryable: true, retryAfterMs: 3000, status: 429 });
  });

  it('passes an existing Problem through and recognises the error class', () => {
    const e = new AzureProblemError({ code: 'X', message: 'm', retryable: false });
    expect(toProblem(e)).toBe(e.problem);
    expect(isAzureProblemError(e)).toBe(true);
    expect(isAzureProblemError(new Error('x'))).toBe(false);
  });

  it('only skips instance discovery for authorities MSAL does not know', () => {
    expect(isWellKnownAuthority('https://login.microsoftonline.com')).toBe(true);
    expect(isWellKnownAuthority('https://login.microsoftonline.us/')).toBe(true);
    expect(isWellKnownAuthority('https://127.0.0.1:4443')).toBe(false);
  });
});
