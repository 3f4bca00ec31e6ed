import { WebClient, WebClientEvent, ErrorCode, type WebAPIPlatformError, type WebAPIRateLimitedError } from '@slack/web-api';
import { startSlackSim, type SlackSim } from '../../sim/slack';

let sim: SlackSim;
let client: WebClient;

const quiet = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => 'error' as never, setName() {} };
const clientFor = (s: SlackSim, opts: ConstructorParameters<typeof WebClient>[1] = {}) =>
  new WebClient(s.botToken, { slackApiUrl: s.apiUrl, retryConfig: { retries: 0 }, logger: quiet, ...opts });

async function platformError(p: Promise<unknown>): Promise<WebAPIPlatformError> {
  const err = (await p.then(
    () => undefined,
    (e: unknown) => e,
  )) as WebAPIPlatformError | undefined;
  if (!err) throw new Error('expected the call to fail');
  expect(err.code).toBe(ErrorCode.PlatformError);
  return err;
}

beforeAll(async () => {
  sim = await startSlackSim({ rateLimits: { enabled: false } });
  client = clientFor(sim);
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

describe('auth', () => {
  it('auth.test identifies the bot', async () => {
    const res = await client.auth.test();
    expect(res).toMatchObject({ ok: true, team_id: 'T0SENTINEL', user_id: sim.workspace.bot.user_id, bot_id: sim.workspace.bot.bot_id });
  });

  it('rejects missing and wrong tokens', async () => {
    const anon = new WebClient(undefined, { slackApiUrl: sim.apiUrl, retryConfig: { retries: 0 }, logger: quiet });
    expect((await platformError(anon.auth.test())).data.error).toBe('not_authed');
    const wrong = new WebClient('xoxb-wrong', { slackApiUrl: sim.apiUrl, retryConfig: { retries: 0 }, logger: quiet });
    expect((await platformError(wrong.chat.postMessage({ channel: 'C_SOC', text: 'x' }))).data.error).toBe('invalid_auth');
  });

  it('accepts the token as a form field and JSON bodies with a Bearer header', async () => {
    const form = await fetch(`${sim.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: sim.botToken, channel: 'C_SOC', text: 'form', blocks: JSON.stringify([{ type: 'divider' }]) }).toString(),
    });
    expect(await form.json()).toMatchObject({ ok: true, channel: 'C_SOC' });
    const json = await fetch(`${sim.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8', Authorization: `Bearer ${sim.botToken}` },
      body: JSON.stringify({ channel: 'C_SOC', text: 'json', blocks: [{ type: 'divider' }] }),
    });
    expect(await json.json()).toMatchObject({ ok: true });
    // Slack ignores a token inside a JSON body.
    const tokenInJson = await fetch(`${sim.apiUrl}auth.test`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ token: sim.botToken }),
    });
    expect(await tokenInJson.json()).toMatchObject({ ok: false, error: 'not_authed' });
    expect(sim.messages('C_SOC').map((m) => m.text)).toEqual(['form', 'json']);
  });
});

describe('chat', () => {
  it('posts, threads, updates (keeping edit history) and deletes', async () => {
    const blocks = [{ type: 'section', block_id: 'b1', text: { type: 'mrkdwn', text: '*Alert* High' } }];
    const posted = await client.chat.postMessage({
      channel: 'C_SOC',
      text: 'Alert',
      blocks,
      metadata: { event_type: 'sentinel_alert', event_payload: { alertId: 'a1' } },
    });
    expect(posted).toMatchObject({ ok: true, channel: 'C_SOC', message: { text: 'Alert', bot_id: sim.workspace.bot.bot_id } });
    const ts = posted.ts as string;

    await client.chat.postMessage({ channel: 'C_SOC', thread_ts: ts, text: 'follow-up' });
    await client.chat.update({ channel: 'C_SOC', ts, text: 'Alert (acknowledged)' });

    const [msg] = sim.messages('C_SOC');
    expect(msg.text).toBe('Alert (acknowledged)');
    expect(msg.blocks?.[0]).toMatchObject({ block_id: 'b1' }); // blocks kept when chat.update omits them
    expect(msg.edits).toHaveLength(1);
    expect(msg.edits[0].text).toBe('Alert');
    expect(msg.replies?.map((r) => r.text)).toEqual(['follow-up']);
    expect(msg.reply_count).toBe(1);

    await client.chat.delete({ channel: 'C_SOC', ts });
    expect(sim.messages('C_SOC').find((m) => m.ts === ts)).toBeUndefined();
    expect((await platformError(client.chat.update({ channel: 'C_SOC', ts, text: 'x' }))).data.error).toBe('message_not_found');
  });

  it('enforces channel access like Slack', async () => {
    expect((await platformError(client.chat.postMessage({ channel: 'C_NOPE', text: 'x' }))).data.error).toBe('channel_not_found');
    // Private channel the bot is not in looks nonexistent.
    expect((await platformError(client.chat.postMessage({ channel: 'C_PRIVATE', text: 'x' }))).data.error).toBe('channel_not_found');
    // Public channel it has not joined: fine with chat:write.public, not_in_channel without.
    await client.chat.postMessage({ channel: 'C_GENERAL', text: 'ok' });
    sim.configure({ scopes: ['chat:write'] });
    expect((await platformError(client.chat.postMessage({ channel: 'C_GENERAL', text: 'x' }))).data.error).toBe('not_in_channel');
    sim.reset();
    expect(sim.workspace.scopes.has('chat:write.public')).toBe(true);
  });

  it('accepts channel names and user ids (DM) as the channel', async () => {
    expect(await client.chat.postMessage({ channel: '#soc-alerts', text: 'by name' })).toMatchObject({ channel: 'C_SOC' });
    const dm = await client.chat.postMessage({ channel: 'U_ANALYST', text: 'hi' });
    expect(dm.channel).toMatch(/^D/);
    expect(sim.messages(dm.channel as string).map((m) => m.text)).toEqual(['hi']);
    const state = (await (await fetch(`${sim.url}/_sim/state`)).json()) as { channels: Array<{ id: string }> };
    expect(state.channels.map((c) => c.id)).toContain(dm.channel);
  });

  it('rejects empty, too long and malformed content', async () => {
    expect((await platformError(client.chat.postMessage({ channel: 'C_SOC', text: '' }))).data.error).toBe('no_text');
    expect((await platformError(client.chat.postMessage({ channel: 'C_SOC', text: 'x'.repeat(40_001) }))).data.error).toBe('msg_too_long');
    const res = await fetch(`${sim.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Bearer ${sim.botToken}` },
      body: new URLSearchParams({ channel: 'C_SOC', blocks: '[{not json' }).toString(),
    });
    expect(await res.json()).toMatchObject({ ok: false, error: 'invalid_blocks_format' });
    const meta = await platformError(client.chat.postMessage({ channel: 'C_SOC', text: 'x', metadata: { event_type: 'x' } as never }));
    expect(meta.data.error).toBe('invalid_metadata_schema');
  });

  it.each([
    ['too many blocks', Array.from({ length: 51 }, () => ({ type: 'divider' })), 'no more than 50 items allowed [json-pointer:/blocks]'],
    ['section text', [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }], 'must be less than 3001 characters [json-pointer:/blocks/0/text/text]'],
    ['header', [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }], 'must be less than 151 characters [json-pointer:/blocks/0/text/text]'],
    [
      'button text',
      [{ type: 'actions', elements: [{ type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'b'.repeat(76) } }] }],
      'must be less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]',
    ],
    [
      'checkbox options',
      [
        {
          type: 'actions',
          elements: [{ type: 'checkboxes', action_id: 'c', options: Array.from({ length: 11 }, (_, i) => ({ text: { type: 'plain_text', text: `o${i}` }, value: `v${i}` })) }],
        },
      ],
      'no more than 10 items allowed [json-pointer:/blocks/0/elements/0/options]',
    ],
  ])('returns invalid_blocks with Slack-style messages: %s', async (_name, blocks, message) => {
    const err = await platformError(client.chat.postMessage({ channel: 'C_SOC', text: 'x', blocks: blocks as never }));
    expect(err.data.error).toBe('invalid_blocks');
    expect(err.data.response_metadata?.messages).toContain(`[ERROR] ${message}`);
    expect(sim.calls('chat.postMessage').at(-1)).toMatchObject({ ok: false, error: 'invalid_blocks' });
  });

  it('posts ephemeral messages only to channel members and shows them via the control API', async () => {
    const res = await client.chat.postEphemeral({ channel: 'C_SOC', user: 'U_ANALYST', text: 'only you' });
    expect(res.message_ts).toBeDefined();
    const eph = sim.ephemerals('C_SOC', 'U_ANALYST');
    expect(eph).toEqual([expect.objectContaining({ ephemeral: true, recipient: 'U_ANALYST', text: 'only you' })]);
    expect(sim.messages('C_SOC')).toEqual([expect.objectContaining({ ephemeral: true, recipient: 'U_ANALYST' })]);
    expect((await platformError(client.chat.postEphemeral({ channel: 'C_SOC', user: 'U_NOBODY', text: 'x' }))).data.error).toBe('user_not_found');
    const body = (await (await fetch(`${sim.url}/_sim/messages?channel=C_SOC`)).json()) as { messages: unknown[] };
    expect(body.messages[0]).toMatchObject({ ephemeral: true, recipient: 'U_ANALYST' });
  });
});

describe('directory and history', () => {
  it('users.info and usergroups.users.list', async () => {
    const ada = await client.users.info({ user: 'U_ADMIN' });
    expect(ada.user).toMatchObject({ id: 'U_ADMIN', real_name: 'Ada Admin', is_admin: true });
    const sam = await client.users.info({ user: 'U_ANALYST' });
    expect(sam.user).toMatchObject({ real_name: 'Sam Analyst', is_admin: false });
    expect((await platformError(client.users.info({ user: 'U_X' }))).data.error).toBe('user_not_found');
    expect((await client.usergroups.users.list({ usergroup: 'S_SECADMINS' })).users).toEqual(['U_ADMIN2']);
    expect((await platformError(client.usergroups.users.list({ usergroup: 'S_X' }))).data.error).toBe('no_such_subteam');
  });

  it('conversations.history honours oldest/latest/limit/cursor and include_all_metadata; replies lists a thread', async () => {
    const ts: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const r = await client.chat.postMessage({ channel: 'C_OPS', text: `m${i}`, metadata: { event_type: 'e', event_payload: { i } } });
      ts.push(r.ts as string);
    }
    await client.chat.postMessage({ channel: 'C_OPS', thread_ts: ts[0], text: 'reply' });

    const all = await client.conversations.history({ channel: 'C_OPS' });
    expect(all.messages?.map((m) => m.text)).toEqual(['m4', 'm3', 'm2', 'm1', 'm0']);
    expect(all.messages?.[0].metadata).toBeUndefined();
    expect(all.messages?.[4]).toMatchObject({ reply_count: 1, thread_ts: ts[0] });

    const withMeta = await client.conversations.history({ channel: 'C_OPS', include_all_metadata: true, limit: 2 });
    expect(withMeta.messages?.map((m) => m.metadata?.event_payload)).toEqual([{ i: 4 }, { i: 3 }]);
    expect(withMeta.has_more).toBe(true);
    const next = await client.conversations.history({ channel: 'C_OPS', limit: 2, cursor: withMeta.response_metadata?.next_cursor });
    expect(next.messages?.map((m) => m.text)).toEqual(['m2', 'm1']);

    const window = await client.conversations.history({ channel: 'C_OPS', oldest: ts[1], latest: ts[3] });
    expect(window.messages?.map((m) => m.text)).toEqual(['m2']);
    const inclusive = await client.conversations.history({ channel: 'C_OPS', oldest: ts[1], latest: ts[3], inclusive: true });
    expect(inclusive.messages?.map((m) => m.text)).toEqual(['m3', 'm2', 'm1']);

    const thread = await client.conversations.replies({ channel: 'C_OPS', ts: ts[0] });
    expect(thread.messages?.map((m) => m.text)).toEqual(['m0', 'reply']);
    // Reading history needs membership.
    expect((await platformError(client.conversations.history({ channel: 'C_GENERAL' }))).data.error).toBe('not_in_channel');
  });
});

describe('rate limits', () => {
  it('answers a chat.postMessage burst with 429 + Retry-After, per channel', async () => {
    const limited = await startSlackSim({ rateLimits: { methods: { 'chat.postMessage': { perMinute: 60, burst: 2, scope: 'channel' } } } });
    try {
      const c = clientFor(limited, { rejectRateLimitedCalls: true });
      await c.chat.postMessage({ channel: 'C_SOC', text: '1' });
      await c.chat.postMessage({ channel: 'C_SOC', text: '2' });
      const err = (await c.chat.postMessage({ channel: 'C_SOC', text: '3' }).catch((e: unknown) => e)) as WebAPIRateLimitedError;
      expect(err.code).toBe(ErrorCode.RateLimitedError);
      expect(err.retryAfter).toBe(1);
      // Another channel has its own bucket.
      await c.chat.postMessage({ channel: 'C_OPS', text: 'other' });

      const raw = await fetch(`${limited.apiUrl}chat.postMessage`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Bearer ${limited.botToken}` },
        body: 'channel=C_SOC&text=4',
      });
      expect(raw.status).toBe(429);
      expect(raw.headers.get('retry-after')).toBe('1');
      expect(await raw.json()).toEqual({ ok: false, error: 'ratelimited' });
      expect(limited.calls('chat.postMessage').filter((c) => c.status === 429)).toHaveLength(2);
    } finally {
      await limited.close();
    }
  });

  it('WebClient waits for Retry-After and retries', async () => {
    const limited = await startSlackSim({ rateLimits: { methods: { 'chat.postMessage': { perMinute: 60, burst: 1, scope: 'channel' } } } });
    try {
      const c = clientFor(limited, { retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0 } });
      const delays: number[] = [];
      c.on(WebClientEvent.RATE_LIMITED, (s: number) => delays.push(s));
      await c.chat.postMessage({ channel: 'C_SOC', text: '1' });
      const started = Date.now();
      await c.chat.postMessage({ channel: 'C_SOC', text: '2' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
      expect(delays).toEqual([1]);
      expect(limited.messages('C_SOC')).toHaveLength(2);
    } finally {
      await limited.close();
    }
  });

  it('can be scaled and disabled at runtime', async () => {
    const limited = await startSlackSim({ rateLimits: { methods: { 'chat.update': { perMinute: 1, burst: 1, scope: 'workspace' } } } });
    try {
      const c = clientFor(limited, { rejectRateLimitedCalls: true });
      const { ts } = await c.chat.postMessage({ channel: 'C_SOC', text: 'x' });
      await c.chat.update({ channel: 'C_SOC', ts: ts as string, text: 'y' });
      const err = (await c.chat.update({ channel: 'C_SOC', ts: ts as string, text: 'z' }).catch((e: unknown) => e)) as WebAPIRateLimitedError;
      expect(err.retryAfter).toBe(60);
      limited.configure({ rateLimits: { enabled: false } });
      await c.chat.update({ channel: 'C_SOC', ts: ts as string, text: 'z' });
    } finally {
      await limited.close();
    }
  });
});
