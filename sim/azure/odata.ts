import { badRequest } from './errors';

/** The small OData subset Sentinel list calls use: `a/b eq 'x' and c ne 'y'`, `$orderby=a/b desc`. */
type Cmp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

const get = (obj: Record<string, any>, path: string): unknown => path.split('/').reduce<any>((o, k) => (o == null ? undefined : o[k]), obj);

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a ?? '').toLowerCase().localeCompare(String(b ?? '').toLowerCase());
}

export function odataFilter(filter: string | null): (o: Record<string, any>) => boolean {
  if (!filter?.trim()) return () => true;
  const clauses = filter.trim().split(/\s+and\s+/i).map((c) => {
    const m = /^([\w/]+)\s+(eq|ne|gt|ge|lt|le)\s+('(?:[^']|'')*'|-?\d+(?:\.\d+)?|true|false|null)$/i.exec(c.trim());
    if (!m) throw badRequest(`Invalid $filter clause '${c}'.`);
    const raw = m[3];
    const value: unknown = raw.startsWith("'") ? raw.slice(1, -1).replace(/''/g, "'") : raw === 'null' ? null : raw === 'true' ? true : raw === 'false' ? false : Number(raw);
    return { path: m[1], op: m[2].toLowerCase() as Cmp, value };
  });
  return (o) => clauses.every(({ path, op, value }) => {
    const v = get(o, path);
    const c = compare(v, value);
    switch (op) {
      case 'eq': return value === null ? v == null : c === 0;
      case 'ne': return value === null ? v != null : c !== 0;
      case 'gt': return c > 0;
      case 'ge': return c >= 0;
      case 'lt': return c < 0;
      default: return c <= 0;
    }
  });
}

export function odataOrderBy(orderby: string | null): ((a: Record<string, any>, b: Record<string, any>) => number) | undefined {
  if (!orderby?.trim()) return undefined;
  const keys = orderby.split(',').map((k) => {
    const m = /^\s*([\w/]+)(?:\s+(asc|desc))?\s*$/i.exec(k);
    if (!m) throw badRequest(`Invalid $orderby '${orderby}'.`);
    return { path: m[1], desc: m[2]?.toLowerCase() === 'desc' };
  });
  return (a, b) => {
    for (const k of keys) {
      const c = compare(get(a, k.path), get(b, k.path));
      if (c !== 0) return k.desc ? -c : c;
    }
    return 0;
  };
}
