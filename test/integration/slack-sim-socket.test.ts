/**
 * The simulator's Socket Mode, spoken to with a bare WebSocket client: apps.connections.open, hello, envelopes for
 * commands / interactions / events, acks with payloads, retries, delivery mode and Slack's disconnect message.
 */
import { WebClient } from '@slack/web-api';
import { WebSocket } from 'ws';
import { startSlackSim, type SlackSim } from '../../sim/slack';

let sim: SlackSim;
const clients: WebSocket[] = [];

interface Envelope {
  envelope_id: string;
  type: string;
  accepts_response_payload: boolean;
  payload: Record<string, any>;
  retry_attempt: number;
  retry_reason: string;
}

/** A connected client that queues what it receives and acks envelopes with whatever `answer` returns. */
interface TestClient {
  ws: WebSocket;
  received: Array<Record<string, any>>;
  answer: (e: Envelope) => unknown;
  next(type: string): Promise<Record<string, any>>;
}

async function openConnection(token: string | undefined): Promise<Record<string, any>> {
  const res = await fetch(`${sim.apiUrl}apps.connections.open`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
  });
  return (await res.json()) as Record<string, any>;
}

async function connect(url?: string): Promise<TestClient> {
  const ws = new WebSocket(url ?? (await openConnection(sim.appToken)).url);
  clients.push(ws);
  const client: TestClient = {
    ws,
    received: [],
    answer: () => undefined,
    next: (type) => sim.waitFor(() => {
      const i = client.received.findIndex((m) => m.type === type);
      return i >= 0 ? client.received.splice(i, 1)[0] : undefined;
    }),
  };
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString()) as Record<string, any>;
    client.received.push(message);
    if (message.envelope_id) {
      const payload = client.answer(message as Envelope);
      if (payload !== null) ws.send(JSON.stringify({ envelope_id: message.envelope_id, ...(payload ? { payload } : {}) }));
    }
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return client;
}

beforeAll(async () => {
  sim = await startSlackSim({ rateLimits: { enabled: false }, deliveryTimeoutMs: 1500 });
});

afterEach(async () => {
  for (const ws of clients.splice(0)) ws.terminate();
  await sim.waitFor(() => sim.socketMode().connections === 0);
  sim.configure({ botUrl: '', deliveryMode: 'auto' });
  sim.reset();
});

afterAll(async () => {
  await sim.close();
});

describe('apps.connections.open', () => {
  it('takes only the app-level token, with Slack\'s errors', async () => {
    expect(await openConnection(undefined)).toEqual({ ok: false, error: 'not_authed' });
    expect(await openConnection(sim.botToken)).toEqual({ ok: false, error: 'not_allowed_token_type' });
    expect(await openConnection('xapp-1-A_OTHER-1-wrong')).toEqual({ ok: false, error: 'invalid_auth' });
    const ok = await openConnection(sim.appToken);
    expect(ok).toMatchObject({ ok: true });
    expect(ok.url).toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:\\d+/link/\\?ticket=[\\w-]+&app_id=${sim.workspace.bot.app_id}$`));
  });

  it('is reachable through the WebClient the Socket Mode client uses (Bearer app token)', async () => {
    const client = new WebClient(undefined, { slackApiUrl: sim.apiUrl, headers: { Authorization: `Bearer ${sim.appToken}` } });
    expect((await client.apps.connections.open()).url).toMatch(/^ws:\/\//);
  });

  it('hands out single-use URLs', async () => {
    const { url } = await openConnection(sim.appToken);
    await connect(url);
    await expect(connect(url)).rejects.toThrow(/401/);
  });
});

describe('connection', () => {
  it('says hello with the connection count and app id', async () => {
    const first = await connect();
    expect(await first.next('hello')).toEqual({
      type: 'hello',
      num_connections: 1,
      debug_info: expect.objectContaining({ host: expect.any(String) }),
      connection_info: { app_id: sim.workspace.bot.app_id },
    });
    const second = await connect();
    expect(await second.next('hello')).toMatchObject({ num_connections: 2 });
    expect(sim.socketMode()).toMatchObject({ connections: 2, deliveryMode: 'auto' });
  });

  it('sends Slack\'s disconnect message (also over the control API)', async () => {
    const client = await connect();
    const res = await fetch(`${sim.url}/_sim/socket/disconnect`, { method: 'POST', body: JSON.stringify({ reason: 'refresh_requested' }) });
    expect(await res.json()).toEqual({ disconnected: 1 });
    expect(await client.next('disconnect')).toMatchObject({ type: 'disconnect', reason: 'refresh_requested' });
    expect(await (await fetch(`${sim.url}/_sim/socket`)).json()).toMatchObject({ connections: 1 });
  });
});

describe('deliveries over the socket', () => {
  it('a slash command arrives as slash_commands with the form fields; the ack payload becomes the ephemeral', async () => {
    const client = await connect();
    client.answer = (e) => ({ text: `You said: ${e.payload.text}` });
    const res = await sim.command({ user: 'U_ANALYST', channel: 'C_SOC', text: 'status' });
    expect(res).toMatchObject({ transport: 'socket', status: 200, timedOut: false });
    expect(res.ms).toBeLessThan(3000);
    expect(res.ackMessage).toMatchObject({ ephemeral: true, recipient: 'U_ANALYST', text: 'You said: status' });
    const envelope = client.received.find((m) => m.type === 'slash_commands')!;
    expect(envelope).toMatchObject({ accepts_response_payload: true, retry_attempt: 0, retry_reason: '' });
    expect(envelope.payload).toMatchObject({ command: '/sentinel', text: 'status', user_id: 'U_ANALYST', channel_id: 'C_SOC', trigger_id: res.trigger_id, response_url: res.response_url });
  });

  it('an empty ack posts nothing; a missing ack is Slack\'s operation_timeout', async () => {
    const client = await connect();
    const quiet = await sim.command({ user: 'U_ANALYST', channel: 'C_SOC', text: 'x' });
    expect(quiet).toMatchObject({ status: 200, body: '' });
    expect(quiet.ackMessage).toBeUndefined();
    client.answer = () => null;
    const late = await sim.command({ user: 'U_ANALYST', channel: 'C_SOC', text: 'x' });
    expect(late).toMatchObject({ status: 0, timedOut: true });
    expect(late.ackMessage?.text).toBe('/sentinel failed with the error "operation_timeout"');
  });

  it('clicks arrive as interactive with the parsed payload; view submissions take response_action from the ack', async () => {
    const client = await connect();
    const web = new WebClient(sim.botToken, { slackApiUrl: sim.apiUrl });
    const posted = await web.chat.postMessage({
      channel: 'C_SOC',
      text: 'x',
      blocks: [{ type: 'actions', block_id: 'b', elements: [{ type: 'button', action_id: 'go', text: { type: 'plain_text', text: 'Go' }, value: 'v' }] }],
    });
    const click = await sim.action({ user: 'U_ADMIN', channel: 'C_SOC', message_ts: posted.ts!, action_id: 'go' });
    expect(click).toMatchObject({ transport: 'socket', status: 200 });
    const interactive = client.received.find((m) => m.type === 'interactive')!;
    expect(interactive).toMatchObject({ accepts_response_payload: false, payload: { type: 'block_actions', actions: [{ action_id: 'go', value: 'v' }], user: { id: 'U_ADMIN' } } });

    const opened = await web.views.open({
      trigger_id: click.trigger_id,
      view: {
        type: 'modal',
        callback_id: 'm',
        title: { type: 'plain_text', text: 'M' },
        submit: { type: 'plain_text', text: 'Go' },
        blocks: [{ type: 'input', block_id: 'c', label: { type: 'plain_text', text: 'C' }, element: { type: 'plain_text_input', action_id: 'v' } }],
      },
    });
    client.answer = (e) => (e.payload.type === 'view_submission' ? { response_action: 'errors', errors: { c: 'No' } } : undefined);
    const submitted = await sim.submitView({ user: 'U_ADMIN', view_id: opened.view!.id!, values: { c: { v: 'bad' } } });
    expect(submitted).toMatchObject({ transport: 'socket', response_action: 'errors', errors: { c: 'No' } });
    expect(submitted.stack).toHaveLength(1);
    expect(client.received.find((m) => m.payload?.type === 'view_submission')).toMatchObject({ type: 'interactive', accepts_response_payload: true });
  });

  it('events arrive as events_api with the event_callback body; retries carry retry_attempt/reason', async () => {
    const client = await connect();
    const first = await sim.homeOpened({ user: 'U_ADMIN' });
    expect(first).toMatchObject({ transport: 'socket', status: 200 });
    const envelope = client.received.find((m) => m.type === 'events_api')!;
    expect(envelope).toMatchObject({
      accepts_response_payload: false,
      retry_attempt: 0,
      payload: { type: 'event_callback', event_id: first.event_id, api_app_id: sim.workspace.bot.app_id, event: { type: 'app_home_opened', user: 'U_ADMIN', tab: 'home' } },
    });
    await sim.event({ type: 'app_home_opened', user: 'U_ADMIN', tab: 'home' }, { event_id: first.event_id, retryNum: 1, retryReason: 'timeout' });
    expect(client.received.filter((m) => m.type === 'events_api')[1]).toMatchObject({ retry_attempt: 1, retry_reason: 'timeout', payload: { event_id: first.event_id } });
  });
});

describe('delivery mode', () => {
  it('auto prefers the bot URL when one is set; socket forces the socket; socket without a connection is a 409', async () => {
    await connect();
    sim.configure({ botUrl: 'http://127.0.0.1:9/slack/events' });
    expect(await sim.command({ user: 'U_ANALYST', channel: 'C_SOC' })).toMatchObject({ transport: 'http', status: 0 });
    sim.configure({ deliveryMode: 'socket' });
    expect(await sim.command({ user: 'U_ANALYST', channel: 'C_SOC' })).toMatchObject({ transport: 'socket', status: 200 });
    for (const ws of clients.splice(0)) ws.terminate();
    await sim.waitFor(() => sim.socketMode().connections === 0);
    const res = await fetch(`${sim.url}/_sim/command`, { method: 'POST', body: JSON.stringify({ user: 'U_ANALYST', channel: 'C_SOC' }) });
    expect(res.status).toBe(409);
  });


  it('env carries SLACK_APP_TOKEN only when asked (socketMode), so HTTP setups stay HTTP', async () => {
    const withToken = await startSlackSim({ socketMode: true });
    expect(withToken.env.SLACK_APP_TOKEN).toBe(withToken.appToken);
    await withToken.close();
    expect(sim.env).not.toHaveProperty('SLACK_APP_TOKEN');
  });
});
