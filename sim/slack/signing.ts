import { createHmac } from 'node:crypto';

export interface SignedHeaders {
  'X-Slack-Request-Timestamp': string;
  'X-Slack-Signature': string;
}

/**
 * Signs a request body exactly as Slack does: `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{rawBody}`.
 * `ts` is in seconds; pass an old one (now − 301) to forge a stale request, or another secret to forge a bad signature.
 */
export function signRequest(secret: string, body: string, ts: number = Math.floor(Date.now() / 1000)): SignedHeaders {
  const signature = createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex');
  return { 'X-Slack-Request-Timestamp': String(ts), 'X-Slack-Signature': `v0=${signature}` };
}
