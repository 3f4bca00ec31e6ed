import type { ScalarType } from './ast';
import { semanticError } from './errors';
import { parseDatetime } from './parser';
import { isNumeric, toStr } from './values';

export type Row = Record<string | symbol, unknown>;
export interface Compiled {
  t: ScalarType;
  f: (r: Row) => unknown;
  /** Set for constant expressions (literals, lets, now()). */
  constant?: boolean;
}

/** Hidden per-row ingestion time (ms), copied by extend, dropped by project/summarize. */
export const INGEST = Symbol('ingestion_time');

export interface FnEnv {
  now: number;
}

type Impl = (args: Compiled[], env: FnEnv) => Compiled;

function arity(name: string, args: Compiled[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    throw semanticError(`Function '${name}' expects ${min === max ? min : `${min} to ${max}`} argument(s), got ${args.length}`, 'SEM0219');
  }
}

function want(name: string, a: Compiled, ...types: ScalarType[]): void {
  if (!types.includes(a.t) && a.t !== 'dynamic') {
    throw semanticError(`${name}(): argument of type '${a.t}' is not valid; expected ${types.join(' or ')}`, 'SEM0219');
  }
}

const num = (v: unknown): number | null => {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
};

const toDynamic = (v: unknown, t: ScalarType): unknown => {
  if (t !== 'string') return v;
  try {
    return JSON.parse(v as string);
  } catch {
    return v;
  }
};

const convert = (name: string, t: ScalarType, map: (n: number) => number): Impl => (args) => {
  arity(name, args, 1);
  const [a] = args;
  return { t, f: (r) => {
    if (a.t === 'datetime' || a.t === 'timespan') return t === 'real' ? num(a.f(r)) : null;
    const n = num(a.f(r));
    return n === null ? null : map(n);
  } };
};

const strFn = (name: string, map: (s: string) => unknown, t: ScalarType): Impl => (args) => {
  arity(name, args, 1);
  const [a] = args;
  return { t, f: (r) => map(toStr(a.f(r), a.t)) };
};

const isEmpty = (v: unknown): boolean => v === null || v === undefined || v === '';

export const FUNCTIONS: Record<string, Impl> = {
  ago: (args, env) => {
    arity('ago', args, 1);
    want('ago', args[0], 'timespan');
    return { t: 'datetime', constant: args[0].constant, f: (r) => env.now - (args[0].f(r) as number) };
  },
  now: (args, env) => {
    arity('now', args, 0, 1);
    if (args[0]) want('now', args[0], 'timespan');
    return { t: 'datetime', constant: true, f: (r) => env.now + ((args[0]?.f(r) as number) ?? 0) };
  },
  ingestion_time: (args) => {
    arity('ingestion_time', args, 0);
    return { t: 'datetime', f: (r) => r[INGEST] ?? null };
  },
  todatetime: (args) => {
    arity('todatetime', args, 1);
    const [a] = args;
    return { t: 'datetime', f: (r) => {
      const v = a.f(r);
      if (a.t === 'datetime' || v === null) return v;
      return typeof v === 'string' ? parseDatetime(v, () => null as never) : null;
    } };
  },
  tostring: (args) => {
    arity('tostring', args, 1);
    const [a] = args;
    return { t: 'string', f: (r) => toStr(a.f(r), a.t) };
  },
  toint: convert('toint', 'int', Math.trunc),
  tolong: convert('tolong', 'long', Math.trunc),
  toreal: convert('toreal', 'real', (n) => n),
  todouble: convert('todouble', 'real', (n) => n),
  tobool: strFn('tobool', (s) => (s.toLowerCase() === 'true' || s === '1' ? true : s.toLowerCase() === 'false' || s === '0' ? false : null), 'bool'),
  isempty: (args) => {
    arity('isempty', args, 1);
    return { t: 'bool', f: (r) => isEmpty(args[0].f(r)) };
  },
  isnotempty: (args) => {
    arity('isnotempty', args, 1);
    return { t: 'bool', f: (r) => !isEmpty(args[0].f(r)) };
  },
  isnull: (args) => {
    arity('isnull', args, 1);
    return { t: 'bool', f: (r) => args[0].f(r) === null || args[0].f(r) === undefined };
  },
  isnotnull: (args) => {
    arity('isnotnull', args, 1);
    return { t: 'bool', f: (r) => args[0].f(r) !== null && args[0].f(r) !== undefined };
  },
  not: (args) => {
    arity('not', args, 1);
    want('not', args[0], 'bool');
    return { t: 'bool', f: (r) => !args[0].f(r) };
  },
  strlen: strFn('strlen', (s) => s.length, 'long'),
  tolower: strFn('tolower', (s) => s.toLowerCase(), 'string'),
  toupper: strFn('toupper', (s) => s.toUpperCase(), 'string'),
  strcat: (args) => {
    if (!args.length) arity('strcat', args, 1, 64);
    return { t: 'string', f: (r) => args.map((a) => toStr(a.f(r), a.t)).join('') };
  },
  substring: (args) => {
    arity('substring', args, 2, 3);
    const [s, start, len] = args;
    return { t: 'string', f: (r) => {
      const str = toStr(s.f(r), s.t);
      const b = Math.max(0, num(start.f(r)) ?? 0);
      return len ? str.substr(b, Math.max(0, num(len.f(r)) ?? 0)) : str.slice(b);
    } };
  },
  split: (args) => {
    arity('split', args, 2, 3);
    const [s, d, idx] = args;
    return { t: 'dynamic', f: (r) => {
      const parts = toStr(s.f(r), s.t).split(toStr(d.f(r), d.t));
      if (!idx) return parts;
      const i = num(idx.f(r)) ?? 0;
      return i >= 0 && i < parts.length ? [parts[i]] : [];
    } };
  },
  parse_json: (args) => {
    arity('parse_json', args, 1);
    return { t: 'dynamic', f: (r) => toDynamic(args[0].f(r), args[0].t) };
  },
  todynamic: (args) => FUNCTIONS.parse_json(args, { now: 0 }),
  array_length: (args) => {
    arity('array_length', args, 1);
    return { t: 'long', f: (r) => {
      const v = args[0].f(r);
      return Array.isArray(v) ? v.length : null;
    } };
  },
  iff: (args) => {
    arity('iff', args, 3);
    const [c, a, b] = args;
    if (a.t !== b.t && !(isNumeric(a.t) && isNumeric(b.t))) throw semanticError(`iff(): branches have different types '${a.t}' and '${b.t}'`, 'SEM0219');
    return { t: a.t, f: (r) => (c.f(r) === true ? a.f(r) : b.f(r)) };
  },
  iif: (args, env) => FUNCTIONS.iff(args, env),
  coalesce: (args) => {
    if (!args.length) arity('coalesce', args, 1, 64);
    return { t: args[0].t, f: (r) => {
      for (const a of args) {
        const v = a.f(r);
        if (!isEmpty(v)) return v;
      }
      return null;
    } };
  },
  bin: (args) => {
    arity('bin', args, 2);
    const [v, size] = args;
    return { t: v.t, f: (r) => {
      const x = v.f(r) as number | null;
      const s = size.f(r) as number;
      return x === null || !s ? null : Math.floor(x / s) * s;
    } };
  },
  floor: (args, env) => FUNCTIONS.bin(args, env),
  startofday: (args) => {
    arity('startofday', args, 1);
    want('startofday', args[0], 'datetime');
    return { t: 'datetime', f: (r) => {
      const x = args[0].f(r) as number | null;
      return x === null ? null : Math.floor(x / 86_400_000) * 86_400_000;
    } };
  },
  abs: (args) => {
    arity('abs', args, 1);
    return { t: args[0].t, f: (r) => {
      const x = args[0].f(r) as number | null;
      return x === null ? null : Math.abs(x);
    } };
  },
};
