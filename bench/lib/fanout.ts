import path from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { openDatabase } from '../../src/infra/db/kysely.js';
import { IdGenerator } from '../../src/lib/aidx.js';
import { randomToken, sha256Hex } from '../../src/lib/secure.js';
import type { ApiClient } from './http.js';
import type { SeedUser } from './seed.js';
import { round, summarise } from './stats.js';

/** Streaming fan-out: delay from notes/create returning to each follower's homeTimeline delivery. */
export interface FanoutResult {
  listeners: number;
  notes: number;
  deliveries: number;
  missed: number;
  p50: number;
  p99: number;
  max: number;
  /** Server RSS growth per open, subscribed homeTimeline socket (KB), from before opening to after the warm-up note. */
  rssPerConnectionKb: number;
  /** Server CPU time (user + system) per note posted and delivered to every socket, ms: steady on a busy machine. */
  serverCpuPerNoteMs: number;
}

/** Readings of the server under test. */
export interface ServerProbes {
  /** Resident memory, MB (summed over its processes). */
  rssMb(): number;
  /** CPU time used so far, ms (summed over its processes). */
  cpuMs(): number;
}

const DELIVERY_TIMEOUT_MS = 5_000;

/**
 * The follower counts the fan-out phase measures, up to the scale's: 1,000 and 100 by default.
 * Largest first: memory freed by an earlier round would be reused and hide the sockets' own RSS.
 */
export function fanoutSizes(max: number): number[] {
  return [...new Set([100, 1_000, max].filter((n) => n <= max))].sort((a, b) => b - a);
}

/**
 * Opens one `homeTimeline` socket per listener, posts `notes` notes as the poster one
 * after another, and records when each socket receives each note. The server's memory is
 * sampled before the sockets open and once they all received a note; its CPU time over the
 * measured notes.
 */
export async function measureFanout(
  client: ApiClient,
  baseUrl: string,
  poster: SeedUser,
  listeners: SeedUser[],
  notes: number,
  server: ServerProbes,
): Promise<FanoutResult> {
  const waiting = new Map<string, (t: number) => void>();
  const rssBefore = server.rssMb();
  const sockets = await openAll(listeners, (l, i) => openHomeTimeline(baseUrl, l.token, `fo${i}`, (raw, t) => {
    // Cheap match on the raw frame: parsing 1,000 frames per note would slow the clock we read.
    for (const [text, onReceive] of waiting) if (raw.includes(text)) onReceive(t);
  }));
  try {
    // Channels are connected without an acknowledgement; one note that reaches everybody proves they are.
    const warm = await postAndCollect(client, poster, waiting, listeners.length, 'fan-out warm-up', 15_000);
    if (warm.latencies.length < listeners.length) {
      throw new Error(`only ${warm.latencies.length} of ${listeners.length} homeTimeline sockets received a followee's note`);
    }
    const rssPerConnectionKb = round(((server.rssMb() - rssBefore) * 1024) / listeners.length, 1);
    const latencies: number[] = [];
    let missed = 0;
    const cpu0 = server.cpuMs();
    for (let n = 0; n < notes; n++) {
      const got = await postAndCollect(client, poster, waiting, listeners.length, `fan-out ${n}`, DELIVERY_TIMEOUT_MS);
      latencies.push(...got.latencies);
      missed += listeners.length - got.latencies.length;
    }
    const serverCpuPerNoteMs = round((server.cpuMs() - cpu0) / Math.max(1, notes), 2);
    const s = summarise(latencies);
    return { listeners: listeners.length, notes, deliveries: s.count, missed, p50: round(s.p50), p99: round(s.p99), max: round(s.max), rssPerConnectionKb, serverCpuPerNoteMs };
  } finally {
    for (const ws of sockets) ws.terminate();
  }
}

/** Opens the sockets 50 at a time, so a thousand upgrades do not queue behind each other's authentication. */
async function openAll<T>(items: T[], open: (item: T, index: number) => Promise<WebSocket>): Promise<WebSocket[]> {
  const sockets: WebSocket[] = [];
  try {
    for (let i = 0; i < items.length; i += 50) sockets.push(...(await Promise.all(items.slice(i, i + 50).map((item, j) => open(item, i + j)))));
  } catch (err) {
    for (const ws of sockets) ws.terminate();
    throw err;
  }
  return sockets;
}

async function postAndCollect(
  client: ApiClient,
  poster: SeedUser,
  waiting: Map<string, (t: number) => void>,
  expected: number,
  label: string,
  timeoutMs: number,
): Promise<{ latencies: number[] }> {
  // The text is unique, so frames are matched before the note's id is known.
  const text = `${label} ${process.hrtime.bigint()}`;
  const times: number[] = [];
  let done!: () => void;
  const all = new Promise<void>((r) => (done = r));
  waiting.set(text, (t) => {
    times.push(t);
    if (times.length >= expected) done();
  });
  try {
    await client.ok('notes/create', { text, visibility: 'public' }, poster.token);
    const returnedAt = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((r) => (timer = setTimeout(r, timeoutMs)));
    await Promise.race([all, timeout]);
    clearTimeout(timer);
    // A frame that raced the HTTP answer counts as zero delay.
    return { latencies: times.map((t) => Math.max(0, t - returnedAt)) };
  } finally {
    waiting.delete(text);
  }
}

function openHomeTimeline(baseUrl: string, token: string, id: string, onFrame: (raw: string, t: number) => void): Promise<WebSocket> {
  const url = `${baseUrl.replace(/^http/, 'ws')}/streaming?i=${encodeURIComponent(token)}`;
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.once('error', reject);
    ws.once('open', () => {
      ws.send(JSON.stringify({ type: 'connect', body: { channel: 'homeTimeline', id, params: {} } }));
      resolve(ws);
    });
    ws.on('message', (data) => onFrame(data.toString(), performance.now()));
  });
}

const BATCH = 200;

/**
 * Adds `count` followers of `poster` straight into the stopped server's database, as copies of
 * `template` (an account created through the API that follows the poster): the same user,
 * profile and following rows with a new id, username and token, and the poster's follower count
 * raised to match. Creating them through the API costs ~20 ms of argon2 each (900 accounts ≈ 20 s);
 * copies share the template's password hash and are otherwise what the API writes.
 */
export async function cloneFollowers(env: Record<string, string>, poster: SeedUser, template: SeedUser, count: number): Promise<SeedUser[]> {
  if (count <= 0) return [];
  const database = openDatabase(env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL } : { kind: 'sqlite', file: path.join(env.DATA_DIR!, 'tsubame.sqlite') });
  // Rows are copied column by column whatever the columns are, so new columns are carried over too.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const db = database.db as any;
  try {
    const user = await db.selectFrom('user').selectAll().where('id', '=', template.id).executeTakeFirstOrThrow();
    const profile = await db.selectFrom('user_profile').selectAll().where('userId', '=', template.id).executeTakeFirstOrThrow();
    const follow = await db.selectFrom('following').selectAll().where('followerId', '=', template.id).where('followeeId', '=', poster.id).executeTakeFirstOrThrow();
    const ids = new IdGenerator();
    const clones: SeedUser[] = [];
    for (let start = 0; start < count; start += BATCH) {
      const rows = Array.from({ length: Math.min(BATCH, count - start) }, (_, k) => {
        const username = `fl${start + k}`;
        const token = randomToken(16);
        const now = Date.now();
        const id = ids.gen(now);
        clones.push({ id, username, token });
        return {
          user: { ...user, id, username, usernameLower: username, tokenHash: sha256Hex(token), createdAt: now },
          profile: { ...profile, userId: id },
          follow: { ...follow, id: ids.gen(now), followerId: id, createdAt: now },
          used: { username, createdAt: now },
        };
      });
      await db.transaction().execute(async (trx: typeof db) => {
        await trx.insertInto('user').values(rows.map((r) => r.user)).execute();
        await trx.insertInto('user_profile').values(rows.map((r) => r.profile)).execute();
        await trx.insertInto('used_username').values(rows.map((r) => r.used)).execute();
        await trx.insertInto('following').values(rows.map((r) => r.follow)).execute();
      });
    }
    await db.updateTable('user').set((eb: any) => ({ followersCount: eb('followersCount', '+', count) })).where('id', '=', poster.id).execute(); // eslint-disable-line @typescript-eslint/no-explicit-any
    return clones;
  } finally {
    await database.close();
  }
}
