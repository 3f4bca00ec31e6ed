import { WebSocket } from 'ws';
import { startStandalone, type Standalone } from '../support/standalone';

const NAMES = ['SLACK_API_URL', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN'];

describe('slack sim: standalone `npm run sim:slack -- --socket-mode`', () => {
  let sim: Standalone | undefined;
  afterEach(() => sim?.stop());

  test('prints SLACK_APP_TOKEN too, and that token opens a Socket Mode connection', async () => {
    sim = await startStandalone('sim:slack', ['--port', '0', '--socket-mode'], NAMES);
    const { env } = sim;
    expect(env.SLACK_APP_TOKEN).toMatch(/^xapp-/);
    const open = await fetch(`${env.SLACK_API_URL}apps.connections.open`, { method: 'POST', headers: { Authorization: `Bearer ${env.SLACK_APP_TOKEN}` } });
    const { url } = (await open.json()) as { url: string };
    const ws = new WebSocket(url);
    const hello = await new Promise<Record<string, unknown>>((done, fail) => {
      ws.once('message', (data) => done(JSON.parse(data.toString()) as Record<string, unknown>));
      ws.once('error', fail);
    });
    ws.terminate();
    expect(hello).toMatchObject({ type: 'hello', num_connections: 1 });
  });
});
