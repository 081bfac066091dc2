import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Credential } from '../domain/auth/auth.service.js';
import { DomainError } from '../domain/errors.js';
import { ViewerRepo } from '../domain/streaming/viewer.repo.js';
import type { Services } from '../services.js';
import type { AnyChannelDef, ChannelDeps } from './channel.js';
import { Connection } from './connection.js';
import { TopicHub } from './hub.js';
import { machineStatsSampler } from './machine-stats.js';
import { queueStatsSampler } from './queue-stats.js';
import { StatsFeed } from './stats-feed.js';
import { loadViewer, viewerOf, type Viewer } from './viewer.js';

/** Tunables of the streaming server; the defaults are Misskey's. */
export interface StreamingOptions {
  /** How often sockets are pinged; a socket silent for two intervals is terminated. */
  pingIntervalMs?: number;
  /** Unsent bytes after which a slow socket is closed. */
  maxBufferedBytes?: number;
  serverStatsIntervalMs?: number;
  queueStatsIntervalMs?: number;
}

const REALM = 'Bearer realm="Misskey"';
const MAX_MESSAGE_BYTES = 64 * 1024;
const CLOSE_GRACE_MS = 1000;

/**
 * The `/streaming` WebSocket endpoint: authenticates the upgrade as Misskey does, then hands
 * each socket to a Connection. Events reach sockets through the bus, so any process may hold
 * any socket.
 */
export class StreamingServer {
  readonly #wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  readonly #connections = new Set<Connection>();
  readonly #deps: ChannelDeps;
  readonly #viewers: ViewerRepo;
  readonly #pingInterval: number;
  readonly #maxBufferedBytes: number;
  #heartbeat: NodeJS.Timeout | undefined;
  #closing = false;

  constructor(
    private readonly svc: Services,
    private readonly channels: ReadonlyMap<string, AnyChannelDef>,
    private readonly log: (err: unknown, message: string) => void,
    options: StreamingOptions = {},
  ) {
    const onError = (err: unknown) => log(err, 'streaming feed failed');
    this.#deps = {
      svc,
      hub: new TopicHub(svc.bus, (err, topic) => log(err, `streaming listener of ${topic} failed`)),
      serverStats: new StatsFeed(machineStatsSampler(), options.serverStatsIntervalMs ?? 2000, onError),
      queueStats: new StatsFeed(queueStatsSampler(svc), options.queueStatsIntervalMs ?? 10_000, onError),
    };
    this.#viewers = new ViewerRepo(svc.database.db);
    this.#pingInterval = options.pingIntervalMs ?? 60_000;
    this.#maxBufferedBytes = options.maxBufferedBytes ?? 4 * 1024 * 1024;
  }

  /** The sockets currently open on this process. */
  get connectionCount(): number {
    return this.#connections.size;
  }

  /** The shared parts channels use (the benchmark drives the hub directly). */
  get deps(): ChannelDeps {
    return this.#deps;
  }

  /** Starts answering WebSocket upgrades on `server`. */
  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      this.#onUpgrade(req, socket, head).catch((err: unknown) => {
        this.log(err, 'streaming upgrade failed');
        refuse(socket, '500 Internal Server Error');
      });
    });
    this.#heartbeat = setInterval(() => this.#checkAlive(), this.#pingInterval);
    this.#heartbeat.unref();
  }

  /** Closes every socket (1001 "going away"), waiting briefly for clients to acknowledge. */
  async close(): Promise<void> {
    this.#closing = true;
    clearInterval(this.#heartbeat);
    const sockets = [...this.#connections].map((c) => c.ws);
    const closed = sockets.map((ws) => new Promise<void>((resolve) => ws.once('close', () => resolve())));
    for (const ws of sockets) ws.close(1001, 'server shutting down');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(closed), new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_GRACE_MS)))]);
    clearTimeout(timer);
    for (const ws of sockets) ws.terminate();
    this.#deps.serverStats.close();
    this.#deps.queueStats.close();
    this.#deps.hub.close();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }

  async #onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    // compat: Misskey upgrades on any path; only /streaming is answered here, so other paths stay free.
    if (url.pathname !== '/streaming' && url.pathname !== '/streaming/') return refuse(socket, '404 Not Found');
    if (this.#closing) return refuse(socket, '503 Service Unavailable');

    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : url.searchParams.get('i');
    let credential: Credential | null = null;
    if (token !== null) {
      try {
        credential = await this.svc.auth.authenticate(token);
      } catch (err) {
        if (err instanceof DomainError && err.kind === 'auth.failed') return refuseToken(socket);
        throw err;
      }
      // An app token without read:account cannot use streaming at all.
      if (credential.accessToken && !credential.accessToken.permission.includes('read:account')) return refuseToken(socket);
      if (credential.user.isSuspended) return refuse(socket, '403 Forbidden');
    }

    const viewer = credential ? await viewerOf(this.svc, credential.user) : null;
    this.#wss.handleUpgrade(req, socket, head, (ws) => void this.#accept(ws, viewer ?? null, credential));
  }

  async #accept(ws: WebSocket, viewer: Viewer | null, credential: Credential | null): Promise<void> {
    const userId = viewer?.user.id;
    const connection = new Connection(
      ws,
      {
        deps: this.#deps,
        channels: this.channels,
        maxBufferedBytes: this.#maxBufferedBytes,
        reloadViewer: async () => {
          if (!userId) return undefined;
          // Misskey keeps a streaming user "online" while the socket lives; reloads happen at least every 5 minutes.
          await this.#markActive(userId);
          return loadViewer(this.svc, userId);
        },
        markActive: (id) => this.#markActive(id),
        readAllNotifications: (id) => this.svc.notifications.markAllAsRead(id),
        readNote: async (id, noteId) => {
          const note = await this.svc.notesRepo.findById(noteId);
          if (note) await this.svc.noteUnreads.read(id, [note]);
        },
        log: this.log,
      },
      viewer,
      credential?.accessToken ?? null,
    );
    this.#connections.add(connection);
    ws.on('error', () => ws.terminate());
    ws.once('close', () => {
      this.#connections.delete(connection);
      connection.dispose();
    });
    if (this.#closing) return void ws.close(1001, 'server shutting down');
    await connection.start().catch((err: unknown) => this.log(err, 'streaming connection start failed'));
  }

  /** Marks the user online; a written lastActiveDate is announced, so cached user rows show it. */
  async #markActive(userId: string): Promise<void> {
    if (await this.#viewers.markActive(userId, Date.now())) this.svc.events.emit('user.changed', { userIds: [userId] });
  }

  #checkAlive(): void {
    const deadline = Date.now() - 2 * this.#pingInterval;
    for (const connection of this.#connections) {
      if (connection.lastSeen < deadline) connection.ws.terminate();
      else connection.ws.ping();
    }
  }

}

function refuse(socket: Duplex, status: string, headers: string[] = []): void {
  socket.once('finish', () => socket.destroy());
  socket.end([`HTTP/1.1 ${status}`, 'Connection: close', 'Content-Length: 0', ...headers].join('\r\n') + '\r\n\r\n');
}

function refuseToken(socket: Duplex): void {
  refuse(socket, '401 Unauthorized', [`WWW-Authenticate: ${REALM}, error="invalid_token", error_description="Failed to authenticate"`]);
}
