/**
 * A real Bolt app (HTTPReceiver) against the simulator: proves requests are signed and shaped the way Bolt expects,
 * and that acks, respond(), views and state.values flow like they do with Slack.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { App, LogLevel, type BlockAction, type SlashCommand, type ViewSubmitAction } from '@slack/bolt';
import { startSlackSim, signRequest, type SlackSim } from '../../sim/slack';

let sim: SlackSim;
let app: App;
let server: Server;
const seen: { commands: SlashCommand[]; actions: BlockAction[]; submissions: ViewSubmitAction[]; homeRetries: Array<number | undefined> } = {
  commands: [],
  actions: [],
  submissions: [],
  homeRetries: [],
};

const alertBlocks = [
  { type: 'section', block_id: 'summary', text: { type: 'mrkdwn', text: '*High* suspicious login' } },
  {
    type: 'actions',
    block_id: 'pick',
    elements: [
      {
        type: 'checkboxes',
        action_id: 'subs',
        options: [
          { text: { type: 'plain_text', text: 'Sub A' }, value: 'sub-a' },
          { text: { type: 'plain_text', text: 'Sub B' }, value: 'sub-b' },
        ],
      },
    ],
  },
  {
    type: 'actions',
    block_id: 'buttons',
    elements: [
      { type: 'button', action_id: 'ack', text: { type: 'plain_text', text: 'Acknowledge' }, value: 'alert-1' },
      { type: 'button', action_id: 'open_close_modal', text: { type: 'plain_text', text: 'Close…' }, value: 'alert-1' },
    ],
  },
];

const closeModal = {
  type: 'modal' as const,
  callback_id: 'close_alert',
  title: { type: 'plain_text' as const, text: 'Close alert' },
  submit: { type: 'plain_text' as const, text: 'Close' },
  blocks: [
    {
      type: 'input',
      block_id: 'classification',
      label: { type: 'plain_text', text: 'Classification' },
      element: {
        type: 'static_select',
        action_id: 'value',
        options: [
          { text: { type: 'plain_text', text: 'True positive' }, value: 'TruePositive' },
          { text: { type: 'plain_text', text: 'False positive' }, value: 'FalsePositive' },
        ],
      },
    },
    { type: 'input', block_id: 'comment', optional: true, label: { type: 'plain_text', text: 'Comment' }, element: { type: 'plain_text_input', action_id: 'value' } },
  ],
};

beforeAll(async () => {
  sim = await startSlackSim({ rateLimits: { enabled: false } });
  app = new App({
    token: sim.botToken,
    signingSecret: sim.signingSecret,
    clientOptions: { slackApiUrl: sim.apiUrl },
    logLevel: LogLevel.ERROR,
  });
  app.command('/sentinel', async ({ command, ack, respond, client }) => {
    seen.commands.push(command);
    if (command.text === 'post') {
      await ack();
      await client.chat.postMessage({ channel: command.channel_id, text: 'Alert', blocks: alertBlocks });
    } else if (command.text === 'public') {
      await ack({ response_type: 'in_channel', text: 'Everyone sees this' });
    } else if (command.text === 'later') {
      await ack();
      await respond({ text: 'done later' });
    } else {
      await ack({ text: `You said: ${command.text}` });
    }
  });
  app.action('subs', async ({ ack, body }) => {
    await ack();
    seen.actions.push(body as BlockAction);
  });
  app.action('ack', async ({ ack, body, respond }) => {
    await ack();
    seen.actions.push(body as BlockAction);
    // A forged click carries a response_url Slack never issued; the simulator answers 404 like Slack would.
    await respond({ replace_original: true, text: 'Acknowledged' }).catch(() => undefined);
  });
  app.action('open_close_modal', async ({ ack, body, client }) => {
    await ack();
    seen.actions.push(body as BlockAction);
    await client.views.open({ trigger_id: (body as BlockAction).trigger_id, view: closeModal });
  });
  app.view('close_alert', async ({ ack, view, body }) => {
    seen.submissions.push(body as ViewSubmitAction);
    const comment = view.state.values.comment.value.value;
    if (comment === 'bad') await ack({ response_action: 'errors', errors: { comment: 'Not allowed' } });
    else await ack();
  });
  app.event('app_home_opened', async ({ event, client, context }) => {
    seen.homeRetries.push(context.retryNum);
    await client.views.publish({
      user_id: event.user,
      view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `Hello <@${event.user}>` } }] },
    });
  });
  server = (await app.start(0)) as Server;
  sim.setBotUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`);
});

afterAll(async () => {
  await app.stop();
  await sim.close();
});

beforeEach(() => {
  sim.reset();
  seen.commands.length = 0;
  seen.actions.length = 0;
  seen.submissions.length = 0;
  seen.homeRetries.length = 0;
});

describe('signing', () => {
  it('Bolt accepts the simulator signature and rejects forged or stale ones', async () => {
    const ok = await sim.command({ user: 'U_ANALYST', channel: 'C_SOC', text: 'hi' });
    expect(ok.status).toBe(200);
    expect(seen.commands[0]).toMatchObject({
      command: '/sentinel',
      text: 'hi',
      user_id: 'U_ANALYST',
      user_name: 'sam',
      channel_id: 'C_SOC',
      channel_name: 'soc-alerts',
      team_id: 'T0SENTINEL',
      api_app_id: sim.workspace.bot.app_id,
    });
    expect(seen.commands[0].response_url).toMatch(/\/_sim\/response\//);

    const forged = await sim.command({ user: 'U_MALLORY', channel: 'C_SOC', text: 'x' }, { signingSecret: 'not-the-secret' });
    expect(forged.status).toBe(401);
    const stale = await sim.command({ user: 'U_MALLORY', channel: 'C_SOC', text: 'x' }, { timestamp: Math.floor(Date.now() / 1000) - 301 });
    expect(stale.status).toBe(401);
    expect(seen.commands).toHaveLength(1);
  });

  it('signRequest matches the v0 HMAC scheme', () => {
    const h = signRequest('8f742231b10e8888abcd99yyyzzz85a5', 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J', 1531420618);
    expect(h['X-Slack-Request-Timestamp']).toBe('1531420618');
    expect(h['X-Slack-Signature']).toMatch(/^v0=[0-9a-f]{64}$/);
  });
});

describe('slash commands', () => {
  it('turns the ack body into an ephemeral (default) or in_channel message and reports ack time', async () => {
    const res = await sim.command({ user: 'U_ANALYST', channel: 'C_SOC', text: 'status' });
    expect(res.ms).toBeLessThan(3000);
    expect(res.timedOut).toBe(false);
    expect(res.ackMessage).toMatchObject({ ephemeral: true, recipient: 'U_ANALYST', text: 'You said: status' });
    await sim.command({ user: 'U_ANALYST', channel: 'C_SOC', text: 'public' });
    expect(sim.messages('C_SOC').filter((m) => !m.ephemeral).map((m) => m.text)).toEqual(['Everyone sees this']);
  });

  it('shows Slack\'s error notice when the bot does not ack in time', async () => {
    // No listener for /other: Bolt never acks and answers 404 after ~3 s.
    const res = await sim.command({ user: 'U_ANALYST', channel: 'C_SOC', command: '/other' });
    expect(res.status).not.toBe(200);
    expect(res.ackMessage).toMatchObject({ ephemeral: true, user: 'USLACKBOT', recipient: 'U_ANALYST', via: 'slack_error' });
    expect(res.ackMessage?.text).toMatch(/^\/other failed with the error "(operation_timeout|dispatch_failed)"$/);
  });

  it('respond() posts through the response_url', async () => {
    await sim.command({ user: 'U_ADMIN', channel: 'C_OPS', text: 'later' });
    const m = await sim.waitForMessage('C_OPS', (x) => x.text === 'done later');
    expect(m).toMatchObject({ ephemeral: true, recipient: 'U_ADMIN', via: 'response_url' });
  });

  it('is reachable over the HTTP control API', async () => {
    const res = await fetch(`${sim.url}/_sim/command`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user: 'U_ADMIN', channel: 'C_SOC', text: 'http' }),
    });
    const body = (await res.json()) as { ms: unknown };
    expect(body).toMatchObject({ status: 200, body: expect.stringContaining('You said: http') });
    expect(typeof body.ms).toBe('number');
  });
});

describe('block actions', () => {
  async function postAlert(): Promise<string> {
    await sim.command({ user: 'U_ADMIN', channel: 'C_SOC', text: 'post' });
    const m = await sim.waitForMessage('C_SOC', (x) => x.text === 'Alert');
    return m.ts;
  }

  it('delivers the stored message and carries checkbox state into a later click', async () => {
    const ts = await postAlert();
    const pick = await sim.action({ user: 'U_ANALYST', channel: 'C_SOC', message_ts: ts, action_id: 'subs', selected_options: ['sub-b'] });
    expect(pick.status).toBe(200);
    expect(seen.actions[0].actions[0]).toMatchObject({ type: 'checkboxes', action_id: 'subs', block_id: 'pick', selected_options: [{ value: 'sub-b' }] });

    await sim.action({ user: 'U_ANALYST', channel: 'C_SOC', message_ts: ts, action_id: 'ack' });
    await sim.waitFor(() => seen.actions.length === 2);
    const click = seen.actions[1];
    expect(click.actions[0]).toMatchObject({ type: 'button', action_id: 'ack', block_id: 'buttons', value: 'alert-1' });
    expect(click.container).toMatchObject({ type: 'message', message_ts: ts, channel_id: 'C_SOC', is_ephemeral: false });
    expect(click.message?.blocks).toHaveLength(3);
    expect(click.state?.values.pick.subs).toMatchObject({ type: 'checkboxes', selected_options: [{ value: 'sub-b' }] });
    // Input state is per user, like the Slack client.
    const other = await sim.action({ user: 'U_ADMIN', channel: 'C_SOC', message_ts: ts, action_id: 'ack' });
    expect((other.payload.state as { values: Record<string, any> }).values.pick.subs.selected_options).toEqual([]);

    // respond({replace_original}) from the click replaced the alert.
    await sim.waitFor(() => sim.messages('C_SOC').find((m) => m.ts === ts && m.text === 'Acknowledged'));
  });

  it('refuses clicks on elements the message does not have, but raw-action delivers anything', async () => {
    const ts = await postAlert();
    const res = await fetch(`${sim.url}/_sim/action`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user: 'U_MALLORY', channel: 'C_SOC', message_ts: ts, action_id: 'delete_everything' }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ available: expect.arrayContaining(['buttons/ack']) });
    await expect(sim.action({ user: 'U_ANALYST', channel: 'C_SOC', message_ts: ts, action_id: 'subs', selected_options: ['sub-z'] })).rejects.toThrow(/not offered/);

    const forged = await sim.rawAction({
      type: 'block_actions',
      user: { id: 'U_MALLORY' },
      team: { id: 'T0SENTINEL' },
      api_app_id: sim.workspace.bot.app_id,
      actions: [{ type: 'button', action_id: 'ack', block_id: 'x', value: 'alert-999', action_ts: '1' }],
      response_url: `${sim.url}/_sim/response/none`,
      trigger_id: 'forged',
    });
    expect(forged.status).toBe(200);
    await sim.waitFor(() => seen.actions.find((a) => a.user.id === 'U_MALLORY'));
  });
});

describe('modals', () => {
  it('opens from a click, validates required inputs, handles errors and closes on plain ack', async () => {
    await sim.command({ user: 'U_ADMIN', channel: 'C_SOC', text: 'post' });
    const { ts } = await sim.waitForMessage('C_SOC', (x) => x.text === 'Alert');
    await sim.action({ user: 'U_ADMIN', channel: 'C_SOC', message_ts: ts, action_id: 'open_close_modal' });
    const [modal] = await sim.waitFor(() => (sim.views('U_ADMIN').modals.length ? sim.views('U_ADMIN').modals : undefined));
    expect(modal).toMatchObject({ type: 'modal', callback_id: 'close_alert' });

    await expect(sim.submitView({ user: 'U_ADMIN', view_id: modal.id, values: {} })).rejects.toMatchObject({ status: 400, details: { missing: ['classification'] } });

    const rejected = await sim.submitView({
      user: 'U_ADMIN',
      view_id: modal.id,
      values: { classification: { value: 'FalsePositive' }, comment: { value: 'bad' } },
    });
    expect(rejected).toMatchObject({ status: 200, response_action: 'errors', errors: { comment: 'Not allowed' } });
    expect(sim.views('U_ADMIN').modals).toHaveLength(1);

    const accepted = await sim.submitView({ user: 'U_ADMIN', view_id: modal.id, values: { comment: { value: 'benign' } } });
    expect(accepted.stack).toEqual([]);
    const submitted = seen.submissions[1].view.state.values;
    expect(submitted.classification.value).toMatchObject({ type: 'static_select', selected_option: { value: 'FalsePositive' } });
    expect(submitted.comment.value).toEqual({ type: 'plain_text_input', value: 'benign' });
  });

  it('enforces trigger_id lifetime and single use', async () => {
    const quick = await startSlackSim({ triggerTtlMs: 50 });
    try {
      const { WebClient } = await import('@slack/web-api');
      const client = new WebClient(quick.botToken, { slackApiUrl: quick.apiUrl, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
      await expect(client.views.open({ trigger_id: 'made-up', view: closeModal })).rejects.toMatchObject({ data: { error: 'invalid_trigger_id' } });
      const fresh = quick.issueTrigger('U_ADMIN');
      const opened = await client.views.open({ trigger_id: fresh, view: closeModal });
      expect(quick.views('U_ADMIN').modals[0].id).toBe(opened.view?.id);
      await expect(client.views.open({ trigger_id: fresh, view: closeModal })).rejects.toMatchObject({ data: { error: 'exchanged_trigger_id' } });
      const stale = quick.issueTrigger('U_ADMIN');
      await new Promise((r) => setTimeout(r, 80));
      await expect(client.views.open({ trigger_id: stale, view: closeModal })).rejects.toMatchObject({ data: { error: 'expired_trigger_id' } });
    } finally {
      await quick.close();
    }
  });
});

describe('events', () => {
  it('app_home_opened lets the bot publish App Home; retries carry X-Slack-Retry-Num', async () => {
    const first = await sim.homeOpened({ user: 'U_ANALYST' });
    expect(first.status).toBe(200);
    const home = await sim.waitFor(() => sim.views('U_ANALYST').home);
    expect(home.blocks[0].text.text).toBe('Hello <@U_ANALYST>');
    await sim.homeOpened({ user: 'U_ANALYST', event_id: first.event_id, retryNum: 1, retryReason: 'http_timeout' });
    await sim.waitFor(() => seen.homeRetries.length === 2);
    expect(seen.homeRetries).toEqual([undefined, 1]);
  });
});

describe('response_url limits', () => {
  it('allows 5 uses, then answers 404 used_url', async () => {
    const { response_url } = await sim.command({ user: 'U_ADMIN', channel: 'C_SOC', text: 'x' });
    const post = () => fetch(response_url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: 'update' }) });
    for (let i = 0; i < 5; i += 1) expect((await post()).status).toBe(200);
    const sixth = await post();
    expect(sixth.status).toBe(404);
    expect(await sixth.json()).toMatchObject({ ok: false, error: 'used_url' });
  });

  it('expires after the configured lifetime', async () => {
    sim.configure({ responseUrlLimits: { ttlMs: 20 } });
    try {
      const { response_url } = await sim.command({ user: 'U_ADMIN', channel: 'C_SOC', text: 'x' });
      await new Promise((r) => setTimeout(r, 40));
      const res = await fetch(response_url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"text":"late"}' });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: 'expired_url' });
    } finally {
      sim.configure({ responseUrlLimits: { ttlMs: 30 * 60 * 1000 } });
    }
  });
});

describe('event stream', () => {
  it('streams message and view events as server-sent events', async () => {
    const controller = new AbortController();
    const res = await fetch(`${sim.url}/_sim/stream`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    const read = (async () => {
      const decoder = new TextDecoder();
      while (!text.includes('event: home_published')) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value);
      }
    })();
    await sim.command({ user: 'U_ADMIN', channel: 'C_SOC', text: 'post' });
    await sim.command({ user: 'U_ADMIN', channel: 'C_SOC', text: 'status' });
    await sim.homeOpened({ user: 'U_ADMIN' });
    await read;
    controller.abort();
    expect(text).toContain('event: message_posted');
    expect(text).toContain('event: ephemeral_posted');
    const posted = text.split('\n\n').find((chunk) => chunk.startsWith('event: message_posted')) as string;
    expect(JSON.parse(posted.split('data: ')[1])).toMatchObject({ type: 'message_posted', channel: 'C_SOC', message: { text: 'Alert' } });
  });
});
