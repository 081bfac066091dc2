import { randomBytes } from 'node:crypto';
import * as Misskey from 'misskey-js';
import WebSocket from 'ws';
import type { TestServer } from '../support/server.js';

/** A message as the server sends it. */
export interface Msg {
  type: string;
  body?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const TIMEOUT_MS = 5000;

/** The streaming URL of `server`, with `i` when a token is given. */
export function streamingUrl(server: TestServer | string, token?: string): string {
  const base = (typeof server === 'string' ? server : server.url).replace(/^http/, 'ws');
  return `${base}/streaming${token === undefined ? '' : `?i=${encodeURIComponent(token)}`}`;
}

/** A raw WebSocket client that records every message, for protocol-level tests. */
export class RawClient {
  readonly received: Msg[] = [];
  readonly #waiters = new Set<{ match: (m: Msg) => boolean; resolve: (m: Msg) => void }>();
  #consumed = 0;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString()) as Msg;
      this.received.push(msg);
      for (const w of [...this.#waiters]) {
        if (w.match(msg)) {
          this.#waiters.delete(w);
          w.resolve(msg);
        }
      }
    });
  }

  /** Opens a socket; rejects when the upgrade is refused or does not complete in time. */
  static open(url: string, headers: Record<string, string> = {}, timeoutMs = TIMEOUT_MS): Promise<RawClient> {
    const ws = new WebSocket(url, { headers });
    const opened = new Promise<RawClient>((resolve, reject) => {
      const client = new RawClient(ws);
      ws.once('open', () => resolve(client));
      ws.once('error', reject);
    });
    return withTimeout(opened, timeoutMs, 'socket open').catch((err: unknown) => {
      ws.terminate();
      throw err;
    });
  }

  send(type: string, body?: unknown): void {
    this.ws.send(JSON.stringify(body === undefined ? { type } : { type, body }));
  }

  /** Connects a channel and waits for the server's `connected` reply. */
  async connect(channel: string, params: Record<string, unknown> = {}, id = `c${randomBytes(4).toString('hex')}`): Promise<string> {
    const reply = this.next((m) => m.type === 'connected' && m.body?.id === id);
    this.send('connect', { channel, id, params, pong: true });
    await reply;
    return id;
  }

  /** The first message (received before or after the call) matching `match`. */
  next(match: (m: Msg) => boolean, timeoutMs = TIMEOUT_MS): Promise<Msg> {
    const found = this.received.find(match);
    if (found) return Promise.resolve(found);
    const waiter = { match, resolve: (_m: Msg) => {} };
    const arrived = new Promise<Msg>((resolve) => {
      waiter.resolve = resolve;
      this.#waiters.add(waiter);
    });
    // A waiter that timed out must not linger and match a later message.
    return withTimeout(arrived, timeoutMs, 'message').finally(() => this.#waiters.delete(waiter));
  }

  /** The next top-level message of `type` (e.g. a main-stream event relayed outside channels). */
  event(type: string, match: (body: any) => boolean = () => true, timeoutMs = TIMEOUT_MS): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
    return this.next((m) => m.type === type && match(m.body), timeoutMs).then((m) => m.body);
  }

  /** The next channel event of channel `id` with `type`; fails after `timeoutMs` instead of hanging. */
  channelEvent(id: string, type: string, match: (body: any) => boolean = () => true, timeoutMs = TIMEOUT_MS): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
    return this.next((m) => m.type === 'channel' && m.body?.id === id && m.body.type === type && match(m.body.body), timeoutMs).then((m) => m.body.body);
  }

  /** Resolves when every message sent so far has been handled by the server (a connect/pong round trip). */
  async roundTrip(): Promise<void> {
    const id = `probe${randomBytes(4).toString('hex')}`;
    const reply = this.next((m) => m.type === 'connected' && m.body?.id === id);
    this.send('connect', { channel: 'globalTimeline', id, pong: true });
    await reply;
    this.send('disconnect', { id });
  }

  /** Messages received since the last call (for "nothing else arrived" checks). */
  drain(): Msg[] {
    const fresh = this.received.slice(this.#consumed).filter((m) => !(m.type === 'connected' && String(m.body?.id).startsWith('probe')));
    this.#consumed = this.received.length;
    return fresh;
  }

  /** Closes the socket; one that does not finish the closing handshake in time is terminated. */
  close(timeoutMs = TIMEOUT_MS): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    const closed = new Promise<void>((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
    return withTimeout(closed, timeoutMs, 'close').catch(() => this.ws.terminate());
  }

  /** Resolves with the close code once the server closes the socket. */
  closed(timeoutMs = TIMEOUT_MS): Promise<number> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve(-1);
    return withTimeout(new Promise((resolve) => this.ws.once('close', (code) => resolve(code))), timeoutMs, 'close');
  }
}

/** The HTTP status (and headers) with which the server refuses an upgrade. */
export function refusedUpgrade(url: string, headers: Record<string, string> = {}, timeoutMs = TIMEOUT_MS): Promise<{ status: number; headers: Record<string, unknown> }> {
  let socket: WebSocket | undefined;
  const answered = new Promise<{ status: number; headers: Record<string, unknown> }>((resolve, reject) => {
    const ws = (socket = new WebSocket(url, { headers }));
    ws.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
      res.resume();
      ws.terminate();
    });
    ws.once('open', () => {
      ws.close();
      reject(new Error('upgrade was accepted'));
    });
    ws.once('error', () => undefined);
  });
  return withTimeout(answered, timeoutMs, 'upgrade answer').catch((err: unknown) => {
    socket?.terminate();
    throw err;
  });
}

/** A misskey-js Stream on `server`, open. */
export async function openStream(server: TestServer, token?: string): Promise<Misskey.Stream> {
  const stream = new Misskey.Stream(server.url, token ? { token } : null, { WebSocket });
  try {
    await withTimeout(new Promise<void>((resolve) => stream.once('_connected_', () => resolve())), TIMEOUT_MS, 'stream open');
  } catch (err) {
    // misskey-js reconnects forever; a stream that never opened must not keep the test process alive.
    stream.close();
    throw err;
  }
  return stream;
}

/** Resolves when the server has handled every message `stream` sent so far. */
export async function settle(stream: Misskey.Stream): Promise<void> {
  const id = `probe${randomBytes(4).toString('hex')}`;
  const reply = nextEvent(stream as any, 'connected', (body) => body.id === id); // eslint-disable-line @typescript-eslint/no-explicit-any
  stream.send('connect', { channel: 'globalTimeline', id, pong: true });
  await reply;
  stream.send('disconnect', { id });
}

/** The next `event` emitted by a misskey-js stream or channel connection. */
export function nextEvent<T = any>( // eslint-disable-line @typescript-eslint/no-explicit-any
  emitter: { on(event: string, fn: (payload: T) => void): unknown; off(event: string, fn: (payload: T) => void): unknown },
  event: string,
  match: (payload: T) => boolean = () => true,
  timeoutMs = TIMEOUT_MS,
): Promise<T> {
  let handler: ((payload: T) => void) | undefined;
  const emitted = new Promise<T>((resolve) => {
    handler = (payload: T) => {
      if (match(payload)) resolve(payload);
    };
    emitter.on(event, handler);
  });
  // The listener goes whether the event came or the wait timed out.
  return withTimeout(emitted, timeoutMs, `event ${event}`).finally(() => emitter.off(event, handler!));
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
