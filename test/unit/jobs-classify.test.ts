import { classifyError, describeProblem, isLastAttempt, problemOf } from '../../src/jobs/classify-error';
import { AzureProblemError } from '../../src/domain/errors';
import { KqlInputError } from '../../src/domain/kql';
import { buildSampleQuery } from '../../src/domain/queries';

describe('classifyError', () => {
  it('delays throttled calls for Retry-After, without spending an attempt', () => {
    expect(classifyError({ code: 'TooManyRequests', message: 'slow down', retryable: true, status: 429, retryAfterMs: 1500 })).toEqual({ action: 'delay', delayMs: 1500 });
    expect(classifyError({ code: 'Http429', message: 'x', retryable: true, status: 429 })).toEqual({ action: 'delay', delayMs: 5000 });
  });

  it('fails permanent errors at once', () => {
    for (const code of ['AuthorizationFailed', 'InvalidLicense', 'MissingSubscriptionRegistration', 'BadRequest']) {
      expect(classifyError({ code, message: 'no', retryable: true, status: 400 })).toEqual({ action: 'fail' });
    }
    expect(classifyError({ code: 'Whatever', message: 'no', retryable: false })).toEqual({ action: 'fail' });
  });

  it('retries transient errors', () => {
    expect(classifyError({ code: 'InternalServerError', message: 'oops', retryable: true, status: 500 })).toEqual({ action: 'retry' });
  });
});

describe('problemOf', () => {
  it('reads the Problem an Azure error carries', () => {
    const problem = { code: 'AuthorizationFailed', message: 'denied', retryable: false };
    expect(problemOf(new AzureProblemError(problem))).toBe(problem);
  });

  it('treats unknown errors as transient', () => {
    expect(problemOf(new Error('socket hang up'))).toMatchObject({ code: 'Unexpected', retryable: true });
  });

  it('fails bad query input at once instead of retrying it', () => {
    let error: unknown;
    try {
      buildSampleQuery('no-such-query');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KqlInputError);
    const problem = problemOf(error);
    expect(problem).toMatchObject({ code: 'BadRequest', retryable: false, message: expect.stringContaining('Unknown query "no-such-query"') });
    expect(classifyError(problem)).toEqual({ action: 'fail' });
  });
});

describe('attempts and messages', () => {
  it('knows the last attempt', () => {
    expect(isLastAttempt(0, 1)).toBe(true);
    expect(isLastAttempt(3, 5)).toBe(false);
    expect(isLastAttempt(4, 5)).toBe(true);
  });

  it('puts the fix after the message', () => {
    expect(describeProblem({ code: 'X', message: 'Denied.', fix: 'Ask an owner.', retryable: false })).toBe('Denied. Ask an owner.');
  });
});
