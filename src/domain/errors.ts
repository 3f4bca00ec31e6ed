// The error every layer can recognise: it carries a Problem, so callers decide retry vs permanent from
// `problem.retryable` / `problem.retryAfterMs` instead of parsing messages.
import type { Problem } from './types';

export class AzureProblemError extends Error {
  override readonly name = 'AzureProblemError';
  constructor(readonly problem: Problem) {
    super(problem.message);
  }
}

export function isAzureProblemError(e: unknown): e is AzureProblemError {
  return e instanceof AzureProblemError || (typeof e === 'object' && e !== null && (e as { name?: string }).name === 'AzureProblemError' && 'problem' in e);
}
