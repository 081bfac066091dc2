import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer, type TestUser } from '../../support/server.js';
import { assertError, noteFixtures } from '../../support/notes.js';

describe('notes/show and notes/delete', () => {
  let server: TestServer;
  let alice: TestUser;
  let follower: TestUser;
  let stranger: TestUser;
  let mentioned: TestUser;
  let f: ReturnType<typeof noteFixtures>;

  before(async () => {
    server = await startTestServer({ RATE_LIMIT: 'false' });
    alice = await server.createUser('alice');
    follower = await server.createUser('follower');
    stranger = await server.createUser('stranger');
    mentioned = await server.createUser('mentioned');
    f = noteFixtures(server);
    await f.follow(follower, alice);
  });
  after(() => server.close());

  const show = (user: TestUser | null, noteId: string) => server.post('notes/show', { ...(user ? { i: user.token } : {}), noteId });

  describe('visibility (Misskey hides what a viewer may not see)', () => {
    const expectations: [string, Record<string, unknown>, Record<string, boolean>][] = [
      ['public', { visibility: 'public' }, { self: true, follower: true, stranger: true, anon: true, mentioned: true }],
      ['home', { visibility: 'home' }, { self: true, follower: true, stranger: true, anon: true, mentioned: true }],
      ['followers', { visibility: 'followers' }, { self: true, follower: true, stranger: false, anon: false, mentioned: true }],
      ['specified', { visibility: 'specified' }, { self: true, follower: false, stranger: false, anon: false, mentioned: true }],
    ];
    for (const [name, params, visible] of expectations) {
      test(`a ${name} note`, async () => {
        const extra = name === 'specified' ? { visibleUserIds: [mentioned.id] } : {};
        const note = await f.post(alice, { ...params, ...extra, text: `@mentioned ${name} text`, cw: 'cw', poll: { choices: ['a', 'b'] } });
        const viewers: Record<string, TestUser | null> = { self: alice, follower, stranger, anon: null, mentioned };
        for (const [who, user] of Object.entries(viewers)) {
          const res = await show(user, note.id);
          assert.equal(res.status, 200);
          if (visible[who]) {
            assert.equal(res.body.text, `@mentioned ${name} text`, `${who} sees the text`);
            assert.equal(res.body.isHidden, undefined);
            assert.equal(res.body.poll.choices.length, 2);
          } else {
            assert.equal(res.body.isHidden, true, `${who} gets a hidden note`);
            assert.equal(res.body.text, null);
            assert.equal(res.body.cw, null);
            assert.deepEqual(res.body.fileIds, []);
            assert.equal(res.body.poll, undefined);
            assert.equal(res.body.visibleUserIds, undefined);
          }
        }
      });
    }

    test('a followers-only reply is visible to the author replied to', async () => {
      const original = await f.post(stranger);
      const reply = await f.post(alice, { replyId: original.id, visibility: 'followers', text: 'reply for you' });
      assert.equal((await show(stranger, reply.id)).body.text, 'reply for you');
      assert.equal((await show(mentioned, reply.id)).body.isHidden, true);
    });

    test('a visible reply to a hidden note hides the nested note', async () => {
      const followersOnly = await f.post(alice, { visibility: 'followers', text: 'inner' });
      const reply = await f.post(alice, { replyId: followersOnly.id, text: 'outer' });
      assert.equal(reply.visibility, 'home');
      const res = await show(stranger, reply.id);
      assert.equal(res.body.text, 'outer');
      assert.equal(res.body.reply.isHidden, true);
      assert.equal(res.body.reply.text, null);
    });

    test('renoting one\'s own followers-only note makes a followers-only renote', async () => {
      const followersOnly = await f.post(alice, { visibility: 'followers', text: 'inner' });
      const quote = await f.post(alice, { renoteId: followersOnly.id, text: 'outer' });
      assert.equal(quote.visibility, 'followers');
      assert.equal((await show(stranger, quote.id)).body.isHidden, true);
      assert.equal((await show(follower, quote.id)).body.renote.text, 'inner');
    });
  });

  test('notes/show: unknown note and bad id', async () => {
    assertError(await show(null, 'nosuchnote0000'), 400, 'NO_SUCH_NOTE', '24fcbfc6-2e37-42b6-8388-c29b3861a08d');
    assertError(await show(null, 'not-an-id!'), 400, 'INVALID_PARAM', '3d81ceae-475f-4600-b2a8-2bc116157532');
  });

  describe('notes/delete', () => {
    test('the author deletes a note with its replies and renotes; counters follow', async () => {
      const note = await f.post(alice);
      const other = await f.post(stranger);
      const reply = await f.post(follower, { replyId: note.id, text: 'reply' });
      const renote = await f.post(stranger, { renoteId: note.id });
      await f.post(follower, { replyId: reply.id, text: 'nested reply' });
      await server.post('notes/reactions/create', { i: stranger.token, noteId: note.id, reaction: '👍' });
      await server.post('notes/favorites/create', { i: stranger.token, noteId: note.id });
      const replyToOther = await f.post(alice, { replyId: other.id, text: 'reply to other' });
      const counts = async () => Promise.all([alice, follower, stranger].map(async (u) => (await server.api(u.token).request('i', {})).notesCount));
      const [a0, f0, s0] = await counts();
      const deleted: string[] = [];
      const off = server.instance.svc.events.on('note.deleted', (e) => void deleted.push(e.noteId));
      await server.api(alice.token).request('notes/delete', { noteId: note.id });
      off();
      assert.equal(deleted.length, 4);
      for (const id of [note.id, reply.id, renote.id]) assert.equal((await show(alice, id)).status, 400);
      assert.deepEqual(await counts(), [a0 - 1, f0 - 2, s0 - 1]);
      assert.equal((await show(alice, replyToOther.id)).status, 200);
      assert.deepEqual(await server.api(stranger.token).request('i/favorites', {}), []);
      assert.equal((await server.api(stranger.token).request('notes/show', { noteId: other.id })).repliesCount, 1);
    });

    test('deleting a reply lowers the repliesCount of its target', async () => {
      const note = await f.post(alice);
      const reply = await f.post(follower, { replyId: note.id, text: 'r' });
      await server.api(follower.token).request('notes/delete', { noteId: reply.id });
      assert.equal((await show(alice, note.id)).body.repliesCount, 0);
    });

    test('others may not delete; moderators may', async () => {
      const note = await f.post(follower);
      assertError(await server.post('notes/delete', { i: stranger.token, noteId: note.id }), 400, 'ACCESS_DENIED', 'fe8d7103-0ea8-4ec3-814d-f8b401dc69e9');
      assert.equal((await show(stranger, note.id)).status, 200);
      assert.equal((await server.post('notes/delete', { i: alice.token, noteId: note.id })).status, 204);
      assertError(await server.post('notes/delete', { i: alice.token, noteId: note.id }), 400, 'NO_SUCH_NOTE', '490be23f-8c1f-4796-819f-94cb4f9d1630');
      assertError(await server.post('notes/delete', { noteId: note.id }), 401, 'CREDENTIAL_REQUIRED', '1384574d-a912-4b81-8601-c7b1c4085df1');
    });

    test('notes/unrenote deletes only the caller\'s pure renotes', async () => {
      const note = await f.post(alice);
      const renote = await f.post(stranger, { renoteId: note.id });
      const quote = await f.post(stranger, { renoteId: note.id, text: 'quote' });
      assert.equal((await server.post('notes/unrenote', { i: stranger.token, noteId: note.id })).status, 204);
      assert.equal((await show(alice, renote.id)).status, 400);
      assert.equal((await show(alice, quote.id)).status, 200);
      assertError(await server.post('notes/unrenote', { i: stranger.token, noteId: 'nosuchnote0000' }), 400, 'NO_SUCH_NOTE', 'efd4a259-2442-496b-8dd7-b255aa1a160f');
    });
  });
});
