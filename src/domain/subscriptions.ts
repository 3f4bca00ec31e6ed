// Naming a subscription the way people do: by id, or by a unique, case-insensitive prefix of its display name.

export interface NamedSubscription {
  subscriptionId: string;
  displayName: string;
}

export interface ResolveError {
  token: string;
  message: string;
  candidates: string[];
}

export interface ResolveResult<T extends NamedSubscription> {
  matched: T[];
  errors: ResolveError[];
}

const MAX_CANDIDATES = 5;

/** Levenshtein distance; inputs are short display names, so the O(n·m) table is fine. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return prev[b.length];
}

const label = (s: NamedSubscription): string => `${s.displayName} (${s.subscriptionId})`;

/** Smallest edit distance between the token and any stretch of the name about as long as the token. */
function windowDistance(token: string, name: string): number {
  let best = editDistance(token, name);
  for (const len of [token.length - 1, token.length, token.length + 1]) {
    if (len < 1 || len > name.length) continue;
    for (let i = 0; i + len <= name.length; i++) best = Math.min(best, editDistance(token, name.slice(i, i + len)));
  }
  return best;
}

/** Closest names first: names containing the token, then the nearest by edit distance over the name or the id. */
function closest<T extends NamedSubscription>(all: readonly T[], token: string): T[] {
  const t = token.toLowerCase();
  const score = (s: T): number => {
    const name = s.displayName.toLowerCase();
    if (name.includes(t)) return 0;
    return 1 + Math.min(windowDistance(t, name), editDistance(t, s.subscriptionId.toLowerCase()));
  };
  return [...all]
    .map((s) => ({ s, d: score(s) }))
    .sort((x, y) => x.d - y.d || x.s.displayName.localeCompare(y.s.displayName))
    .slice(0, MAX_CANDIDATES)
    .map((x) => x.s);
}

export function resolveSubscriptions<T extends NamedSubscription>(all: readonly T[], tokens: readonly string[]): ResolveResult<T> {
  const matched = new Map<string, T>();
  const errors: ResolveError[] = [];
  for (const raw of tokens) {
    const token = raw.trim();
    if (!token) continue;
    const lower = token.toLowerCase();
    const byId = all.find((s) => s.subscriptionId.toLowerCase() === lower);
    const exactName = all.filter((s) => s.displayName.toLowerCase() === lower);
    const hits = byId ? [byId] : exactName.length ? exactName : all.filter((s) => s.displayName.toLowerCase().startsWith(lower));
    if (hits.length === 1) {
      matched.set(hits[0].subscriptionId, hits[0]);
    } else if (hits.length > 1) {
      errors.push({
        token,
        message: `"${token}" matches ${hits.length} subscriptions; use more of the name or the subscription id.`,
        candidates: hits.slice(0, MAX_CANDIDATES * 2).map(label),
      });
    } else {
      const near = closest(all, token);
      errors.push({
        token,
        message: `No subscription is named "${token}"${near.length ? '; did you mean one of these?' : ' and the identity can see none.'}`,
        candidates: near.map(label),
      });
    }
  }
  return { matched: [...matched.values()], errors };
}
