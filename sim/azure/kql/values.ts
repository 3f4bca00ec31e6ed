import type { ScalarType } from './ast';

/** Runtime conventions: datetime and timespan are epoch/duration milliseconds, dynamic is plain JSON, null is null. */
export const isNumeric = (t: ScalarType): boolean => t === 'int' || t === 'long' || t === 'real';

export function fmtDatetime(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

export function fmtTimespan(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  const days = Math.floor(rest / 86_400_000);
  rest -= days * 86_400_000;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  const frac = Math.round((rest - s * 1000) * 10_000);
  const p2 = (n: number): string => String(n).padStart(2, '0');
  return `${sign}${days ? `${days}.` : ''}${p2(h)}:${p2(m)}:${p2(s)}${frac ? `.${String(frac).padStart(7, '0')}` : ''}`;
}

export function toStr(v: unknown, t: ScalarType): string {
  if (v === null || v === undefined) return '';
  switch (t) {
    case 'datetime':
      return fmtDatetime(v as number);
    case 'timespan':
      return fmtTimespan(v as number);
    case 'dynamic':
      return typeof v === 'string' ? v : JSON.stringify(v);
    default:
      return String(v);
  }
}

/** Total order used by sort, min/max and arg_max; callers handle nulls. */
export function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const x = typeof a === 'string' ? a : JSON.stringify(a);
  const y = typeof b === 'string' ? b : JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Values as the Log Analytics REST API returns them: dynamic cells are JSON text, datetimes ISO strings. */
export function wireValue(v: unknown, t: ScalarType): unknown {
  if (v === null || v === undefined) return null;
  switch (t) {
    case 'datetime':
      return fmtDatetime(v as number);
    case 'timespan':
      return fmtTimespan(v as number);
    case 'dynamic':
      return JSON.stringify(v);
    default:
      return v;
  }
}
