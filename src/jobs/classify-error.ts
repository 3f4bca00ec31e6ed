// How a failed Azure call is handled by the job layer: wait (throttled), retry with backoff, or fail at once.
import { KqlInputError } from '../domain/kql';
import type { Problem } from '../domain/types';

export type FailureHandling = { action: 'delay'; delayMs: number } | { action: 'retry' } | { action: 'fail' };

/** Errors that no retry can fix: the human message (and its fix) is what the user needs. */
const PERMANENT_CODES = new Set([
  'AuthorizationFailed',
  'InvalidLicense',
  'MissingSubscriptionRegistration',
  'BadRequest',
  'InvalidRequestContent',
  'LinkedAuthorizationFailed',
  'SubscriptionNotFound',
  'ResourceNotFound',
  'ResourceGroupNotFound',
  'WorkspaceNotFound',
  'InvalidAuthenticationToken',
  'ReadOnlyDisabledSubscription',
  'SubscriptionNotRegistered',
  'RequestDisallowedByPolicy',
]);

/** Used when ARM throttles without saying for how long. */
export const DEFAULT_THROTTLE_DELAY_MS = 5_000;

export function isThrottled(problem: Problem): boolean {
  return problem.status === 429 || /throttl|TooManyRequests/i.test(problem.code);
}

export function classifyError(problem: Problem): FailureHandling {
  if (isThrottled(problem)) return { action: 'delay', delayMs: Math.max(problem.retryAfterMs ?? DEFAULT_THROTTLE_DELAY_MS, 1) };
  if (PERMANENT_CODES.has(problem.code) || !problem.retryable) return { action: 'fail' };
  return { action: 'retry' };
}

function isProblem(value: unknown): value is Problem {
  if (!value || typeof value !== 'object') return false;
  const p = value as Partial<Problem>;
  return typeof p.code === 'string' && typeof p.message === 'string' && typeof p.retryable === 'boolean';
}

/**
 * The Problem an error carries (the Azure gateway attaches one as `problem`); anything else, such as a dropped
 * connection, becomes a retryable Problem so it gets the transient treatment.
 */
export function problemOf(error: unknown): Problem {
  if (isProblem(error)) return error;
  if (error && typeof error === 'object' && isProblem((error as { problem?: unknown }).problem)) {
    return (error as { problem: Problem }).problem;
  }
  // Bad query input (unknown sample query, malformed filter) never gets better on retry: tell the user at once.
  if (error instanceof KqlInputError) return { code: 'BadRequest', message: error.message, retryable: false };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'Unexpected', message: `Unexpected error: ${message}`, retryable: true };
}

/** True when this failure is the job's last allowed attempt (attemptsMade counts finished attempts). */
export function isLastAttempt(attemptsMade: number, attempts: number | undefined): boolean {
  return attemptsMade + 1 >= (attempts ?? 1);
}

/** One line for Slack and the failed-job reason: the message, then what to do about it. */
export function describeProblem(problem: Problem): string {
  return problem.fix ? `${problem.message} ${problem.fix}` : problem.message;
}
