import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as homeTimelineMigration from '../../../src/infra/db/migrations/0800-home-timeline.js';
import * as withoutRowidMigration from '../../../src/infra/db/migrations/0810-home-timeline-without-rowid.js';
import { startTestServer, type TestServer, type TestUser } from '../../support/server.js';
import { ok } from '../../support/social.js';

// The home timeline is read from a table written when notes and follows change; these tests
// check that what a client sees follows those changes at once.
describe('home timeline: follows, blocks and deletions', () => {
  let server: TestServer;

  const post = async (user: TestUser, text: string, extra: Record<string, unknown> = {}) =>
    (await ok(server, 'notes/create', user.token, { text, ...extra })).createdNote.id as string;
  const timeline = async (user: TestUser, body: Record<string, unknown> = {}, endpoint = 'notes/timeline') => {
    const res = await server.post(endpoint, { i: user.token, limit: 100, ...body });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return (res.body as { id: string }[]).map((n) => n.id);
  };
  const newest = (ids: string[]) => [...ids].sort().reverse();

  before(async () => {
    server = await startTestServer();
    await server.createUser('admin');
  });
  after(() => server.close());

  test('a followee\'s earlier notes appear right after following, on home and social timelines', async () => {
    const [reader, author] = [await server.createUser(), await server.createUser()];
    const earlier = [await post(author, 'one'), await post(author, 'two', { visibility: 'home' }), await post(author, 'three', { visibility: 'followers' })];
    assert.deepEqual(await timeline(reader), []);
    await ok(server, 'following/create', reader.token, { userId: author.id });
    assert.deepEqual(await timeline(reader), newest(earlier));
    const later = await post(author, 'four');
    assert.deepEqual(await timeline(reader), newest([...earlier, later]));
    // Social = home ∪ local public: the home-only and followers-only notes come from the home side.
    const social = await timeline(reader, {}, 'notes/hybrid-timeline');
    for (const id of [...earlier, later]) assert.ok(social.includes(id), id);
    assert.deepEqual(social, newest(social));
  });

  test('a locked account\'s notes appear once the follow request is accepted', async () => {
    const [reader, author] = [await server.createUser(), await server.createUser()];
    await ok(server, 'i/update', author.token, { isLocked: true });
    const note = await post(author, 'locked', { visibility: 'followers' });
    await ok(server, 'following/create', reader.token, { userId: author.id });
    assert.deepEqual(await timeline(reader), []);
    await ok(server, 'following/requests/accept', author.token, { userId: reader.id });
    assert.deepEqual(await timeline(reader), [note]);
  });

  test('unfollowing removes the followee\'s notes and keeps the rest', async () => {
    const [reader, kept, dropped] = [await server.createUser(), await server.createUser(), await server.createUser()];
    await ok(server, 'following/create', reader.token, { userId: kept.id });
    await ok(server, 'following/create', reader.token, { userId: dropped.id });
    const keptNotes = [await post(kept, 'kept'), await post(reader, 'mine')];
    await post(dropped, 'dropped');
    await ok(server, 'following/delete', reader.token, { userId: dropped.id });
    assert.deepEqual(await timeline(reader), newest(keptNotes));
    // Following again brings them back.
    await ok(server, 'following/create', reader.token, { userId: dropped.id });
    assert.equal((await timeline(reader)).length, 3);
  });

  test('following/invalidate removes the followee\'s notes from the former follower\'s timeline', async () => {
    const [reader, author] = [await server.createUser(), await server.createUser()];
    await ok(server, 'following/create', reader.token, { userId: author.id });
    await post(author, 'soon gone');
    assert.equal((await timeline(reader)).length, 1);
    await ok(server, 'following/invalidate', author.token, { userId: reader.id });
    assert.deepEqual(await timeline(reader), []);
  });

  test('a block removes each user\'s notes from the other\'s home timeline', async () => {
    const [a, b] = [await server.createUser(), await server.createUser()];
    await ok(server, 'following/create', a.token, { userId: b.id });
    await ok(server, 'following/create', b.token, { userId: a.id });
    const byA = await post(a, 'by a');
    const byB = await post(b, 'by b');
    assert.deepEqual(await timeline(a), newest([byA, byB]));
    await ok(server, 'blocking/create', a.token, { userId: b.id });
    assert.deepEqual(await timeline(a), [byA]);
    assert.deepEqual(await timeline(b), [byB]);
    // Unblocking does not restore the follows, so the timelines stay apart.
    await ok(server, 'blocking/delete', a.token, { userId: b.id });
    assert.deepEqual(await timeline(a), [byA]);
  });

  test('a deleted note leaves the timelines of its author and followers', async () => {
    const [reader, author] = [await server.createUser(), await server.createUser()];
    await ok(server, 'following/create', reader.token, { userId: author.id });
    const kept = await post(author, 'kept');
    const deleted = await post(author, 'deleted');
    const reply = await post(author, 'self reply to deleted', { replyId: deleted });
    assert.deepEqual(await timeline(reader), newest([kept, deleted, reply]));
    await ok(server, 'notes/delete', author.token, { noteId: deleted });
    assert.deepEqual(await timeline(reader), [kept]);
    assert.deepEqual(await timeline(author), [kept]);
  });

  test('paging with untilId and sinceId returns each note once, in order', async () => {
    const [reader, x, y] = [await server.createUser(), await server.createUser(), await server.createUser()];
    await ok(server, 'following/create', reader.token, { userId: x.id });
    const all: string[] = [];
    for (let i = 0; i < 8; i++) all.push(await post(x, `x${i}`), await post(y, `y${i}`), await post(reader, `r${i}`));
    await ok(server, 'following/create', reader.token, { userId: y.id });
    const expected = newest(all);
    for (const endpoint of ['notes/timeline', 'notes/hybrid-timeline']) {
      const down: string[] = [];
      for (let untilId: string | undefined; ; ) {
        const page = await timeline(reader, { limit: 5, ...(untilId ? { untilId } : {}) }, endpoint);
        if (page.length === 0) break;
        down.push(...page);
        untilId = page[page.length - 1];
      }
      const up: string[] = [];
      for (let sinceId = '0'; ; ) {
        const page = await timeline(reader, { limit: 5, sinceId }, endpoint);
        if (page.length === 0) break;
        // A sinceId page is oldest first, as Misskey's.
        assert.deepEqual(page, [...page].sort(), endpoint);
        up.push(...page);
        sinceId = page[page.length - 1]!;
      }
      // The social timeline also holds other tests' local public notes; compare on this test's notes.
      const mine = (ids: string[]) => ids.filter((id) => all.includes(id));
      assert.deepEqual(mine(down), expected, endpoint);
      assert.deepEqual(mine(up), [...expected].reverse(), endpoint);
      if (endpoint === 'notes/timeline') assert.deepEqual(down, expected);
    }
  });

  test('a page reaches past many newer rows the viewer does not see (a followee\'s replies to others)', async () => {
    const [reader, chatty, quiet, stranger] = [await server.createUser(), await server.createUser(), await server.createUser(), await server.createUser()];
    await ok(server, 'following/create', reader.token, { userId: chatty.id });
    await ok(server, 'following/create', reader.token, { userId: quiet.id });
    const older = await post(quiet, 'before the chatter');
    const target = await post(stranger, 'a question');
    // home_timeline holds these replies, but without withReplies the reader does not see them.
    for (let i = 0; i < 40; i++) await post(chatty, `answer ${i}`, { replyId: target });
    assert.deepEqual(await timeline(reader, { limit: 5 }), [older]);
    // Social adds local public notes (the question, earlier tests' notes) and still reaches the older one.
    const social = await timeline(reader, { limit: 5 }, 'notes/hybrid-timeline');
    assert.deepEqual(social.slice(0, 2), [target, older]);
  });

  test('the migration fills the table from the follows and notes already stored', async () => {
    const [reader, author, stranger] = [await server.createUser(), await server.createUser(), await server.createUser()];
    await ok(server, 'following/create', reader.token, { userId: author.id });
    const expected = [await post(author, 'before upgrade'), await post(reader, 'mine before upgrade')];
    await post(stranger, 'not followed');
    const { db } = server.instance.svc.database;
    // Back to the state before 0800 (no table), then upgrade again.
    await homeTimelineMigration.down(db);
    await homeTimelineMigration.up(db);
    assert.deepEqual(await timeline(reader), newest(expected));
    assert.deepEqual(await timeline(author), [expected[0]]);

    // 0810 rebuilds the table (SQLite; nothing on PostgreSQL): every row stays, new notes and
    // follows keep writing it, and a deleted note still leaves every timeline.
    await withoutRowidMigration.up(db);
    assert.deepEqual(await timeline(reader), newest(expected));
    const after = await post(author, 'after upgrade');
    assert.deepEqual(await timeline(reader), newest([...expected, after]));
    await ok(server, 'notes/delete', author.token, { noteId: expected[0] });
    assert.deepEqual(await timeline(reader), newest([expected[1]!, after]));
    assert.deepEqual(await timeline(author), [after]);
  });
});
