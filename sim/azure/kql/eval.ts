import type { Expr, Named, Op, Query, ScalarType, SortKey } from './ast';
import { semanticError } from './errors';
import { FUNCTIONS, INGEST, type Compiled, type Row } from './functions';
import { parse } from './parser';
import { compareValues, isNumeric, toStr, wireValue } from './values';

export interface Column {
  name: string;
  type: ScalarType;
}

export interface Table {
  columns: Column[];
  rows: Row[];
}

export interface QueryOptions {
  now?: number;
  /** Inclusive TimeGenerated window applied to source tables (the API's `timespan`). */
  window?: { start: number; end: number };
}

interface Env {
  cols: Map<string, ScalarType>;
  lets: Map<string, Compiled>;
  op: string;
  now: number;
}

const AGGREGATES = new Set(['count', 'countif', 'dcount', 'sum', 'avg', 'min', 'max', 'arg_max', 'arg_min', 'make_set', 'make_list', 'take_any', 'any']);

function compile(e: Expr, env: Env): Compiled {
  switch (e.k) {
    case 'lit':
      return { t: e.t, f: () => e.v, constant: true };
    case 'col': {
      const t = env.cols.get(e.name);
      if (t) return { t, f: (r) => r[e.name] ?? null };
      const l = env.lets.get(e.name);
      if (l) return l;
      throw semanticError(`'${env.op}' operator: Failed to resolve scalar expression named '${e.name}'`);
    }
    case 'star':
      throw semanticError(`'${env.op}' operator: '*' is only valid inside arg_max()/arg_min()`, 'SEM0001');
    case 'call': {
      if (AGGREGATES.has(e.name)) throw semanticError(`'${env.op}' operator: aggregate function '${e.name}' is only valid inside summarize`, 'SEM0001');
      const impl = FUNCTIONS[e.name];
      if (!impl) throw semanticError(`'${env.op}' operator: Failed to resolve function named '${e.name}' (not supported by the simulator)`, 'SEM0260');
      const args = e.args.map((a) => compile(a, env));
      return impl(args, { now: env.now });
    }
    case 'neg': {
      const a = compile(e.e, env);
      if (!isNumeric(a.t) && a.t !== 'timespan') throw semanticError(`Unary minus is not defined for type '${a.t}'`, 'SEM0001');
      return { t: a.t, constant: a.constant, f: (r) => {
        const v = a.f(r) as number | null;
        return v === null ? null : -v;
      } };
    }
    case 'index': {
      const base = compile(e.e, env);
      const idx = compile(e.idx, env);
      if (base.t !== 'dynamic') throw semanticError(`'${env.op}' operator: indexing requires a dynamic value, got '${base.t}'`, 'SEM0001');
      return { t: 'dynamic', f: (r) => {
        const b = base.f(r) as any;
        const i = idx.f(r) as any;
        if (b === null || typeof b !== 'object') return null;
        const v = Array.isArray(b) && typeof i === 'number' ? b[i < 0 ? b.length + i : i] : b[i];
        return v === undefined ? null : v;
      } };
    }
    case 'in': {
      const a = compile(e.e, env);
      const list = e.list.map((x) => compile(x, env));
      return { t: 'bool', f: (r) => {
        const v = a.f(r);
        const hit = list.some((x) => (e.ci ? equalsCi(v, a.t, x.f(r), x.t) : equals(v, a.t, x.f(r), x.t)));
        return e.neg ? !hit : hit;
      } };
    }
    case 'between': {
      const a = compile(e.e, env);
      const lo = compile(e.lo, env);
      const hi = compile(e.hi, env);
      comparable(a.t, lo.t, env);
      comparable(a.t, hi.t, env);
      return { t: 'bool', f: (r) => {
        const v = a.f(r);
        const l = lo.f(r);
        const h = hi.f(r);
        if (v === null || l === null || h === null) return false;
        const inside = compareValues(v, l) >= 0 && compareValues(v, h) <= 0;
        return e.neg ? !inside : inside;
      } };
    }
    case 'bin':
      return binary(e.op, compile(e.l, env), compile(e.r, env), env);
  }
}

function equals(a: unknown, at: ScalarType, b: unknown, bt: ScalarType): boolean {
  if (a === null || b === null) return false;
  if (at === 'dynamic' || bt === 'dynamic') return toStr(a, at) === toStr(b, bt);
  return a === b;
}

function equalsCi(a: unknown, at: ScalarType, b: unknown, bt: ScalarType): boolean {
  if (a === null || b === null) return false;
  return toStr(a, at).toLowerCase() === toStr(b, bt).toLowerCase();
}

function comparable(a: ScalarType, b: ScalarType, env: Env): void {
  if (a === b || a === 'dynamic' || b === 'dynamic' || (isNumeric(a) && isNumeric(b))) return;
  throw semanticError(`'${env.op}' operator: Cannot compare values of types ${a} and ${b}. Try adding explicit casts`, 'SEM0009');
}

/** Term match for `has`: the needle must sit on non-alphanumeric boundaries (case-insensitive unless _cs). */
function hasTerm(hay: string, needle: string, cs: boolean): boolean {
  if (!needle) return true;
  const h = cs ? hay : hay.toLowerCase();
  const n = cs ? needle : needle.toLowerCase();
  const word = /[\p{L}\p{N}_]/u;
  for (let i = h.indexOf(n); i >= 0; i = h.indexOf(n, i + 1)) {
    const before = i === 0 ? '' : h[i - 1];
    const after = h[i + n.length] ?? '';
    if ((!before || !word.test(before)) && (!after || !word.test(after))) return true;
  }
  return false;
}

const STRING_PREDICATES: Record<string, (h: string, n: string) => boolean> = {
  has: (h, n) => hasTerm(h, n, false),
  has_cs: (h, n) => hasTerm(h, n, true),
  contains: (h, n) => h.toLowerCase().includes(n.toLowerCase()),
  contains_cs: (h, n) => h.includes(n),
  startswith: (h, n) => h.toLowerCase().startsWith(n.toLowerCase()),
  startswith_cs: (h, n) => h.startsWith(n),
  endswith: (h, n) => h.toLowerCase().endsWith(n.toLowerCase()),
  endswith_cs: (h, n) => h.endsWith(n),
};

function arithmetic(op: string, l: Compiled, r: Compiled, env: Env): ScalarType {
  const [a, b] = [l.t, r.t];
  if (isNumeric(a) && isNumeric(b)) return a === 'real' || b === 'real' ? 'real' : a === 'int' && b === 'int' ? 'int' : 'long';
  if (op === '+' && ((a === 'datetime' && b === 'timespan') || (a === 'timespan' && b === 'datetime'))) return 'datetime';
  if (op === '-' && a === 'datetime' && b === 'timespan') return 'datetime';
  if (op === '-' && a === 'datetime' && b === 'datetime') return 'timespan';
  if ((op === '+' || op === '-') && a === 'timespan' && b === 'timespan') return 'timespan';
  if ((op === '*' || op === '/') && a === 'timespan' && isNumeric(b)) return 'timespan';
  if (op === '*' && isNumeric(a) && b === 'timespan') return 'timespan';
  if (op === '/' && a === 'timespan' && b === 'timespan') return 'real';
  throw semanticError(`'${env.op}' operator: Operator '${op}' is not defined for types '${a}' and '${b}'`, 'SEM0009');
}

function binary(op: string, l: Compiled, r: Compiled, env: Env): Compiled {
  const constant = l.constant && r.constant;
  if (op === 'and' || op === 'or') {
    for (const x of [l, r]) if (x.t !== 'bool') throw semanticError(`'${env.op}' operator: '${op}' requires bool operands, got '${x.t}'`, 'SEM0009');
    return op === 'and' ? { t: 'bool', f: (row) => l.f(row) === true && r.f(row) === true } : { t: 'bool', f: (row) => l.f(row) === true || r.f(row) === true };
  }
  if (op === '+' || op === '-' || op === '*' || op === '/' || op === '%') {
    const t = arithmetic(op, l, r, env);
    return { t, constant, f: (row) => {
      const a = l.f(row) as number | null;
      const b = r.f(row) as number | null;
      if (a === null || b === null) return null;
      switch (op) {
        case '+': return a + b;
        case '-': return a - b;
        case '*': return a * b;
        case '/': return b === 0 ? null : t === 'long' || t === 'int' ? Math.trunc(a / b) : a / b;
        default: return b === 0 ? null : a % b;
      }
    } };
  }
  if (op === '=~' || op === '!~') {
    const neg = op === '!~';
    return { t: 'bool', f: (row) => equalsCi(l.f(row), l.t, r.f(row), r.t) !== neg };
  }
  if (op === '==' || op === '!=') {
    comparable(l.t, r.t, env);
    const neg = op === '!=';
    return { t: 'bool', f: (row) => {
      const a = l.f(row);
      const b = r.f(row);
      if (a === null || b === null) return false;
      return equals(a, l.t, b, r.t) !== neg;
    } };
  }
  if (op === '<' || op === '<=' || op === '>' || op === '>=') {
    comparable(l.t, r.t, env);
    return { t: 'bool', f: (row) => {
      const a = l.f(row);
      const b = r.f(row);
      if (a === null || b === null) return false;
      const c = compareValues(a, b);
      return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
    } };
  }
  const neg = op.startsWith('!');
  const pred = STRING_PREDICATES[neg ? op.slice(1) : op];
  if (!pred) throw semanticError(`'${env.op}' operator: '${op}' is not supported by the simulator`, 'SEM0001');
  return { t: 'bool', f: (row) => pred(toStr(l.f(row), l.t), toStr(r.f(row), r.t)) !== neg };
}

// ---------- operators ----------

const baseName = (e: Expr): string | undefined => (e.k === 'col' ? e.name : e.k === 'call' && (e.name === 'bin' || e.name === 'floor') && e.args[0]?.k === 'col' ? e.args[0].name : undefined);

function unique(taken: Set<string>, name: string): string {
  let n = name;
  for (let i = 1; taken.has(n); i++) n = `${name}${i}`;
  taken.add(n);
  return n;
}

function envFor(t: Table, lets: Map<string, Compiled>, op: string, now: number): Env {
  return { cols: new Map(t.columns.map((c) => [c.name, c.type])), lets, op, now };
}

function constLong(e: Expr, env: Env): number {
  const c = compile(e, env);
  if (!c.constant || !isNumeric(c.t)) throw semanticError(`'${env.op}' operator: expected a constant number`, 'SEM0001');
  return Math.max(0, Math.trunc(c.f({}) as number));
}

function sortRows(t: Table, keys: SortKey[], env: Env): Row[] {
  const ks = keys.map((k) => ({ ...k, c: compile(k.e, env) }));
  const decorated = t.rows.map((r) => ({ r, v: ks.map((k) => k.c.f(r)) }));
  decorated.sort((a, b) => {
    for (let i = 0; i < ks.length; i++) {
      const x = a.v[i];
      const y = b.v[i];
      if (x === y) continue;
      if (x === null || x === undefined) return ks[i].nullsFirst ? -1 : 1;
      if (y === null || y === undefined) return ks[i].nullsFirst ? 1 : -1;
      const c = compareValues(x, y);
      if (c !== 0) return ks[i].desc ? -c : c;
    }
    return 0;
  });
  return decorated.map((d) => d.r);
}

function project(t: Table, items: Named[], env: Env, keepRest: boolean): Table {
  const taken = new Set<string>(keepRest ? t.columns.map((c) => c.name) : []);
  const compiled = items.map((it, i) => {
    const name = it.name ?? baseName(it.e) ?? `Column${i + 1}`;
    const c = compile(it.e, env);
    if (!keepRest) taken.add(name);
    return { name, c };
  });
  if (keepRest) {
    const cols = [...t.columns];
    for (const { name, c } of compiled) {
      const at = cols.findIndex((x) => x.name === name);
      if (at >= 0) cols[at] = { name, type: c.t };
      else cols.push({ name, type: c.t });
    }
    return { columns: cols, rows: t.rows.map((r) => {
      const out: Row = { ...r };
      for (const { name, c } of compiled) out[name] = c.f(r);
      return out;
    }) };
  }
  return {
    columns: compiled.map(({ name, c }) => ({ name, type: c.t })),
    rows: t.rows.map((r) => {
      const out: Row = {};
      for (const { name, c } of compiled) out[name] = c.f(r);
      return out;
    }),
  };
}

interface Agg {
  cols: Column[];
  init(): any;
  add(s: any, r: Row): any;
  out(s: any): unknown[];
}

function aggregate(it: Named, t: Table, byNames: Set<string>, env: Env, taken: Set<string>): Agg {
  const e = it.e;
  if (e.k !== 'call' || !AGGREGATES.has(e.name)) throw semanticError(`'summarize' operator: expected an aggregate function such as count() or max()`, 'SEM0001');
  const fn = e.name;
  const arg = (i: number): Compiled => {
    if (!e.args[i]) throw semanticError(`Aggregate '${fn}' is missing an argument`, 'SEM0219');
    return compile(e.args[i], env);
  };
  const col = (prefix: string, type: ScalarType): Column[] => {
    const bn = e.args[0] && baseName(e.args[0]);
    return [{ name: unique(taken, it.name ?? (bn ? `${prefix}_${bn}` : `${prefix}_`)), type }];
  };
  const notNull = (v: unknown): boolean => v !== null && v !== undefined && v !== '';
  switch (fn) {
    case 'count':
      return { cols: [{ name: unique(taken, it.name ?? 'count_'), type: 'long' }], init: () => 0, add: (s) => s + 1, out: (s) => [s] };
    case 'countif': {
      const p = arg(0);
      return { cols: [{ name: unique(taken, it.name ?? 'countif_'), type: 'long' }], init: () => 0, add: (s, r) => (p.f(r) === true ? s + 1 : s), out: (s) => [s] };
    }
    case 'dcount': {
      const a = arg(0);
      return { cols: col('dcount', 'long'), init: () => new Set<string>(), add: (s: Set<string>, r) => {
        const v = a.f(r);
        if (v !== null && v !== undefined) s.add(toStr(v, a.t));
        return s;
      }, out: (s: Set<string>) => [s.size] };
    }
    case 'sum':
    case 'avg': {
      const a = arg(0);
      if (!isNumeric(a.t) && a.t !== 'timespan') throw semanticError(`${fn}(): expected a numeric argument, got '${a.t}'`, 'SEM0219');
      const type: ScalarType = fn === 'avg' ? (a.t === 'timespan' ? 'timespan' : 'real') : a.t === 'real' || a.t === 'timespan' ? a.t : 'long';
      return { cols: col(fn, type), init: () => ({ sum: 0, n: 0 }), add: (s, r) => {
        const v = a.f(r) as number | null;
        if (v !== null) {
          s.sum += v;
          s.n++;
        }
        return s;
      }, out: (s) => [fn === 'sum' ? s.sum : s.n ? s.sum / s.n : null] };
    }
    case 'min':
    case 'max': {
      const a = arg(0);
      const sign = fn === 'max' ? 1 : -1;
      return { cols: col(fn, a.t), init: () => null, add: (s, r) => {
        const v = a.f(r);
        return notNull(v) && (s === null || compareValues(v, s) * sign > 0) ? v : s;
      }, out: (s) => [s] };
    }
    case 'arg_max':
    case 'arg_min': {
      const a = arg(0);
      const sign = fn === 'arg_max' ? 1 : -1;
      const first = baseName(e.args[0]);
      const rest = e.args.slice(1);
      const extra: Column[] = rest.length === 1 && rest[0].k === 'star'
        ? t.columns.filter((c) => !byNames.has(c.name) && c.name !== first)
        : rest.map((x) => {
          if (x.k !== 'col') throw semanticError(`${fn}(): output columns must be column names or *`, 'SEM0219');
          const type = env.cols.get(x.name);
          if (!type) throw semanticError(`'summarize' operator: Failed to resolve scalar expression named '${x.name}'`);
          return { name: x.name, type };
        });
      const cols = [{ name: unique(taken, it.name ?? first ?? `${fn.slice(4)}_`), type: a.t }, ...extra.map((c) => ({ name: unique(taken, c.name), type: c.type }))];
      return { cols, init: () => ({ v: null, r: null }), add: (s, r) => {
        const v = a.f(r);
        if (notNull(v) && (s.v === null || compareValues(v, s.v) * sign > 0)) return { v, r };
        return s;
      }, out: (s) => [s.v, ...extra.map((c) => (s.r ? s.r[c.name] ?? null : null))] };
    }
    case 'make_set':
    case 'make_list': {
      const a = arg(0);
      const max = e.args[1] ? constLong(e.args[1], env) : 1_048_576;
      return { cols: col(fn === 'make_set' ? 'set' : 'list', 'dynamic'), init: () => [] as unknown[], add: (s: unknown[], r) => {
        const v = a.f(r);
        if (v !== null && s.length < max && (fn === 'make_list' || !s.some((x) => JSON.stringify(x) === JSON.stringify(v)))) s.push(v);
        return s;
      }, out: (s) => [s] };
    }
    default: {
      const a = arg(0);
      return { cols: col('any', a.t), init: () => undefined, add: (s, r) => (s === undefined ? a.f(r) : s), out: (s) => [s ?? null] };
    }
  }
}

function summarize(t: Table, aggs: Named[], by: Named[], env: Env): Table {
  const taken = new Set<string>();
  const keys = by.map((b, i) => {
    const c = compile(b.e, env);
    return { name: unique(taken, b.name ?? baseName(b.e) ?? `Column${i + 1}`), c };
  });
  const byNames = new Set(keys.map((k) => k.name));
  const compiled = aggs.map((a) => aggregate(a, t, byNames, env, taken));
  const groups = new Map<string, { k: unknown[]; s: any[] }>();
  for (const r of t.rows) {
    const k = keys.map((x) => x.c.f(r));
    const id = JSON.stringify(k);
    let g = groups.get(id);
    if (!g) {
      g = { k, s: compiled.map((a) => a.init()) };
      groups.set(id, g);
    }
    for (let i = 0; i < compiled.length; i++) g.s[i] = compiled[i].add(g.s[i], r);
  }
  // Without "by", summarize yields one row even for empty input (count() = 0).
  if (!keys.length && !groups.size) groups.set('[]', { k: [], s: compiled.map((a) => a.init()) });
  const columns: Column[] = [...keys.map((k) => ({ name: k.name, type: k.c.t })), ...compiled.flatMap((a) => a.cols)];
  const rows = [...groups.values()].map((g) => {
    const vals = [...g.k, ...compiled.flatMap((a, i) => a.out(g.s[i]))];
    const row: Row = {};
    columns.forEach((c, i) => {
      row[c.name] = vals[i] ?? null;
    });
    return row;
  });
  return { columns, rows };
}

function apply(t: Table, op: Op, lets: Map<string, Compiled>, now: number): Table {
  const env = envFor(t, lets, op.op, now);
  switch (op.op) {
    case 'where': {
      const p = compile(op.pred, env);
      if (p.t !== 'bool') throw semanticError(`'where' operator: The predicate of the where operator must be of type bool, but was of type '${p.t}'`, 'SEM0025');
      return { columns: t.columns, rows: t.rows.filter((r) => p.f(r) === true) };
    }
    case 'extend':
      return project(t, op.items, env, true);
    case 'project':
      return project(t, op.items, env, false);
    case 'project-away': {
      for (const n of op.names) if (!env.cols.has(n)) throw semanticError(`'project-away' operator: Failed to resolve scalar expression named '${n}'`);
      const drop = new Set(op.names);
      const columns = t.columns.filter((c) => !drop.has(c.name));
      return project(t, columns.map((c) => ({ e: { k: 'col', name: c.name } })), env, false);
    }
    case 'project-rename': {
      for (const { from } of op.items) if (!env.cols.has(from)) throw semanticError(`'project-rename' operator: Failed to resolve scalar expression named '${from}'`);
      const to = new Map(op.items.map((x) => [x.from, x.to]));
      return {
        columns: t.columns.map((c) => ({ name: to.get(c.name) ?? c.name, type: c.type })),
        rows: t.rows.map((r) => {
          const out: Row = { ...r };
          for (const [from, name] of to) {
            out[name] = r[from];
            delete out[from];
          }
          return out;
        }),
      };
    }
    case 'summarize':
      if (!op.aggs.length && !op.by.length) throw semanticError("'summarize' operator: expected at least one aggregate or by-expression", 'SEM0001');
      return summarize(t, op.aggs, op.by, env);
    case 'sort':
      return { columns: t.columns, rows: sortRows(t, op.keys, env) };
    case 'take':
      return { columns: t.columns, rows: t.rows.slice(0, constLong(op.n, env)) };
    case 'top':
      return { columns: t.columns, rows: sortRows(t, [op.key], env).slice(0, constLong(op.n, env)) };
    case 'count':
      return { columns: [{ name: 'Count', type: 'long' }], rows: [{ Count: t.rows.length }] };
    case 'distinct': {
      const cols = op.items.length ? op.items : t.columns.map((c) => ({ e: { k: 'col', name: c.name } as Expr }));
      const p = project(t, cols, env, false);
      const seen = new Set<string>();
      return { columns: p.columns, rows: p.rows.filter((r) => {
        const id = JSON.stringify(p.columns.map((c) => r[c.name]));
        if (seen.has(id)) return false;
        seen.add(id);
        return true;
      }) };
    }
  }
}

export type TableSource = (window?: QueryOptions['window']) => Table;

/** Parses, type-checks and runs a query against the given tables. */
export function runQuery(text: string, tables: Record<string, TableSource>, opts: QueryOptions = {}): Table {
  const q: Query = parse(text);
  const now = opts.now ?? Date.now();
  const lets = new Map<string, Compiled>();
  for (const l of q.lets) {
    const c = compile(l.e, { cols: new Map(), lets, op: 'let', now });
    const v = c.f({});
    lets.set(l.name, { t: c.t, f: () => v, constant: true });
  }
  const source = tables[q.table];
  if (!source) throw semanticError(`'${q.ops[0]?.op ?? q.table}' operator: Failed to resolve table or column expression named '${q.table}'`);
  let t = source(opts.window);
  for (const op of q.ops) t = apply(t, op, lets, now);
  return t;
}

/** The Log Analytics REST shape for one result table. */
export function toWire(t: Table) {
  return {
    name: 'PrimaryResult',
    columns: t.columns.map((c) => ({ name: c.name, type: c.type })),
    rows: t.rows.map((r) => t.columns.map((c) => wireValue(r[c.name], c.type))),
  };
}

export { INGEST };
