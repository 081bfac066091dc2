import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
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
}

const DELIVERY_TIMEOUT_MS = 5_000;

/**
 * Opens one `homeTimeline` socket per listener, posts `notes` notes as the poster one
 * after another, and records when each socket receives each note.
 */
export async function measureFanout(client: ApiClient, baseUrl: string, poster: SeedUser, listeners: SeedUser[], notes: number): Promise<FanoutResult> {
  const waiting = new Map<string, (t: number) => void>();
  const sockets = await Promise.all(listeners.map((l, i) => openHomeTimeline(baseUrl, l.token, `fo${i}`, (raw, t) => {
    // Cheap match on the raw frame: parsing 1,000 frames per note would slow the clock we read.
    for (const [text, onReceive] of waiting) if (raw.includes(text)) onReceive(t);
  })));
  try {
    // Channels are connected without an acknowledgement; one note that reaches everybody proves they are.
    const warm = await postAndCollect(client, poster, waiting, listeners.length, 'fan-out warm-up', 15_000);
    if (warm.latencies.length < listeners.length) {
      throw new Error(`only ${warm.latencies.length} of ${listeners.length} homeTimeline sockets received a followee's note`);
    }
    const latencies: number[] = [];
    let missed = 0;
    for (let n = 0; n < notes; n++) {
      const got = await postAndCollect(client, poster, waiting, listeners.length, `fan-out ${n}`, DELIVERY_TIMEOUT_MS);
      latencies.push(...got.latencies);
      missed += listeners.length - got.latencies.length;
    }
    const s = summarise(latencies);
    return { listeners: listeners.length, notes, deliveries: s.count, missed, p50: round(s.p50), p99: round(s.p99), max: round(s.max) };
  } finally {
    for (const ws of sockets) ws.terminate();
  }
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
