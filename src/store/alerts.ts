// Durable alert-notification state: one record per SystemAlertId and channel, claims that make posting
// exactly-once-ish, the intake watermark, storm digests, remembered clickers and Slack post pacing.
//
// Keys (P = config.redis.prefix, a hash tag so every key shares one Cluster slot):
//   P:alerts:watermark                      newest certain ingestion time (string, only moves forward)
//   P:alerts:slice-limit                    hash {watermark, limit}: row limit reduced by partial answers at that watermark
//   P:alerts:rec:<channel>:<alertId>        hash: AlertMessageRecord
//   P:alerts:chans:<alertId>                set of channels holding the alert
//   P:alerts:snap:<alertId>                 latest AlertRecord (JSON) for rendering cards and acting on them
//   P:alerts:claim:<channel>:<alertId>      SET NX PX lock around posting/updating one message
//   P:alerts:replies:<channel>:<alertId>    list of thread replies still to post (drained in order)
//   P:alerts:actor:<alertId>                JSON AlertActor: who clicked, to name them in the thread
//   P:alerts:digest:<channel>:current       id of the channel's open digest
//   P:alerts:digest:<channel>:<digestId>    hash: state (JSON), ts, pendingSince
//   P:alerts:incidents                      hash incidentId → JSON {status, number}
//   P:alerts:incident-of                    hash alertId → JSON AlertIncident
//   P:alerts:pace:<channel> / :pace:workspace / :pace:update   next free Slack slot (ms epoch)
import type { AlertActor } from '../alerts/change';
import type { DigestState } from '../alerts/digest';
import type { SeenState } from '../alerts/classify';
import type { CardSyncState } from '../alerts/sync';
import type { AlertRecord, AlertStatus, Severity } from '../domain/types';
import type { Redis } from './redis';

/** MDC keeps alerts 90 days; records outlive that so a late re-appearance still updates its card. */
export const RECORD_TTL_SECONDS = 180 * 86_400;
const ACTOR_TTL_SECONDS = 86_400;
const WRITE_CHUNK = 500;

export interface AlertIncident {
  id: string;
  number?: number;
  status: string;
  url?: string;
}

export interface AlertMessageRecord extends SeenState, CardSyncState {
  systemAlertId: string;
  channel: string;
  severity: Severity;
  firstSeenAt: string;
  digestId?: string;
  incidentNumber?: number;
  /** Set just before chat.postMessage; a record with this and no ts may have been posted (reconcile first). */
  pendingSince?: string;
}

export interface DigestRecord {
  state: DigestState;
  ts?: string;
  pendingSince?: string;
}

export interface PollWrites {
  /** New records (cards and digested alerts). */
  created: AlertMessageRecord[];
  /** Field updates to existing records (status changes, incident changes). */
  updated: { channel: string; systemAlertId: string; fields: Partial<AlertMessageRecord> }[];
  snapshots: AlertRecord[];
  digests: DigestState[];
}

type Fields = Record<string, string>;

function toFields(record: Partial<AlertMessageRecord>): Fields {
  const out: Fields = {};
  for (const [k, v] of Object.entries(record)) if (v !== undefined) out[k] = String(v);
  return out;
}

function fromFields(f: Fields): AlertMessageRecord | undefined {
  if (!f.systemAlertId) return undefined;
  return {
    systemAlertId: f.systemAlertId,
    channel: f.channel,
    mode: f.mode === 'digest' ? 'digest' : 'card',
    severity: f.severity as Severity,
    firstSeenAt: f.firstSeenAt,
    lastStatus: f.lastStatus as AlertStatus,
    lastIngestedAt: f.lastIngestedAt,
    ...(f.ts ? { ts: f.ts } : {}),
    ...(f.digestId ? { digestId: f.digestId } : {}),
    ...(f.renderedStatus ? { renderedStatus: f.renderedStatus as AlertStatus } : {}),
    ...(f.incidentId ? { incidentId: f.incidentId } : {}),
    ...(f.incidentStatus ? { incidentStatus: f.incidentStatus } : {}),
    ...(f.incidentNumber ? { incidentNumber: Number(f.incidentNumber) } : {}),
    ...(f.renderedIncident !== undefined ? { renderedIncident: f.renderedIncident } : {}),
    ...(f.pendingSince ? { pendingSince: f.pendingSince } : {}),
  };
}

export function seenKey(channel: string, systemAlertId: string): string {
  return `${channel}\u0000${systemAlertId}`;
}

// Moves the watermark forward only: a slow poll finishing late can never move it back.
const ADVANCE_WATERMARK = `
local cur = redis.call('GET', KEYS[1])
if cur and tonumber(ARGV[2]) <= tonumber(cur) then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('SET', KEYS[2], ARGV[1])
return 1`;

// Reserves the next Slack slot in arrival order (fair across jobs and workers) when it is at most ARGV[#KEYS+1] ms
// away: returns the wait before sending. Farther slots are not reserved: returns minus the wait, and the job comes back later.
const RESERVE_SLOT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local at = now
local free = {}
for i = 1, #KEYS do
  free[i] = math.max(now, tonumber(redis.call('GET', KEYS[i]) or '0'))
  if free[i] > at then at = free[i] end
end
local wait = at - now
if wait > tonumber(ARGV[#KEYS + 1]) then return -wait end
-- Each budget advances from its own next free time: a channel's queue never delays other channels.
for i = 1, #KEYS do
  local gap = tonumber(ARGV[i])
  redis.call('SET', KEYS[i], free[i] + gap, 'PX', free[i] + gap - now + 60000)
end
return wait`;

// Pushes a slot's next free time out (after a 429), never pulls it in.
const PUSH_SLOT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local want = now + tonumber(ARGV[1])
local v = tonumber(redis.call('GET', KEYS[1]) or '0')
if want > v then redis.call('SET', KEYS[1], want, 'PX', tonumber(ARGV[1]) + 60000) end
return want - now`;

const RELEASE_CLAIM = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export interface PacingPolicy {
  /** chat.postMessage: about one per second per channel. */
  channelGapMs: number;
  /** chat.postMessage across channels ("several hundred per minute"). */
  workspaceGapMs: number;
  /** chat.update is Tier 3 (50+/min) per workspace. */
  updateGapMs: number;
}

export const DEFAULT_PACING: PacingPolicy = { channelGapMs: 1000, workspaceGapMs: 250, updateGapMs: 1100 };

export interface AlertStore {
  readonly prefix: string;
  getWatermark(): Promise<string | undefined>;
  /** Advances (never rewinds) the watermark; false when the stored one is already newer. */
  advanceWatermark(iso: string): Promise<boolean>;
  /** The row limit partial answers reduced intake to at this watermark; undefined when none, or it was for another watermark. */
  getSliceLimit(watermark: string): Promise<number | undefined>;
  /** Remembers a reduced row limit for this watermark; undefined forgets it. */
  setSliceLimit(watermark: string, limit: number | undefined): Promise<void>;

  /** Records for every (channel, alert) pair among `channels` ∪ channels that already hold the alert. */
  loadSeen(alertIds: readonly string[], channels: readonly string[]): Promise<{ records: Map<string, AlertMessageRecord>; channelsById: Map<string, string[]> }>;
  getRecord(channel: string, systemAlertId: string): Promise<AlertMessageRecord | undefined>;
  updateRecord(channel: string, systemAlertId: string, fields: Partial<AlertMessageRecord>, clear?: (keyof AlertMessageRecord)[]): Promise<void>;
  channelsOf(systemAlertId: string): Promise<string[]>;
  /** One poll's decisions, written before any Slack call so a retry or a second worker sees them. */
  applyPollWrites(writes: PollWrites): Promise<void>;

  getSnapshot(systemAlertId: string): Promise<AlertRecord | undefined>;
  putSnapshot(alert: AlertRecord): Promise<void>;

  /** Records what the card now shows and, atomically, the thread reply that explains it. */
  markRendered(channel: string, systemAlertId: string, fields: Partial<AlertMessageRecord>, reply?: string): Promise<void>;
  pushReply(channel: string, systemAlertId: string, text: string): Promise<void>;
  nextReply(channel: string, systemAlertId: string): Promise<string | undefined>;
  /** Drops the reply just posted (the head of the list). */
  replyPosted(channel: string, systemAlertId: string): Promise<void>;

  claim(channel: string, key: string, token: string, ttlMs: number): Promise<boolean>;
  release(channel: string, key: string, token: string): Promise<void>;

  setActor(systemAlertId: string, actor: AlertActor): Promise<void>;
  getActor(systemAlertId: string): Promise<AlertActor | undefined>;

  currentDigestId(channel: string): Promise<string | undefined>;
  getDigest(channel: string, digestId: string): Promise<DigestRecord | undefined>;
  updateDigest(channel: string, digestId: string, fields: { ts?: string; pendingSince?: string }, clear?: ('pendingSince' | 'ts')[]): Promise<void>;

  getIncidentStates(): Promise<Map<string, { status: string; number?: number }>>;
  setIncidentStates(states: Map<string, { status: string; number?: number }>): Promise<void>;
  getIncidentsOf(alertIds: readonly string[]): Promise<Map<string, AlertIncident>>;
  setIncidentOf(entries: [string, AlertIncident][]): Promise<void>;

  /**
   * Reserves the channel's (and workspace's) next post slot if it is at most `maxWaitMs` away and returns the wait
   * before sending; a negative number is the wait when the slot is farther (nothing reserved).
   */
  reservePostSlot(channel: string, maxWaitMs: number): Promise<number>;
  reserveUpdateSlot(maxWaitMs: number): Promise<number>;
  /** After a 429: nobody posts to this channel (or updates, for 'update') until Retry-After has passed. */
  holdSlot(channel: string | 'update', ms: number): Promise<void>;
}

export function createAlertStore(redis: Redis, prefix: string, pacing: PacingPolicy = DEFAULT_PACING): AlertStore {
  const k = {
    watermark: `${prefix}:alerts:watermark`,
    watermarkMs: `${prefix}:alerts:watermark:ms`,
    sliceLimit: `${prefix}:alerts:slice-limit`,
    rec: (channel: string, id: string) => `${prefix}:alerts:rec:${channel}:${id}`,
    chans: (id: string) => `${prefix}:alerts:chans:${id}`,
    snap: (id: string) => `${prefix}:alerts:snap:${id}`,
    claim: (channel: string, key: string) => `${prefix}:alerts:claim:${channel}:${key}`,
    replies: (channel: string, id: string) => `${prefix}:alerts:replies:${channel}:${id}`,
    actor: (id: string) => `${prefix}:alerts:actor:${id}`,
    digestCurrent: (channel: string) => `${prefix}:alerts:digest:${channel}:current`,
    digest: (channel: string, id: string) => `${prefix}:alerts:digest:${channel}:${id}`,
    incidents: `${prefix}:alerts:incidents`,
    incidentOf: `${prefix}:alerts:incident-of`,
    pace: (scope: string) => `${prefix}:alerts:pace:${scope}`,
  };

  async function inChunks<T>(items: readonly T[], write: (multi: ReturnType<Redis['multi']>, item: T) => void): Promise<void> {
    for (let i = 0; i < items.length; i += WRITE_CHUNK) {
      const multi = redis.multi();
      for (const item of items.slice(i, i + WRITE_CHUNK)) write(multi, item);
      await multi.exec();
    }
  }

  return {
    prefix,
    async getWatermark() {
      return (await redis.get(k.watermark)) ?? undefined;
    },
    async advanceWatermark(iso) {
      const ms = Date.parse(iso);
      if (Number.isNaN(ms)) throw new Error(`watermark is not a date: ${iso}`);
      return (await redis.eval(ADVANCE_WATERMARK, 2, k.watermarkMs, k.watermark, iso, String(ms))) === 1;
    },
    async getSliceLimit(watermark) {
      const f = await redis.hgetall(k.sliceLimit);
      const limit = Number(f.limit);
      return f.watermark === watermark && limit > 0 ? limit : undefined;
    },
    async setSliceLimit(watermark, limit) {
      if (limit === undefined) await redis.del(k.sliceLimit);
      else await redis.hset(k.sliceLimit, { watermark, limit: String(limit) });
    },

    async loadSeen(alertIds, channels) {
      const channelsById = new Map<string, string[]>();
      const records = new Map<string, AlertMessageRecord>();
      for (let i = 0; i < alertIds.length; i += WRITE_CHUNK) {
        const ids = alertIds.slice(i, i + WRITE_CHUNK);
        const members = await ids.reduce((p, id) => p.smembers(k.chans(id)), redis.pipeline()).exec();
        const pairs: [string, string][] = [];
        ids.forEach((id, j) => {
          const known = (members?.[j]?.[1] as string[] | undefined) ?? [];
          channelsById.set(id, known);
          for (const channel of new Set([...channels, ...known])) pairs.push([channel, id]);
        });
        const rows = await pairs.reduce((p, [channel, id]) => p.hgetall(k.rec(channel, id)), redis.pipeline()).exec();
        pairs.forEach(([channel, id], j) => {
          const record = fromFields((rows?.[j]?.[1] as Fields | undefined) ?? {});
          if (record) records.set(seenKey(channel, id), record);
        });
      }
      return { records, channelsById };
    },
    async getRecord(channel, id) {
      return fromFields(await redis.hgetall(k.rec(channel, id)));
    },
    async updateRecord(channel, id, fields, clear = []) {
      const multi = redis.multi().hset(k.rec(channel, id), toFields(fields));
      if (clear.length) multi.hdel(k.rec(channel, id), ...clear);
      await multi.expire(k.rec(channel, id), RECORD_TTL_SECONDS).exec();
    },
    async channelsOf(id) {
      return redis.smembers(k.chans(id));
    },
    async applyPollWrites(writes) {
      await inChunks(writes.created, (m, r) => {
        m.hset(k.rec(r.channel, r.systemAlertId), toFields(r)).expire(k.rec(r.channel, r.systemAlertId), RECORD_TTL_SECONDS);
        m.sadd(k.chans(r.systemAlertId), r.channel).expire(k.chans(r.systemAlertId), RECORD_TTL_SECONDS);
      });
      await inChunks(writes.updated, (m, u) => {
        m.hset(k.rec(u.channel, u.systemAlertId), toFields(u.fields)).expire(k.rec(u.channel, u.systemAlertId), RECORD_TTL_SECONDS);
      });
      await inChunks(writes.snapshots, (m, a) => {
        m.set(k.snap(a.systemAlertId), JSON.stringify(a), 'EX', RECORD_TTL_SECONDS);
      });
      await inChunks(writes.digests, (m, d) => {
        m.hset(k.digest(d.channel, d.id), 'state', JSON.stringify(d)).expire(k.digest(d.channel, d.id), RECORD_TTL_SECONDS);
        m.set(k.digestCurrent(d.channel), d.id, 'EX', RECORD_TTL_SECONDS);
      });
    },

    async getSnapshot(id) {
      const raw = await redis.get(k.snap(id));
      return raw ? (JSON.parse(raw) as AlertRecord) : undefined;
    },
    async putSnapshot(alert) {
      await redis.set(k.snap(alert.systemAlertId), JSON.stringify(alert), 'EX', RECORD_TTL_SECONDS);
    },

    async markRendered(channel, id, fields, reply) {
      const multi = redis.multi().hset(k.rec(channel, id), toFields(fields)).expire(k.rec(channel, id), RECORD_TTL_SECONDS);
      if (reply) multi.rpush(k.replies(channel, id), reply).expire(k.replies(channel, id), RECORD_TTL_SECONDS);
      await multi.exec();
    },
    async pushReply(channel, id, text) {
      await redis.multi().rpush(k.replies(channel, id), text).expire(k.replies(channel, id), RECORD_TTL_SECONDS).exec();
    },
    async nextReply(channel, id) {
      return (await redis.lindex(k.replies(channel, id), 0)) ?? undefined;
    },
    async replyPosted(channel, id) {
      await redis.lpop(k.replies(channel, id));
    },

    async claim(channel, key, token, ttlMs) {
      return (await redis.set(k.claim(channel, key), token, 'PX', ttlMs, 'NX')) === 'OK';
    },
    async release(channel, key, token) {
      await redis.eval(RELEASE_CLAIM, 1, k.claim(channel, key), token);
    },

    async setActor(id, actor) {
      await redis.set(k.actor(id), JSON.stringify(actor), 'EX', ACTOR_TTL_SECONDS);
    },
    async getActor(id) {
      const raw = await redis.get(k.actor(id));
      return raw ? (JSON.parse(raw) as AlertActor) : undefined;
    },

    async currentDigestId(channel) {
      return (await redis.get(k.digestCurrent(channel))) ?? undefined;
    },
    async getDigest(channel, id) {
      const f = await redis.hgetall(k.digest(channel, id));
      if (!f.state) return undefined;
      return { state: JSON.parse(f.state) as DigestState, ...(f.ts ? { ts: f.ts } : {}), ...(f.pendingSince ? { pendingSince: f.pendingSince } : {}) };
    },
    async updateDigest(channel, id, fields, clear = []) {
      const multi = redis.multi();
      const set = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Fields;
      if (Object.keys(set).length) multi.hset(k.digest(channel, id), set);
      if (clear.length) multi.hdel(k.digest(channel, id), ...clear);
      await multi.exec();
    },

    async getIncidentStates() {
      const all = await redis.hgetall(k.incidents);
      return new Map(Object.entries(all).map(([id, raw]) => [id, JSON.parse(raw) as { status: string; number?: number }]));
    },
    async setIncidentStates(states) {
      if (!states.size) return;
      await redis.hset(k.incidents, Object.fromEntries([...states].map(([id, s]) => [id, JSON.stringify(s)])));
    },
    async getIncidentsOf(alertIds) {
      const out = new Map<string, AlertIncident>();
      for (let i = 0; i < alertIds.length; i += WRITE_CHUNK) {
        const ids = alertIds.slice(i, i + WRITE_CHUNK);
        const values = await redis.hmget(k.incidentOf, ...ids);
        ids.forEach((id, j) => {
          if (values[j]) out.set(id, JSON.parse(values[j] as string) as AlertIncident);
        });
      }
      return out;
    },
    async setIncidentOf(entries) {
      if (!entries.length) return;
      await redis.hset(k.incidentOf, Object.fromEntries(entries.map(([id, inc]) => [id, JSON.stringify(inc)])));
    },

    async reservePostSlot(channel, maxWaitMs) {
      return Number(await redis.eval(RESERVE_SLOT, 2, k.pace(`ch:${channel}`), k.pace('workspace'), pacing.channelGapMs, pacing.workspaceGapMs, maxWaitMs));
    },
    async reserveUpdateSlot(maxWaitMs) {
      return Number(await redis.eval(RESERVE_SLOT, 1, k.pace('update'), pacing.updateGapMs, maxWaitMs));
    },
    async holdSlot(scope, ms) {
      await redis.eval(PUSH_SLOT, 1, k.pace(scope === 'update' ? 'update' : `ch:${scope}`), Math.max(1, Math.ceil(ms)));
    },
  };
}
