// The bot over Socket Mode: the real Slack app (SLACK_APP_TOKEN set) opens a connection to the Slack simulator, which
// delivers commands, clicks and events on it; the real job system runs the work; the side server answers probes.
import { SMALL_SUBSCRIPTIONS as S } from '../../sim/azure';
import { operationalRoutes } from '../../src/http/routes';
import { createLogger } from '../../src/log';
import type { JobRequest } from '../../src/ports';
import { createSlackApp, type SlackApp } from '../../src/slack/app';
import { ACTIONS } from '../../src/slack/ids';
import { configFor, startJobsHarness, type JobsHarness } from '../support/jobs-harness';
import { isStatus, recording } from '../support/recording-jobs';

jest.setTimeout(120_000);

const CH = 'C_SOC';
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
let h: JobsHarness;
let web: SlackApp;
const enqueued: JobRequest[] = [];


beforeAll(async () => {
  h = await startJobsHarness('slack-socket');
  await h.startWorkers();
  const config = configFor(h.azure, h.slack, h.prefix, { SLACK_APP_TOKEN: h.slack.appToken, ADMIN_SLACK_USERS: 'U_ADMIN', PORT: '0', HOST: '127.0.0.1' });
  web = createSlackApp({ config, jobs: recording(h.port, enqueued), redis: h.redis, logger, customRoutes: operationalRoutes(h.redis, { accepting: true }) });
  // Resolves on Slack's hello; no bot URL is set, so the simulator delivers on the socket.
  await web.start();
});

afterAll(async () => {
  // The app first: a client left connected would try to reconnect to a closed simulator.
  await web?.stop();
  await h?.close();
});

async function status(): Promise<void> {
  const before = h.slack.messages(CH).filter(isStatus).length;
  const count = enqueued.length;
  const res = await h.slack.command({ user: 'U_ANALYST', channel: CH, text: 'status' });
  expect(res).toMatchObject({ transport: 'socket', status: 200, timedOut: false });
  expect(res.ms).toBeLessThan(3000);
  expect(res.body).toContain('Working on it');
  // Listeners ack first and enqueue after.
  const request = await h.slack.waitFor(() => enqueued.slice(count).find((r) => r.kind === 'status'));
  expect(request).toMatchObject({ requestedBy: { userId: 'U_ANALYST' }, reply: { channel: CH } });
  await h.slack.waitFor(() => h.slack.messages(CH).filter(isStatus)[before], 30_000);
}

describe('Socket Mode', () => {
  it('connects with the app-level token through SLACK_API_URL', () => {
    expect(h.slack.socketMode()).toMatchObject({ connections: 1, accepted: 1, deliveryMode: 'auto' });
    expect(h.slack.calls('apps.connections.open')).toHaveLength(1);
  });

  it('/sentinel status is acked on the socket within 3 s, enqueued, and the worker posts the status', async () => {
    await status();
  });

  it("a non-admin's forged click is refused and enqueues nothing", async () => {
    const count = enqueued.length;
    const res = await h.slack.rawAction({
      type: 'block_actions',
      user: { id: 'U_MALLORY', username: 'mallory', team_id: 'T0SENTINEL' },
      team: { id: 'T0SENTINEL', domain: 'sentinel-secops' },
      api_app_id: 'A_SENTINEL',
      container: { type: 'message', message_ts: '1700000000.000100', channel_id: CH, is_ephemeral: false },
      channel: { id: CH, name: 'soc-alerts' },
      actions: [{ type: 'button', action_id: ACTIONS.disconnectConfirm, block_id: 'forged', value: S.data, action_ts: '1' }],
    });
    expect(res).toMatchObject({ transport: 'socket', status: 200 });
    const refusal = await h.slack.waitFor(() => h.slack.ephemerals(CH, 'U_MALLORY').find((m) => m.text.includes('not allowed')));
    expect(refusal.text).toMatch(/admins/);
    expect(enqueued.slice(count)).toHaveLength(0);
  });

  it('app_home_opened publishes the App Home', async () => {
    const res = await h.slack.homeOpened({ user: 'U_ADMIN' });
    expect(res).toMatchObject({ transport: 'socket', status: 200 });
    const home = await h.slack.waitFor(() => h.slack.views('U_ADMIN').home);
    expect(JSON.stringify(home)).toContain('Recent jobs');
  });

  it('serves /healthz and /readyz on the side HTTP server', async () => {
    const base = `http://127.0.0.1:${web.port()}`;
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', redis: true });
    expect((await fetch(`${base}/slack/events`, { method: 'POST' })).status).toBe(404);
  });

  it("reconnects after Slack's disconnect message and keeps working", async () => {
    expect(h.slack.disconnectSockets('refresh_requested')).toBe(1);
    await h.slack.waitFor(() => h.slack.socketMode().connections === 0);
    // The client waits one ping timeout (5 s) before it asks apps.connections.open for a new URL.
    await h.slack.waitFor(() => h.slack.socketMode().accepted === 2 && h.slack.socketMode().connections === 1, 20_000);
    expect(h.slack.calls('apps.connections.open')).toHaveLength(2);
    await status();
  });
});

describe('Socket Mode start-up', () => {
  it('a wrong app-level token fails start() with invalid_auth', async () => {
    const config = configFor(h.azure, h.slack, h.prefix, { SLACK_APP_TOKEN: 'xapp-1-A_SENTINEL-1-not-the-token', PORT: '0', HOST: '127.0.0.1' });
    const bad = createSlackApp({ config, jobs: recording(h.port, enqueued), redis: h.redis, logger });
    await expect(bad.start()).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
    await bad.stop();
  });
});
