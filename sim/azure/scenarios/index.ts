import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { demoScenario } from './demo';
import { largeScenario } from './large';
import { smallScenario } from './small';
import type { Scenario } from './types';

export const SCENARIOS: Record<string, (size?: number) => Scenario> = {
  small: () => smallScenario(),
  large: (size) => largeScenario(size),
  demo: () => demoScenario(),
};

/** A built-in name, or a path to a scenario JSON file (read once at load, never per request). */
export function resolveScenario(nameOrFile: string, size?: number): Scenario {
  const builtin = SCENARIOS[nameOrFile];
  if (builtin) return builtin(size);
  if (!nameOrFile.endsWith('.json')) throw new Error(`unknown scenario '${nameOrFile}' (built-in: ${Object.keys(SCENARIOS).join(', ')}, or a .json file)`);
  return JSON.parse(readFileSync(resolve(nameOrFile), 'utf8')) as Scenario;
}

/** Control-API body: a full scenario object, or {name, size}. */
export function scenarioFromBody(body: unknown): Scenario {
  const b = body as Partial<Scenario> & { size?: number };
  if (b && Array.isArray(b.subscriptions)) return b as Scenario;
  if (b && typeof b.name === 'string') return resolveScenario(b.name, b.size);
  throw new Error('body must be a scenario object or {"name": "small"|"large"|"demo"|"<file>.json", "size"?: N}');
}
