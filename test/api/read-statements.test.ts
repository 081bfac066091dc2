import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer, type TestUser } from '../support/server.js';
import { noteFixtures } from '../support/notes.js';
import { uploadOk } from './drive/helpers.js';

// The benchmark's target: a page of a read endpoint runs a constant number of SQL statements,
// at most 10, whatever it holds (X-Query-Count, TSUBAME_COUNT_QUERIES). Not a timed test.
const MAX_STATEMENTS = 10;
const PAGE = 10;

describe('statements per page of the read endpoints', () => {
  let server: TestServer;
  let f: ReturnType<typeof noteFixtures>;
  // `plain` posts only plain text; `rich` posts polls, files, replies, renotes, quotes of quotes, followers-only notes.
  let plain: TestUser;
  let rich: TestUser;
  let other: TestUser;
  // Each reader follows one of the two authors and has a list holding them.
  let plainReader: TestUser;
  let richReader: TestUser;
  const lists = new Map<string, string>();
  const showcase = { plain: '', rich: '' };

  before(async () => {
    // The note cache off: every page is a cold one, whose statements must not depend on its content.
    server = await startTestServer({ TSUBAME_COUNT_QUERIES: '1', RATE_LIMIT: 'false', NOTE_CACHE_SIZE: '0' });
    f = noteFixtures(server);
    [plain, rich, other, plainReader, richReader] = [await server.createUser('plain'), await server.createUser('rich'), await server.createUser('other'), await server.createUser('pr'), await server.createUser('rr')];
    for (const [reader, author] of [[plainReader, plain], [richReader, rich]] as const) {
      await server.api(reader.token).request('following/create', { userId: author.id });
      const list = await server.api(reader.token).request('users/lists/create', { name: 'authors' });
      await server.api(reader.token).request('users/lists/push', { listId: list.id, userId: author.id });
      lists.set(reader.id, list.id);
    }
    const file = await uploadOk(server, rich.token, 'attachment', 'a.txt');
    const othersFile = await uploadOk(server, other.token, 'attachment', 'b.txt');
    for (let i = 0; i < PAGE; i++) {
      showcase.plain = (await f.post(plain, { text: `plain ${i} @rr` })).id;
      const target = await f.post(other, { text: `target ${i}`, poll: { choices: ['x', 'y'] } });
      await server.post('notes/polls/vote', { i: rich.token, noteId: target.id, choice: 1 });
      const quote = await f.post(other, { renoteId: target.id, text: `quote ${i}`, fileIds: [othersFile.id] });
      showcase.rich = (await f.post(rich, { renoteId: quote.id, text: `quote of quote ${i}`, poll: { choices: ['a', 'b'] } })).id;
      await f.post(rich, { renoteId: target.id });
      await f.post(rich, { replyId: target.id, text: `reply ${i}`, fileIds: [file.id] });
      const followersOnly = await f.post(rich, { text: `followers ${i} @pr`, visibility: 'followers' });
      for (const reactor of [other, richReader]) await server.post('notes/reactions/create', { i: reactor.token, noteId: followersOnly.id, reaction: '👍' });
      await server.post('notes/reactions/create', { i: other.token, noteId: showcase.rich, reaction: '🎉' });
    }
  });
  after(() => server.close());

  /** Statements of one call; the call must succeed and, for lists, return a full page. */
  async function statements(endpoint: string, reader: TestUser, params: Record<string, unknown>): Promise<number> {
    const res = await server.post(endpoint, { i: reader.token, ...params });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    if (Array.isArray(res.body) && endpoint !== 'i/notifications') assert.equal(res.body.length, PAGE, `${endpoint}: a full page`);
    const count = Number(res.headers.get('x-query-count'));
    assert.ok(count > 0, 'the server counts statements');
    return count;
  }

  /** The same request for both readers: the first call (viewer not cached yet) and the next must stay within the bound, and the plain and rich pages must cost the same. */
  async function assertConstant(endpoint: string, params: (reader: TestUser) => Record<string, unknown>): Promise<void> {
    const counts: number[] = [];
    for (const reader of [plainReader, richReader]) {
      const first = await statements(endpoint, reader, params(reader));
      assert.ok(first <= MAX_STATEMENTS, `${endpoint}, first call: ${first} statements`);
      counts.push(await statements(endpoint, reader, params(reader)));
    }
    assert.equal(counts[0], counts[1], `${endpoint}: the plain page ran ${counts[0]} statements, the rich one ${counts[1]}`);
    assert.ok(counts[0]! <= MAX_STATEMENTS, `${endpoint}: ${counts[0]} statements`);
  }

  test('timelines: home, hybrid, local, global and list', async () => {
    await assertConstant('notes/timeline', () => ({ limit: PAGE }));
    // The local and hybrid timelines of both readers hold both authors' notes: compare their pages by untilId instead.
    for (const endpoint of ['notes/hybrid-timeline', 'notes/local-timeline', 'notes/global-timeline']) {
      const counts = new Set<number>();
      let untilId: string | undefined;
      for (let n = 0; n < 4; n++) {
        const res = await server.post(endpoint, { i: richReader.token, limit: PAGE, ...(untilId ? { untilId } : {}) });
        assert.equal(res.status, 200);
        untilId = res.body.at(-1).id;
        counts.add(Number(res.headers.get('x-query-count')));
      }
      assert.equal(counts.size, 1, `${endpoint}: pages cost ${[...counts].join(', ')} statements`);
      assert.ok([...counts][0]! <= MAX_STATEMENTS, `${endpoint}: ${[...counts][0]} statements`);
    }
    await assertConstant('notes/user-list-timeline', (reader) => ({ listId: lists.get(reader.id), limit: PAGE }));
  });

  test('users/notes and notes/show', async () => {
    await assertConstant('users/notes', (reader) => ({ userId: reader === plainReader ? plain.id : rich.id, limit: PAGE, withReplies: true }));
    await assertConstant('notes/show', (reader) => ({ noteId: reader === plainReader ? showcase.plain : showcase.rich }));
  });

  test('i/notifications: mentions alone, or reactions, renotes, quotes, replies and polls', async () => {
    // Plain's readers are mentioned in plain notes; rich's reader hears of reactions, renotes, quotes and replies.
    await assertConstant('i/notifications', () => ({ limit: PAGE, markAsRead: false }));
  });
});
