import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { WebSocket } from 'ws';

const ROOT = resolve(__dirname, '../..');
const NAMES = ['SLACK_API_URL', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN'];

describe('slack sim: standalone `npm run sim:slack -- --socket-mode`', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    if (child?.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
  });

  test('prints SLACK_APP_TOKEN too, and that token opens a Socket Mode connection', async () => {
    child = spawn('npm', ['run', 'sim:slack', '--', '--port', '0', '--socket-mode'], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
    });
    const env = await new Promise<Record<string, string>>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`no environment block; stdout=${out} stderr=${err}`)), 30_000);
      child!.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const found = Object.fromEntries([...out.matchAll(/^export ([A-Z_]+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
        if (NAMES.every((n) => n in found)) {
          clearTimeout(timer);
          done(found);
        }
      });
    });
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
