import type { Expr, Named, Op, Query, SortKey } from './ast';
import { semanticError, syntaxError } from './errors';
import { lex, type Token } from './lexer';

const CMP = new Set(['==', '!=', '=~', '!~', '<', '<=', '>', '>=']);
const STR_OPS = new Set(['has', '!has', 'has_cs', '!has_cs', 'contains', '!contains', 'contains_cs', '!contains_cs', 'startswith', '!startswith',
  'startswith_cs', '!startswith_cs', 'endswith', '!endswith', 'endswith_cs', '!endswith_cs', 'matches']);
const UNSUPPORTED_OPS = new Set(['join', 'union', 'mv-expand', 'mv-apply', 'parse', 'make-series', 'render', 'evaluate', 'lookup', 'search', 'find',
  'print', 'range', 'datatable', 'externaldata', 'sample', 'serialize', 'as', 'invoke', 'fork', 'facet', 'partition', 'scan', 'project-keep', 'project-reorder', 'getschema', 'top-nested', 'reduce']);

/** Recursive-descent parser for the documented subset; anything else is a SyntaxError or "not supported" SemanticError. */
class Parser {
  private i = 0;
  constructor(private readonly toks: Token[]) {}

  private peek(o = 0): Token {
    return this.toks[Math.min(this.i + o, this.toks.length - 1)];
  }
  private next(): Token {
    return this.toks[this.i++];
  }
  private isOp(text: string, o = 0): boolean {
    const t = this.peek(o);
    return t.kind === 'op' && t.text === text;
  }
  private isWord(word: string, o = 0): boolean {
    const t = this.peek(o);
    return t.kind === 'ident' && t.text.toLowerCase() === word;
  }
  fail(t: Token = this.peek()): never {
    throw syntaxError(`Query could not be parsed at '${t.text}' on line [${t.line},${t.col}]`, { line: t.line, pos: t.col, token: t.text });
  }
  private expectOp(text: string): void {
    if (!this.isOp(text)) this.fail();
    this.i++;
  }
  private expectWord(word: string): void {
    if (!this.isWord(word)) this.fail();
    this.i++;
  }
  private ident(): string {
    const t = this.peek();
    if (t.kind !== 'ident' || t.text.startsWith('!')) this.fail();
    this.i++;
    return t.text;
  }

  query(): Query {
    const lets: Query['lets'] = [];
    while (this.isWord('let')) {
      this.i++;
      const name = this.ident();
      this.expectOp('=');
      if (this.peek().kind === 'ident' && this.isOp('|', 1)) throw semanticError(`let '${name}': tabular let statements are not supported by the simulator`, 'SEM0001');
      lets.push({ name, e: this.expr() });
      this.expectOp(';');
    }
    const head = this.peek();
    if (head.kind !== 'ident') this.fail();
    if (UNSUPPORTED_OPS.has(head.text.toLowerCase())) throw semanticError(`'${head.text}' is not supported by the simulator`, 'SEM0001');
    const table = this.ident();
    const ops: Op[] = [];
    while (this.isOp('|')) {
      this.i++;
      ops.push(this.operator());
    }
    if (this.isOp(';')) this.i++;
    if (this.peek().kind !== 'eof') this.fail();
    return { lets, table, ops };
  }

  private operator(): Op {
    const t = this.next();
    if (t.kind !== 'ident') this.fail(t);
    const name = t.text.toLowerCase();
    switch (name) {
      case 'where':
      case 'filter':
        return { op: 'where', pred: this.expr() };
      case 'extend':
        return { op: 'extend', items: this.namedList() };
      case 'project':
        return { op: 'project', items: this.namedList() };
      case 'project-away':
        return { op: 'project-away', names: this.list(() => this.ident()) };
      case 'project-rename':
        return {
          op: 'project-rename',
          items: this.list(() => {
            const to = this.ident();
            this.expectOp('=');
            return { to, from: this.ident() };
          }),
        };
      case 'summarize': {
        const aggs = this.isWord('by') ? [] : this.namedList();
        let by: Named[] = [];
        if (this.isWord('by')) {
          this.i++;
          by = this.namedList();
        }
        return { op: 'summarize', aggs, by };
      }
      case 'order':
      case 'sort':
        this.expectWord('by');
        return { op: 'sort', keys: this.list(() => this.sortKey()) };
      case 'take':
      case 'limit':
        return { op: 'take', n: this.expr() };
      case 'top': {
        const n = this.expr();
        this.expectWord('by');
        return { op: 'top', n, key: this.sortKey() };
      }
      case 'count':
        return { op: 'count' };
      case 'distinct':
        if (this.isOp('*')) {
          this.i++;
          return { op: 'distinct', items: [] };
        }
        return { op: 'distinct', items: this.namedList() };
      default:
        if (UNSUPPORTED_OPS.has(name)) throw semanticError(`'${t.text}' operator is not supported by the simulator`, 'SEM0001');
        return this.fail(t);
    }
  }

  private list<T>(item: () => T): T[] {
    const out = [item()];
    while (this.isOp(',')) {
      this.i++;
      out.push(item());
    }
    return out;
  }

  private namedList(): Named[] {
    return this.list(() => {
      if (this.peek().kind === 'ident' && this.isOp('=', 1)) {
        const name = this.ident();
        this.i++;
        return { name, e: this.expr() };
      }
      return { e: this.expr() };
    });
  }

  private sortKey(): SortKey {
    const e = this.expr();
    let desc = true;
    if (this.isWord('asc')) {
      desc = false;
      this.i++;
    } else if (this.isWord('desc')) this.i++;
    let nullsFirst = !desc;
    if (this.isWord('nulls')) {
      this.i++;
      if (this.isWord('first')) nullsFirst = true;
      else if (this.isWord('last')) nullsFirst = false;
      else this.fail();
      this.i++;
    }
    return { e, desc, nullsFirst };
  }

  expr(): Expr {
    let l = this.and();
    while (this.isWord('or')) {
      this.i++;
      l = { k: 'bin', op: 'or', l, r: this.and() };
    }
    return l;
  }

  private and(): Expr {
    let l = this.comparison();
    while (this.isWord('and')) {
      this.i++;
      l = { k: 'bin', op: 'and', l, r: this.comparison() };
    }
    return l;
  }

  private comparison(): Expr {
    const l = this.additive();
    const t = this.peek();
    if (t.kind === 'op' && CMP.has(t.text)) {
      this.i++;
      return { k: 'bin', op: t.text, l, r: this.additive() };
    }
    if (t.kind !== 'ident') return l;
    const w = t.text.toLowerCase();
    if (STR_OPS.has(w)) {
      if (w === 'matches') {
        this.i++;
        this.expectWord('regex');
        throw semanticError("'matches regex' is not supported by the simulator", 'SEM0001');
      }
      this.i++;
      return { k: 'bin', op: w, l, r: this.additive() };
    }
    if (w === 'in' || w === '!in' || w === 'in~' || w === '!in~') {
      this.i++;
      this.expectOp('(');
      const list = this.isOp(')') ? [] : this.list(() => this.expr());
      this.expectOp(')');
      return { k: 'in', e: l, list, neg: w.startsWith('!'), ci: w.endsWith('~') };
    }
    if (w === 'between' || w === '!between') {
      this.i++;
      this.expectOp('(');
      const lo = this.additive();
      this.expectOp('..');
      const hi = this.additive();
      this.expectOp(')');
      return { k: 'between', e: l, lo, hi, neg: w.startsWith('!') };
    }
    return l;
  }

  private additive(): Expr {
    let l = this.multiplicative();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.next().text;
      l = { k: 'bin', op, l, r: this.multiplicative() };
    }
    return l;
  }

  private multiplicative(): Expr {
    let l = this.unary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
      const op = this.next().text;
      l = { k: 'bin', op, l, r: this.unary() };
    }
    return l;
  }

  private unary(): Expr {
    if (this.isOp('-')) {
      this.i++;
      return { k: 'neg', e: this.unary() };
    }
    if (this.isOp('+')) this.i++;
    return this.postfix();
  }

  private postfix(): Expr {
    let e = this.primary();
    for (;;) {
      if (this.isOp('[')) {
        this.i++;
        const idx = this.expr();
        this.expectOp(']');
        e = { k: 'index', e, idx };
      } else if (this.isOp('.') && this.peek(1).kind === 'ident') {
        this.i++;
        e = { k: 'index', e, idx: { k: 'lit', t: 'string', v: this.ident() } };
      } else return e;
    }
  }

  private primary(): Expr {
    const t = this.next();
    switch (t.kind) {
      case 'string':
        return { k: 'lit', t: 'string', v: t.text };
      case 'long':
        return { k: 'lit', t: 'long', v: t.num };
      case 'real':
        return { k: 'lit', t: 'real', v: t.num };
      case 'timespan':
        return { k: 'lit', t: 'timespan', v: t.num ?? parseTimespan(t.text, () => this.fail(t)) };
      case 'datetime':
        return { k: 'lit', t: 'datetime', v: parseDatetime(t.text, () => this.fail(t)) };
      case 'dynamic':
        return { k: 'lit', t: 'dynamic', v: parseDynamic(t.text, () => this.fail(t)) };
      case 'op':
        if (t.text === '(') {
          const e = this.expr();
          this.expectOp(')');
          return e;
        }
        if (t.text === '*') return { k: 'star' };
        return this.fail(t);
      case 'ident': {
        const w = t.text.toLowerCase();
        if (w === 'true' || w === 'false') return { k: 'lit', t: 'bool', v: w === 'true' };
        if (this.isOp('(')) {
          this.i++;
          const args = this.isOp(')') ? [] : this.list(() => this.expr());
          this.expectOp(')');
          return { k: 'call', name: w, args };
        }
        if (t.text.startsWith('!')) return this.fail(t);
        return { k: 'col', name: t.text };
      }
      default:
        return this.fail(t);
    }
  }
}

/** datetime(...) bodies: ISO dates with or without time/zone (UTC assumed), optionally quoted; null allowed. */
export function parseDatetime(raw: string, fail: () => never): number | null {
  const s = raw.replace(/^['"]|['"]$/g, '').trim();
  if (s.toLowerCase() === 'null') return null;
  if (!/^\d{4}-\d{2}-\d{2}/.test(s)) return fail();
  const iso = s.replace(' ', 'T');
  const ms = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(iso.slice(10)) ? iso : `${iso}${iso.length === 10 ? 'T00:00:00' : ''}Z`);
  return Number.isNaN(ms) ? fail() : ms;
}

/** timespan(...) bodies: "1d"/"10m" style or [d.]hh:mm[:ss[.fff]]. */
function parseTimespan(raw: string, fail: () => never): number {
  const s = raw.trim();
  const unit = /^(\d+(?:\.\d+)?)(d|h|m|s|ms)$/i.exec(s);
  if (unit) return Number(unit[1]) * { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 }[unit[2].toLowerCase() as 'd']!;
  const m = /^(?:(\d+)\.)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/.exec(s);
  if (!m) return fail();
  return ((Number(m[1] ?? 0) * 24 + Number(m[2])) * 60 + Number(m[3])) * 60_000 + Number(m[4] ?? 0) * 1000 + Number(`0.${m[5] ?? 0}`) * 1000;
}

function parseDynamic(raw: string, fail: () => never): unknown {
  try {
    return JSON.parse(raw.replace(/'((?:[^'\\]|\\.)*)'/g, (_m, s: string) => JSON.stringify(s)));
  } catch {
    return fail();
  }
}

export function parse(src: string): Query {
  return new Parser(lex(src)).query();
}
