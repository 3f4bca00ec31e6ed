// Small helpers for reading many things at once without letting one failure sink the rest.
import { isAzureProblemError } from '../domain/errors';
import type { Fetched } from '../domain/prerequisites';
import type { Problem } from '../domain/types';

export function problemOf(error: unknown): Problem {
  if (isAzureProblemError(error)) return error.problem;
  // Not an Azure failure: a bug or an unexpected shape. Still a row, never a crash of the whole status.
  return { code: 'UnexpectedError', message: error instanceof Error ? error.message : String(error), retryable: false };
}

export async function settle<T>(promise: Promise<T>): Promise<Fetched<T>> {
  try {
    return { value: await promise };
  } catch (error) {
    return { problem: problemOf(error) };
  }
}

export const valueOr = <T>(f: Fetched<T>, fallback: T): T => ('value' in f ? f.value : fallback);
export const problemIn = <T>(f: Fetched<T>): Problem | undefined => ('problem' in f ? f.problem : undefined);
