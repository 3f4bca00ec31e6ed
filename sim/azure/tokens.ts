import { createHmac, randomBytes } from 'node:crypto';

/** Claims carried in simulator-issued access tokens. */
export interface TokenClaims {
  aud: string;
  iss: string;
  tid: string;
  oid: string;
  appid: string;
  iat: number;
  nbf: number;
  exp: number;
}

const b64url = (s: string): string => Buffer.from(s).toString('base64url');

/**
 * JWT-shaped tokens signed with a per-process HMAC key: the SDKs can treat them as opaque, the
 * simulator can verify them statelessly, and they survive scenario reloads.
 */
export class TokenIssuer {
  private readonly key = randomBytes(32);
  private readonly cache = new Map<string, TokenClaims | null>();

  issue(claims: TokenClaims): string {
    const head = b64url(JSON.stringify({ typ: 'JWT', alg: 'HS256', kid: 'azure-sim' }));
    const body = b64url(JSON.stringify(claims));
    const sig = createHmac('sha256', this.key).update(`${head}.${body}`).digest('base64url');
    return `${head}.${body}.${sig}`;
  }

  /** Returns the claims of a valid token (cached; the cache is bounded to stay cheap under load). */
  verify(token: string): TokenClaims | null {
    const hit = this.cache.get(token);
    if (hit !== undefined) return hit;
    let claims: TokenClaims | null = null;
    const parts = token.split('.');
    if (parts.length === 3) {
      const sig = createHmac('sha256', this.key).update(`${parts[0]}.${parts[1]}`).digest('base64url');
      if (sig === parts[2]) {
        try {
          claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString()) as TokenClaims;
        } catch {
          claims = null;
        }
      }
    }
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(token, claims);
    return claims;
  }
}
