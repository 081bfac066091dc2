import type { ApiClient } from './http.js';
import type { Scale } from './options.js';
import { Random } from './stats.js';

/** A seeded account. */
export interface SeedUser {
  id: string;
  username: string;
  token: string;
}

/** What the seeding produced, for the workloads to use. */
export interface Seeded {
  admin: SeedUser;
  users: SeedUser[];
  /** Notes any seeded user may see (public, not pure renotes): targets for show, reactions. */
  publicNoteIds: string[];
  /** Index into `users` → number of notes they posted. */
  notesPerUser: number[];
  /** Accounts that follow `fanoutPoster` and listen in the fan-out phase. */
  fanoutListeners: SeedUser[];
  fanoutPoster: SeedUser | undefined;
  /** What each step did: counts of created rows and failures. */
  report: Record<string, { done: number; failed: number; ms: number; skipped?: string }>;
}

const PASSWORD = 'bench-password';
const WORDS = ('the a swallow flies over river town morning coffee misskey note server fast light timeline ' +
  'cat dog rain sun moon star build test ship code read write night day happy tired lunch music').split(' ');
const REACTIONS = ['👍', '❤️', '😆', '🎉', '🤔', '😮'];
// 1×1 transparent PNG: the smallest valid image for drive uploads.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** Runs fn over items with at most `concurrency` in flight; returns how many failed (the first failure is logged). */
export async function pool<T>(items: readonly T[], concurrency: number, fn: (item: T, index: number) => Promise<void>): Promise<number> {
  let next = 0;
  let failed = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      try {
        await fn(items[i], i);
      } catch (err) {
        if (failed++ === 0) console.warn(`    first failure: ${(err as Error).message.slice(0, 300)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return failed;
}

/**
 * Seeds a deterministic workload through the API: users, the follow graph, notes with
 * replies, renotes, quotes, polls and files, reactions, and the fan-out audience.
 * Steps whose endpoint does not exist yet are skipped and reported.
 */
export async function seed(client: ApiClient, baseUrl: string, scale: Scale, available: Set<string>, concurrency: number): Promise<Seeded> {
  const rnd = new Random(0x75ba3e);
  const report: Seeded['report'] = {};
  const step = async (name: string, endpoint: string, count: number, run: () => Promise<number>) => {
    if (!available.has(endpoint)) {
      report[name] = { done: 0, failed: 0, ms: 0, skipped: `${endpoint} not implemented` };
      return;
    }
    const t0 = Date.now();
    const failed = await run();
    report[name] = { done: count - failed, failed, ms: Date.now() - t0 };
    console.log(`  seed ${name}: ${count - failed} in ${((Date.now() - t0) / 1000).toFixed(1)} s${failed ? ` (${failed} failed)` : ''}`);
  };

  const admin = await createUser(client, undefined, 'admin');
  const users: SeedUser[] = new Array(scale.users);
  await step('users', 'admin/accounts/create', scale.users, () =>
    pool([...users.keys()], concurrency, async (i) => {
      users[i] = await createUser(client, admin.token, `u${i}`);
    }),
  );

  const follows = followPlan(rnd, scale);
  await step('follows', 'following/create', follows.length, () =>
    pool(follows, concurrency * 2, async ([a, b]) => {
      await client.ok('following/create', { userId: users[b].id }, users[a].token);
    }),
  );

  const fileOf = new Map<number, string>();
  const fileOwners = [...users.keys()].slice(0, Math.min(20, users.length));
  await step('files', 'drive/files/create', fileOwners.length, () =>
    pool(fileOwners, concurrency, async (i) => {
      fileOf.set(i, await uploadFile(baseUrl, users[i].token, `seed-${i}.png`));
    }),
  );

  const notesPerUser = new Array<number>(users.length).fill(0);
  const publicNoteIds: string[] = [];
  await step('notes', 'notes/create', scale.notes, () => seedNotes(client, rnd, scale.notes, users, fileOf, publicNoteIds, notesPerUser, concurrency * 2));

  const reactions = Array.from({ length: publicNoteIds.length ? scale.reactions : 0 }, () => [rnd.int(users.length), rnd.pick(publicNoteIds), rnd.pick(REACTIONS)] as const);
  await step('reactions', 'notes/reactions/create', reactions.length, () =>
    pool(reactions, concurrency * 2, async ([u, noteId, reaction]) => {
      const res = await client.call('notes/reactions/create', { noteId, reaction }, users[u].token);
      if (res.status !== 204 && res.body?.error?.code !== 'ALREADY_REACTED') throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    }),
  );

  const { poster, listeners } = await seedFanout(client, admin, users, scale, available, concurrency, report);
  return { admin, users, publicNoteIds, notesPerUser, fanoutListeners: listeners, fanoutPoster: poster, report };
}

async function createUser(client: ApiClient, adminToken: string | undefined, username: string): Promise<SeedUser> {
  const body = await client.ok('admin/accounts/create', { username, password: PASSWORD }, adminToken);
  return { id: body.id, username, token: body.token };
}

/** Each user follows `follows` others; the first `heavyFollowers` follow `heavyFollows`. */
function followPlan(rnd: Random, scale: Scale): [number, number][] {
  const pairs: [number, number][] = [];
  for (let a = 0; a < scale.users; a++) {
    const want = a < scale.heavyFollowers ? scale.heavyFollows : scale.follows;
    const chosen = new Set<number>();
    while (chosen.size < want) {
      // Skewed towards low indexes: a few popular accounts, a long tail.
      const b = Math.floor(scale.users * rnd.next() ** 2);
      if (b !== a) chosen.add(b);
    }
    for (const b of chosen) pairs.push([a, b]);
  }
  return pairs;
}

function text(rnd: Random): string {
  const n = 3 + rnd.int(25);
  const words = Array.from({ length: n }, () => rnd.pick(WORDS));
  if (rnd.next() < 0.1) words.push(`#${rnd.pick(WORDS)}`);
  return words.join(' ');
}

/** Notes in batches; replies and renotes point at notes of earlier batches, so the plan is the same every run. */
async function seedNotes(
  client: ApiClient,
  rnd: Random,
  count: number,
  users: SeedUser[],
  fileOf: Map<number, string>,
  publicNoteIds: string[],
  notesPerUser: number[],
  concurrency: number,
): Promise<number> {
  const BATCH = 500;
  let failed = 0;
  for (let start = 0; start < count; start += BATCH) {
    const known = publicNoteIds.length;
    const plan = Array.from({ length: Math.min(BATCH, count - start) }, () => planNote(rnd, users.length, fileOf, known ? publicNoteIds : []));
    failed += await pool(plan, concurrency, async ({ author, params, pureRenote }) => {
      const body = await client.ok('notes/create', params, users[author].token);
      notesPerUser[author]++;
      if (params.visibility === 'public' && !pureRenote) publicNoteIds.push(body.createdNote.id);
    });
  }
  return failed;
}

function planNote(rnd: Random, userCount: number, fileOf: Map<number, string>, targets: string[]) {
  const author = Math.floor(userCount * rnd.next() ** 1.5);
  const v = rnd.next();
  const visibility = v < 0.8 ? 'public' : v < 0.95 ? 'home' : 'followers';
  const params: Record<string, unknown> = { visibility };
  const kind = rnd.next();
  let pureRenote = false;
  if (kind < 0.05) {
    params.text = text(rnd);
    params.poll = { choices: ['yes', 'no', 'maybe'] };
  } else if (kind < 0.1 && fileOf.has(author)) {
    params.text = text(rnd);
    params.fileIds = [fileOf.get(author)];
  } else if (kind < 0.22 && targets.length) {
    params.text = text(rnd);
    params.replyId = rnd.pick(targets);
  } else if (kind < 0.32 && targets.length) {
    params.renoteId = rnd.pick(targets);
    pureRenote = true;
  } else if (kind < 0.37 && targets.length) {
    params.text = text(rnd);
    params.renoteId = rnd.pick(targets);
  } else {
    params.text = text(rnd);
  }
  return { author, params, pureRenote };
}

async function seedFanout(
  client: ApiClient,
  admin: SeedUser,
  users: SeedUser[],
  scale: Scale,
  available: Set<string>,
  concurrency: number,
  report: Seeded['report'],
): Promise<{ poster: SeedUser | undefined; listeners: SeedUser[] }> {
  if (!available.has('following/create')) {
    report.fanout = { done: 0, failed: 0, ms: 0, skipped: 'following/create not implemented' };
    return { poster: undefined, listeners: [] };
  }
  if (scale.fanoutFollowers <= 0) return { poster: undefined, listeners: [] };
  const t0 = Date.now();
  const poster = await createUser(client, admin.token, 'fanout_poster');
  // Seeded users listen first; a fresh account that only follows the poster is the template that
  // run.ts copies straight into the database for the rest (see cloneFollowers in fanout.ts).
  const listeners = users.slice(0, Math.min(scale.fanoutFollowers - 1, users.length));
  listeners.push(await createUser(client, admin.token, 'fanout_template'));
  const failed = await pool(listeners, concurrency * 2, async (u) => {
    await client.ok('following/create', { userId: poster.id }, u.token);
  });
  report.fanout = { done: listeners.length, failed, ms: Date.now() - t0 };
  return { poster, listeners };
}

async function uploadFile(baseUrl: string, token: string, name: string): Promise<string> {
  const form = new FormData();
  form.append('i', token);
  form.append('name', name);
  form.append('file', new Blob([PNG], { type: 'image/png' }), name);
  const res = await fetch(`${baseUrl}/api/drive/files/create`, { method: 'POST', body: form });
  const body = (await res.json()) as { id?: string };
  if (!res.ok || !body.id) throw new Error(`drive/files/create → ${res.status}`);
  return body.id;
}
