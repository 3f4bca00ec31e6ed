import { syntaxError } from './errors';

export type TokKind = 'ident' | 'string' | 'long' | 'real' | 'timespan' | 'datetime' | 'dynamic' | 'op' | 'eof';

export interface Token {
  kind: TokKind;
  /** Identifier/operator text, decoded string value, or raw literal body. */
  text: string;
  /** Numeric value (long, real, timespan in ms). */
  num?: number;
  line: number;
  col: number;
}

const HYPHENATED = new Set(['project-away', 'project-rename', 'project-keep', 'project-reorder', 'mv-expand', 'mv-apply', 'make-series']);
const OPS = ['..', '==', '!=', '=~', '!~', '<=', '>=', '<', '>', '=', '+', '-', '*', '/', '%', '(', ')', '[', ']', ',', ';', '|', '.', '{', '}', ':'];

/** Timespan units in milliseconds. */
const UNITS: Record<string, number> = {
  d: 86_400_000, day: 86_400_000, days: 86_400_000,
  h: 3_600_000, hr: 3_600_000, hrs: 3_600_000, hour: 3_600_000, hours: 3_600_000,
  m: 60_000, min: 60_000, minute: 60_000, minutes: 60_000,
  s: 1000, sec: 1000, second: 1000, seconds: 1000,
  ms: 1, milli: 1, millis: 1, millisecond: 1, milliseconds: 1,
  microsecond: 0.001, microseconds: 0.001, tick: 0.0001, ticks: 0.0001,
};

const isIdStart = (c: string): boolean => /[A-Za-z_$]/.test(c);
const isId = (c: string): boolean => /[A-Za-z0-9_$]/.test(c);

export function lex(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const at = (): { line: number; col: number } => ({ line, col: i - lineStart + 1 });
  const fail = (msg: string): never => {
    const { line: l, col } = at();
    throw syntaxError(`${msg} on line [${l},${col}]`, { line: l, pos: col, token: src.slice(i, i + 10) });
  };

  /** Raw text of a balanced (...) group starting at src[i] === '('. */
  const balanced = (): string => {
    let depth = 0;
    const start = i;
    let quote = '';
    for (; i < src.length; i++) {
      const c = src[i];
      if (quote) {
        if (c === '\\') i++;
        else if (c === quote) quote = '';
        continue;
      }
      if (c === '"' || c === "'") quote = c;
      else if (c === '(') depth++;
      else if (c === ')' && --depth === 0) {
        i++;
        return src.slice(start + 1, i - 1).trim();
      }
    }
    return fail('Unterminated literal');
  };

  const readString = (q: string, verbatim: boolean): string => {
    let s = '';
    i++;
    while (i < src.length && src[i] !== q) {
      const c = src[i];
      if (c === '\n') fail('Unterminated string literal');
      if (!verbatim && c === '\\') {
        const n = src[i + 1];
        const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };
        if (n === 'u') {
          s += String.fromCharCode(parseInt(src.slice(i + 2, i + 6), 16));
          i += 6;
          continue;
        }
        if (map[n] === undefined) fail(`Invalid escape sequence '\\${n}'`);
        s += map[n];
        i += 2;
        continue;
      }
      if (verbatim && c === q && src[i + 1] === q) {
        s += q;
        i += 2;
        continue;
      }
      s += c;
      i++;
    }
    if (i >= src.length) fail('Unterminated string literal');
    i++;
    return s;
  };

  while (i < src.length) {
    const c = src[i];
    if (c === '\n') {
      i++;
      line++;
      lineStart = i;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    const pos = at();
    if (c === '"' || c === "'") {
      out.push({ kind: 'string', text: readString(c, false), ...pos });
      continue;
    }
    if ((c === '@' || c === 'h' || c === 'H') && (src[i + 1] === '"' || src[i + 1] === "'")) {
      i++;
      out.push({ kind: 'string', text: readString(src[i], c === '@'), ...pos });
      continue;
    }
    if (/[0-9]/.test(c)) {
      const m = /^(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)([A-Za-z]*)/.exec(src.slice(i, i + 64))!;
      i += m[0].length;
      const n = Number(m[1]);
      if (m[2]) {
        const unit = UNITS[m[2].toLowerCase()];
        if (unit === undefined) fail(`Unexpected '${m[0]}'`);
        out.push({ kind: 'timespan', text: m[0], num: n * unit, ...pos });
      } else out.push({ kind: /[.eE]/.test(m[1]) ? 'real' : 'long', text: m[1], num: n, ...pos });
      continue;
    }
    if (isIdStart(c) || (c === '!' && isIdStart(src[i + 1] ?? ''))) {
      const start = i;
      i++;
      while (i < src.length && isId(src[i])) i++;
      let word = src.slice(start, i);
      if (src[i] === '~' && /^!?in$/i.test(word)) {
        word += '~';
        i++;
      }
      const hy = /^-([a-z]+)/.exec(src.slice(i, i + 20));
      if (hy && HYPHENATED.has(`${word}-${hy[1]}`.toLowerCase())) {
        word = `${word}-${hy[1]}`;
        i += hy[0].length;
      }
      const lower = word.toLowerCase();
      let j = i;
      while (j < src.length && /[ \t]/.test(src[j])) j++;
      if ((lower === 'datetime' || lower === 'timespan' || lower === 'dynamic') && src[j] === '(') {
        i = j;
        const body = balanced();
        out.push({ kind: lower as TokKind, text: body, ...pos });
        continue;
      }
      out.push({ kind: 'ident', text: word, ...pos });
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) fail(`Unexpected character '${c}'`);
    i += op!.length;
    out.push({ kind: 'op', text: op!, ...pos });
  }
  out.push({ kind: 'eof', text: '<end of query>', line, col: i - lineStart + 1 });
  return out;
}
