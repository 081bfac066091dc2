import WebSocket from 'ws';
import type { AccessTokenInfo } from '../domain/auth/auth.service.js';
import type { AnyChannelDef, ChannelContext, ChannelDeps, ChannelHooks, ChannelId } from './channel.js';
import { channelTailOf } from './hub.js';
import type { Viewer } from './viewer.js';

/** Bus topic of messages for every socket: `{type, body}` sent as is, outside any channel. */
export const BROADCAST_TOPIC = 'broadcast';
/** Misskey ignores `connect` beyond this many channels on one socket. */
export const MAX_CHANNELS_PER_SOCKET = 32;
/** Captured notes per socket; a client asking for more is ignored (Misskey has no cap). */
const MAX_CAPTURED_NOTES = 1024;
/** Client messages waiting to be handled; more are dropped so one client cannot queue unbounded work. */
const MAX_PENDING_MESSAGES = 256;
const MAX_ID_LENGTH = 256;
/** ws.send options of every message (bytes included: they are UTF-8 JSON text); shared, ws copies them. */
const AS_TEXT = { binary: false } as const;
/** How often a signed-in socket reloads its relations even without an event. */
const VIEWER_REFRESH_MS = 5 * 60 * 1000;

/** What a connection needs from the server that accepted it. */
export interface ConnectionOptions {
  deps: ChannelDeps;
  channels: ReadonlyMap<string, AnyChannelDef>;
  /** A socket whose unsent data exceeds this is closed: a slow client must not grow our memory. */
  maxBufferedBytes: number;
  /** Reloads the viewer state (relations, mutes) from the database. */
  reloadViewer(): Promise<Viewer | undefined>;
  /** Records the user as online (Misskey's lastActiveDate), at connect time. */
  markActive(userId: string): Promise<void>;
  /** Marks all of the user's notifications as read (the `readNotification` message). */
  readAllNotifications(userId: string): Promise<void>;
  /** The user has read a note (the `sr` message): if it was addressed to them it is no longer unread. */
  readNote(userId: string, noteId: string): Promise<void>;
  log(err: unknown, message: string): void;
}

interface ActiveChannel {
  def: AnyChannelDef;
  hooks: ChannelHooks | void;
  disposers: (() => void)[];
  disposed: boolean;
}

interface NoteCapture {
  count: number;
  stop?: () => void;
}

/** One client socket: its user, connected channels and captured notes, speaking Misskey's streaming protocol. */
export class Connection {
  readonly #channels = new Map<ChannelId, ActiveChannel>();
  readonly #notes = new Map<string, NoteCapture>();
  readonly #viewerDisposers: (() => void)[] = [];
  #queue: Promise<void> = Promise.resolve();
  #pending = 0;
  #closed = false;
  /** Last time the client showed it is alive (a message or a pong). */
  lastSeen = Date.now();

  constructor(
    readonly ws: WebSocket,
    private readonly opts: ConnectionOptions,
    private viewer: Viewer | null,
    readonly token: AccessTokenInfo | null,
  ) {
    ws.on('message', (data, isBinary) => this.#onMessage(data, isBinary));
    ws.on('pong', () => (this.lastSeen = Date.now()));
  }

  get userId(): string | null {
    return this.viewer?.user.id ?? null;
  }

  /** Subscribes the socket to broadcasts and its user's relation changes; called once, when the socket opens. */
  start(): Promise<void> {
    // Client messages wait until the socket's own subscriptions are live.
    const started = this.#subscribeOwnTopics();
    this.#queue = started.catch((err: unknown) => this.opts.log(err, 'streaming connection start failed'));
    return started;
  }

  async #subscribeOwnTopics(): Promise<void> {
    const hub = this.opts.deps.hub;
    // Instance-wide announcements (emojiAdded, announcementCreated, …) go to every socket at top level.
    const broadcast = await hub.subscribe(BROADCAST_TOPIC, (message) => this.send(message.type, message.body));
    if (this.#closed) return broadcast();
    this.#viewerDisposers.push(broadcast);
    const userId = this.userId;
    if (!userId) return;
    await this.opts.markActive(userId);
    const stops = await Promise.all([
      hub.subscribe(`viewer:${userId}`, () => this.#reloadViewer()),
      // Mute settings (words, instances) change through i/update, which announces meUpdated.
      hub.subscribe(`main:${userId}`, (message) => (message.type === 'meUpdated' ? this.#reloadViewer() : undefined)),
    ]);
    // A safety net for relation changes no event announces (e.g. a mute expiring).
    const timer = setInterval(() => void this.#reloadViewer().catch((err: unknown) => this.opts.log(err, 'viewer reload failed')), VIEWER_REFRESH_MS);
    timer.unref();
    stops.push(() => clearInterval(timer));
    if (this.#closed) stops.forEach((stop) => stop());
    else this.#viewerDisposers.push(...stops);
  }

  /** Sends a top-level `{type, body}` message. */
  send(type: string, body?: unknown): void {
    this.sendJson(JSON.stringify(body === undefined ? { type } : { type, body }));
  }

  /** Sends a pre-serialised message (JSON text, or its UTF-8 bytes), or closes the socket when the client cannot keep up. */
  sendJson(json: string | Buffer): void {
    const ws = this.ws;
    if (this.#closed || ws.readyState !== WebSocket.OPEN) return;
    if (ws.bufferedAmount > this.opts.maxBufferedBytes) {
      // A client this far behind would only fall further behind; it reconnects and catches up over HTTP.
      ws.terminate();
      return;
    }
    ws.send(json, AS_TEXT);
  }

  /** Releases every channel and subscription; called when the socket closes. */
  dispose(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const id of [...this.#channels.keys()]) this.#disconnect(id);
    for (const capture of this.#notes.values()) capture.stop?.();
    this.#notes.clear();
    for (const stop of this.#viewerDisposers.splice(0)) stop();
  }

  #onMessage(data: WebSocket.RawData, isBinary: boolean): void {
    this.lastSeen = Date.now();
    if (isBinary || this.#pending >= MAX_PENDING_MESSAGES) return;
    let message: unknown;
    try {
      message = JSON.parse(data.toString());
    } catch {
      // Heartbeats ("h", "ping") and garbage are not JSON; Misskey ignores them without a reply.
      return;
    }
    if (!isObject(message) || typeof message.type !== 'string') return;
    const { type, body } = message;
    this.#pending++;
    // One at a time, in order: a `connect` is fully set up before the next message is handled.
    this.#queue = this.#queue
      .then(() => (this.#closed ? undefined : this.#handle(type, body)))
      .catch((err: unknown) => this.opts.log(err, `streaming message ${type} failed`))
      .finally(() => this.#pending--);
  }

  async #handle(type: string, raw: unknown): Promise<void> {
    const body = isObject(raw) ? raw : {};
    switch (type) {
      case 'connect':
        return this.#connect(body);
      case 'disconnect':
        if (isChannelId(body.id)) this.#disconnect(body.id);
        return;
      case 'channel':
      case 'ch':
        return this.#channelMessage(body);
      case 'subNote':
      case 's':
        return this.#captureNote(body.id);
      case 'sr':
        await this.#captureNote(body.id);
        // compat: Misskey reads only notes this socket was sent; any note id is accepted here, which
        // changes nothing but the caller's own unread rows.
        if (this.userId && isNoteId(body.id)) await this.opts.readNote(this.userId, body.id);
        return;
      case 'unsubNote':
      case 'un':
        return this.#releaseNote(body.id);
      case 'readNotification':
        if (this.userId) await this.opts.readAllNotifications(this.userId);
        return;
    }
  }

  async #connect(body: Record<string, unknown>): Promise<void> {
    const { channel, id, params, pong } = body;
    if (typeof channel !== 'string' || !isChannelId(id)) return;
    const def = this.opts.channels.get(channel);
    if (!def || this.#channels.size >= MAX_CHANNELS_PER_SOCKET || this.#channels.has(id)) return;
    if (def.requireCredential && !this.viewer) return;
    if (this.token && (def.permission ? !this.token.permission.includes(def.permission) : def.requireCredential)) return;
    if (def.shared && [...this.#channels.values()].some((c) => c.def === def)) return;

    const active: ActiveChannel = { def, hooks: undefined, disposers: [], disposed: false };
    this.#channels.set(id, active);
    try {
      const hooks = await def.init(this.#context(id, active), isObject(params) ? params : {});
      if (hooks === false) {
        this.#disconnect(id);
        return;
      }
      active.hooks = hooks;
    } catch (err) {
      this.#disconnect(id);
      throw err;
    }
    if (pong === true) this.send('connected', { id });
  }

  #context(id: ChannelId, active: ActiveChannel): ChannelContext {
    const conn = this;
    const prefix = Buffer.from(`{"type":"channel","body":{"id":${JSON.stringify(id)},"type":`);
    return {
      id,
      deps: this.opts.deps,
      get user() {
        return conn.viewer?.user ?? null;
      },
      token: this.token,
      get viewer() {
        return conn.viewer;
      },
      send(type, body) {
        if (active.disposed) return;
        conn.sendJson(JSON.stringify({ type: 'channel', body: { id, type, body } }));
      },
      sendShared(type, body) {
        if (active.disposed) return;
        if (typeof body !== 'object' || body === null) return this.send(type, body);
        // Bytes, not text: the shared part is encoded once per event, each socket only copies it.
        const tail = channelTailOf(type, body);
        const message = Buffer.allocUnsafe(prefix.length + tail.length);
        prefix.copy(message, 0);
        tail.copy(message, prefix.length);
        conn.sendJson(message);
      },
      async subscribe(topic, listener) {
        const stop = await conn.opts.deps.hub.subscribe(topic, (message) => (active.disposed ? undefined : listener(message)));
        if (active.disposed) stop();
        else active.disposers.push(stop);
      },
      onDispose(fn) {
        if (active.disposed) fn();
        else active.disposers.push(fn);
      },
    };
  }

  #disconnect(id: ChannelId): void {
    const active = this.#channels.get(id);
    if (!active) return;
    this.#channels.delete(id);
    active.disposed = true;
    for (const fn of active.disposers.splice(0)) {
      try {
        fn();
      } catch (err) {
        this.opts.log(err, `disposing channel ${active.def.name} failed`);
      }
    }
  }

  async #channelMessage(body: Record<string, unknown>): Promise<void> {
    if (!isChannelId(body.id) || typeof body.type !== 'string') return;
    const active = this.#channels.get(body.id);
    await active?.hooks?.onMessage?.(body.type, body.body);
  }

  async #captureNote(noteId: unknown): Promise<void> {
    if (!isNoteId(noteId)) return;
    const existing = this.#notes.get(noteId);
    if (existing) {
      existing.count++;
      return;
    }
    if (this.#notes.size >= MAX_CAPTURED_NOTES) return;
    const capture: NoteCapture = { count: 1 };
    this.#notes.set(noteId, capture);
    const stop = await this.opts.deps.hub.subscribe(`note:${noteId}`, (message) => {
      this.send('noteUpdated', { id: noteId, type: message.type, body: message.body });
    });
    if (this.#notes.get(noteId) === capture) capture.stop = stop;
    else stop();
  }

  #releaseNote(noteId: unknown): void {
    if (!isNoteId(noteId)) return;
    const capture = this.#notes.get(noteId);
    if (!capture || --capture.count > 0) return;
    this.#notes.delete(noteId);
    capture.stop?.();
  }

  async #reloadViewer(): Promise<void> {
    const next = await this.opts.reloadViewer();
    if (!next || next.user.isSuspended) {
      // The account is gone or suspended: Misskey would refuse this socket now, so end it.
      this.ws.close(1008, 'account unavailable');
      return;
    }
    this.viewer = next;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isChannelId(value: unknown): value is ChannelId {
  return (typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH) || (typeof value === 'number' && Number.isFinite(value));
}

function isNoteId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 64 && /^[a-zA-Z0-9]+$/.test(value);
}
