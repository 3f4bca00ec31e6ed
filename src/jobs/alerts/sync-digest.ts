// Posts a channel's storm digest once (claim + reconcile), then keeps it updated in place.
import { randomUUID } from 'node:crypto';
import { digestQuery, logsQueryUrl } from '../../alerts/links';
import { digestMessage } from '../../slack/alerts/digest-view';
import { DIGEST_EVENT_TYPE } from '../../slack/alerts/ids';
import { SlackRetryLater } from '../../slack/alerts/notifier';
import { CLAIM_TTL_MS, type SyncOutcome } from './sync-card';
import type { AlertJobDeps } from './deps';
import type { SyncDigestData } from './names';

export async function syncDigest(deps: AlertJobDeps, { channel, digestId }: SyncDigestData): Promise<SyncOutcome> {
  const { store, notifier } = deps;
  const lock = randomUUID();
  const claimKey = `digest:${digestId}`;
  if (!(await store.claim(channel, claimKey, lock, CLAIM_TTL_MS))) throw new SlackRetryLater(1000, 'paced');
  try {
    const digest = await store.getDigest(channel, digestId);
    if (!digest) return 'skipped';
    const message = digestMessage(digest.state, logsQueryUrl(digestQuery(digest.state.firstIngestedAt, digest.state.lastIngestedAt), deps.portal));
    const metadata = { event_type: DIGEST_EVENT_TYPE, event_payload: { digestId } };
    if (digest.ts) {
      await notifier.update(channel, digest.ts, message);
      return 'updated';
    }
    const found = digest.pendingSince ? await notifier.findPosted(channel, metadata, digest.pendingSince) : undefined;
    if (found) {
      await store.updateDigest(channel, digestId, { ts: found }, ['pendingSince']);
      await notifier.update(channel, found, message);
      return 'adopted';
    }
    await store.updateDigest(channel, digestId, { pendingSince: deps.now().toISOString() });
    const ts = await notifier.post(channel, message, metadata);
    await store.updateDigest(channel, digestId, { ts }, ['pendingSince']);
    return 'posted';
  } finally {
    await store.release(channel, claimKey, lock);
  }
}
