import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { commandReply, postToResponseUrl } from '../../src/slack/reply';
import { createLogger } from '../../src/log';

let server: http.Server;
let base: string;
const received: { path: string; type?: string; body: unknown }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', type: req.headers['content-type'], body: JSON.parse(raw || 'null') });
      res.statusCode = req.url === '/used' ? 404 : 200;
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  received.length = 0;
});

it('posts the message as JSON to the response_url', async () => {
  await postToResponseUrl(`${base}/r/1`, { text: 'hi', replace_original: true });
  expect(received).toEqual([{ path: '/r/1', type: 'application/json', body: { text: 'hi', replace_original: true } }]);
});

it('rejects when the response_url refuses the message or is not http(s)', async () => {
  await expect(postToResponseUrl(`${base}/used`, { text: 'late' })).rejects.toThrow('404');
  await expect(postToResponseUrl('ftp://example.com/x', { text: 'x' })).rejects.toThrow('scheme');
  await expect(postToResponseUrl('not a url', { text: 'x' })).rejects.toThrow();
});

it('a command reply replaces the ephemeral "Working on it…" and never throws', async () => {
  const say = commandReply(`${base}/r/2`, createLogger('silent'));
  await say('done', [{ type: 'section', text: { type: 'mrkdwn', text: 'done' } }]);
  expect(received[0].body).toEqual({ response_type: 'ephemeral', replace_original: true, text: 'done', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'done' } }] });
  await expect(commandReply(`${base}/used`, createLogger('silent'))('late')).resolves.toBeUndefined();
  await expect(commandReply(undefined, createLogger('silent'))('nowhere')).resolves.toBeUndefined();
});
