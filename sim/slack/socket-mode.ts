/**
 * Socket Mode: `apps.connections.open` (app-level token) hands out a one-time `ws://…/link/?ticket=…` URL; the app
 * connects, gets `hello`, and receives the same payloads an HTTP delivery carries, wrapped in envelopes it acks with
 * `{envelope_id, payload?}`. `disconnect()` sends Slack's `disconnect` message so clients reconnect with a new URL.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { BotAnswer, DeliveryKind, DeliveryOverrides } from './deliver';
import { SimRequestError } from './errors';
import { ApiError } from './webapi/request';
import type { Workspace } from './workspace';

/** Interactive payloads whose ack payload Slack uses (options, response_action); other acks are plain receipts. */
const RESPONSE_PAYLOAD_TYPES = new Set(['view_submission', 'block_suggestion']);

interface Envelope {
  type: 'slash_commands' | 'interactive' | 'events_api';
  payload: unknown;
  accepts_response_payload: boolean;
}

/** Turns an HTTP delivery body into the Socket Mode envelope carrying the same payload. */
export function envelopeFor(kind: DeliveryKind, body: string): Envelope {
  if (kind === 'event') return { type: 'events_api', payload: JSON.parse(body), accepts_response_payload: false };
  const form = new URLSearchParams(body);
  if (kind === 'command') return { type: 'slash_commands', payload: Object.fromEntries(form), accepts_response_payload: true };
  const payload = JSON.parse(form.get('payload') ?? '{}') as { type?: unknown };
  return { type: 'interactive', payload, accepts_response_payload: RESPONSE_PAYLOAD_TYPES.has(String(payload.type)) };
}

function header(overrides: DeliveryOverrides, name: string): string | undefined {
  const found = Object.entries(overrides.headers ?? {}).find(([k]) => k.toLowerCase() === name);
  return found?.[1];
}

export interface SocketModeInfo {
  /** Open connections. */
  connections: number;
  /** Connections accepted since start; a reconnect counts again. */
  accepted: number;
}

export class SocketMode {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly tickets = new Set<string>();
  private readonly sockets: WebSocket[] = [];
  private readonly pending = new Map<string, (answer: BotAnswer) => void>();
  private accepted = 0;

  constructor(
    private readonly ws: Workspace,
    private readonly appToken: string,
    private readonly baseUrl: () => string,
  ) {}

  /** `apps.connections.open`: only the app-level token may open a connection. */
  open(token: string | undefined): { url: string } {
    if (!token) throw new ApiError('not_authed');
    if (token.startsWith('xox')) throw new ApiError('not_allowed_token_type');
    if (token !== this.appToken) throw new ApiError('invalid_auth');
    const ticket = randomUUID();
    this.tickets.add(ticket);
    return { url: `${this.baseUrl().replace(/^http/, 'ws')}/link/?ticket=${ticket}&app_id=${this.ws.bot.app_id}` };
  }

  /** Takes over WebSocket upgrades on the simulator's HTTP server. */
  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(req.url ?? '/', 'http://sim');
      const ticket = url.searchParams.get('ticket') ?? '';
      // Tickets are single use: a reconnect must call apps.connections.open again, as on Slack.
      if (url.pathname.replace(/\/$/, '') !== '/link' || !this.tickets.delete(ticket)) {
        socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (client) => this.accept(client));
    });
  }

  private accept(client: WebSocket): void {
    this.sockets.push(client);
    this.accepted += 1;
    client.on('message', (data: RawData) => this.onAck(data));
    client.on('close', () => {
      const i = this.sockets.indexOf(client);
      if (i >= 0) this.sockets.splice(i, 1);
    });
    client.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.sockets.length,
        debug_info: { host: 'applink-sim', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: this.ws.bot.app_id },
      }),
    );
  }

  private onAck(data: RawData): void {
    let message: { envelope_id?: unknown; payload?: unknown };
    try {
      message = JSON.parse(data.toString()) as typeof message;
    } catch {
      return;
    }
    const settle = typeof message.envelope_id === 'string' ? this.pending.get(message.envelope_id) : undefined;
    if (!settle) return;
    const payload = message.payload && typeof message.payload === 'object' && Object.keys(message.payload).length ? message.payload : undefined;
    // An empty ack payload is an empty HTTP 200, so command acks without text post nothing.
    settle({ status: 200, body: payload ? JSON.stringify(payload) : '', json: payload });
  }

  connected(): boolean {
    return this.sockets.some((s) => s.readyState === WebSocket.OPEN);
  }

  info(): SocketModeInfo {
    return { connections: this.sockets.length, accepted: this.accepted };
  }

  /**
   * Delivers over the newest open connection and waits for its ack. Signatures do not exist on a socket; retry
   * headers become `retry_attempt`/`retry_reason`.
   */
  deliver(kind: DeliveryKind, body: string, overrides: DeliveryOverrides, timeoutMs: number): Promise<BotAnswer> {
    const client = [...this.sockets].reverse().find((s) => s.readyState === WebSocket.OPEN);
    if (!client) throw new SimRequestError(409, 'no Socket Mode connection: the app has not connected (apps.connections.open)');
    const envelopeId = randomUUID();
    const envelope = {
      envelope_id: envelopeId,
      ...envelopeFor(kind, body),
      retry_attempt: Number(header(overrides, 'x-slack-retry-num') ?? 0),
      retry_reason: header(overrides, 'x-slack-retry-reason') ?? '',
    };
    return new Promise<BotAnswer>((resolve) => {
      const done = (answer: BotAnswer): void => {
        clearTimeout(timer);
        client.off('close', onClose);
        this.pending.delete(envelopeId);
        resolve(answer);
      };
      const onClose = (): void => done({ status: 0, body: '', error: 'connection closed before the ack' });
      const timer = setTimeout(() => done({ status: 0, body: '', error: `no ack within ${timeoutMs} ms` }), timeoutMs);
      this.pending.set(envelopeId, done);
      client.once('close', onClose);
      client.send(JSON.stringify(envelope));
    });
  }

  /** Slack's `disconnect` message to every connection; returns how many got it. */
  disconnect(reason = 'refresh_requested'): number {
    const open = this.sockets.filter((s) => s.readyState === WebSocket.OPEN);
    for (const s of open) s.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'applink-sim' } }));
    return open.length;
  }

  close(): void {
    for (const s of this.sockets) s.terminate();
    this.wss.close();
  }
}
