import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer, type TestUser } from '../../support/server.js';
import { assertError, noteFixtures } from '../../support/notes.js';

const ids = (notes: { id: string }[]) => notes.map((n) => n.id);

describe('note lists: replies, renotes, children, conversation, mentions, users/notes, featured', () => {
  let server: TestServer;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let f: ReturnType<typeof noteFixtures>;

  before(async () => {
    server = await startTestServer({ RATE_LIMIT: 'false' });
    alice = await server.createUser('alice');
    bob = await server.createUser('bob');
    carol = await server.createUser('carol');
    f = noteFixtures(server);
  });
  after(() => server.close());

  test('notes/replies and notes/children leave out what the caller may not see', async () => {
    const root = await f.post(alice);
    const open = await f.post(bob, { replyId: root.id, text: 'open reply' });
    const hidden = await f.post(bob, { replyId: root.id, text: 'for followers', visibility: 'followers' });
    const quote = await f.post(carol, { renoteId: root.id, text: 'quote' });
    await f.post(carol, { renoteId: root.id });
    assert.deepEqual(ids(await server.api(carol.token).request('notes/replies', { noteId: root.id })), [open.id]);
    // The author of the note replied to sees followers-only replies to it.
    assert.deepEqual(ids(await server.api(alice.token).request('notes/replies', { noteId: root.id })), [hidden.id, open.id]);
    assert.deepEqual(ids(await server.api().request('notes/children', { noteId: root.id })), [quote.id, open.id]);
    const renotes = await server.api().request('notes/renotes', { noteId: root.id });
    assert.equal(renotes.length, 2);
    assertError(await server.post('notes/renotes', { noteId: 'nosuchnote0000' }), 400, 'NO_SUCH_NOTE', '12908022-2e21-46cd-ba6a-3edaf6093f46');
    assertError(await server.post('notes/replies', { noteId: root.id, limit: 0 }), 400, 'INVALID_PARAM', '3d81ceae-475f-4600-b2a8-2bc116157532');
  });

  test('replies of users the caller mutes are left out', async () => {
    const root = await f.post(alice);
    await f.post(bob, { replyId: root.id, text: 'muted reply' });
    await f.mute(carol, bob);
    assert.deepEqual(await server.api(carol.token).request('notes/replies', { noteId: root.id }), []);
    await server.api(carol.token).request('mute/delete', { userId: bob.id });
  });

  test('paging: newest first, sinceId alone gives oldest first', async () => {
    const root = await f.post(alice);
    const replies = [];
    for (let i = 0; i < 4; i++) replies.push(await f.post(bob, { replyId: root.id, text: `r${i}` }));
    const page = await server.api().request('notes/replies', { noteId: root.id, limit: 2 });
    assert.deepEqual(ids(page), [replies[3]!.id, replies[2]!.id]);
    const next = await server.api().request('notes/replies', { noteId: root.id, limit: 2, untilId: replies[2]!.id });
    assert.deepEqual(ids(next), [replies[1]!.id, replies[0]!.id]);
    const since = await server.api().request('notes/replies', { noteId: root.id, limit: 2, sinceId: replies[0]!.id });
    assert.deepEqual(ids(since), [replies[1]!.id, replies[2]!.id]);
  });

  test('notes/conversation walks up the replies', async () => {
    const a = await f.post(alice, { text: 'a' });
    const b = await f.post(bob, { replyId: a.id, text: 'b' });
    const c = await f.post(alice, { replyId: b.id, text: 'c' });
    assert.deepEqual(ids(await server.api().request('notes/conversation', { noteId: c.id })), [b.id, a.id]);
    assert.deepEqual(ids(await server.api().request('notes/conversation', { noteId: c.id, offset: 1 })), [a.id]);
    assertError(await server.post('notes/conversation', { noteId: 'nosuchnote0000' }), 400, 'NO_SUCH_NOTE', 'e1035875-9551-45ec-afa8-1ded1fcb53c8');
  });

  test('notes/mentions lists notes mentioning or addressed to the caller, without muted threads', async () => {
    const mention = await f.post(alice, { text: '@carol hello' });
    const dm = await f.post(bob, { text: 'secret', visibility: 'specified', visibleUserIds: [carol.id] });
    await f.post(alice, { text: '@bob not for carol' });
    const api = server.api(carol.token);
    assert.deepEqual(ids(await api.request('notes/mentions', {})), [dm.id, mention.id]);
    assert.deepEqual(ids(await api.request('notes/mentions', { visibility: 'specified' })), [dm.id]);
    assert.deepEqual(ids(await api.request('notes/mentions', { following: true })), []);
    await api.request('notes/thread-muting/create', { noteId: mention.id });
    assert.deepEqual(ids(await api.request('notes/mentions', {})), [dm.id]);
    assertError(await server.post('notes/thread-muting/create', { i: carol.token, noteId: mention.id }), 400, 'ALREADY_MUTING', 'c146e22d-1141-4b31-b28d-176371014d18');
    assert.deepEqual(await api.request('notes/state', { noteId: mention.id }), { isFavorited: false, isMutedThread: true });
    await api.request('notes/thread-muting/delete', { noteId: mention.id });
    assert.deepEqual(ids(await api.request('notes/mentions', {})), [dm.id, mention.id]);
    assertError(await server.post('notes/mentions', {}), 401, 'CREDENTIAL_REQUIRED', '1384574d-a912-4b81-8601-c7b1c4085df1');
    assertError(await server.post('notes/thread-muting/delete', { i: carol.token, noteId: 'nosuchnote0000' }), 400, 'NO_SUCH_NOTE', 'bddd57ac-ceb3-b29d-4334-86ea5fae481a');
  });

  test('users/notes: replies, renotes and visibility filters', async () => {
    const dave = await server.createUser('dave');
    const other = await f.post(alice);
    const plain = await f.post(dave, { text: 'plain' });
    const selfReply = await f.post(dave, { replyId: plain.id, text: 'thread' });
    const reply = await f.post(dave, { replyId: other.id, text: 'reply to alice' });
    const renote = await f.post(dave, { renoteId: other.id });
    const followers = await f.post(dave, { text: 'followers only', visibility: 'followers' });
    const api = server.api();
    assert.deepEqual(ids(await api.request('users/notes', { userId: dave.id })), [renote.id, selfReply.id, plain.id]);
    assert.deepEqual(ids(await api.request('users/notes', { userId: dave.id, withReplies: true })), [renote.id, reply.id, selfReply.id, plain.id]);
    assert.deepEqual(ids(await api.request('users/notes', { userId: dave.id, withRenotes: false })), [selfReply.id, plain.id]);
    assert.deepEqual(ids(await server.api(dave.token).request('users/notes', { userId: dave.id })), [followers.id, renote.id, selfReply.id, plain.id]);
    await f.mute(bob, dave);
    assert.equal((await server.api(bob.token).request('users/notes', { userId: dave.id })).length, 3, 'a muted user\'s page still shows their notes');
    await f.block(dave, bob);
    assert.deepEqual(await server.api(bob.token).request('users/notes', { userId: dave.id }), [], 'a user who blocks the viewer shows nothing');
    assertError(await server.post('users/notes', { userId: 'nosuchuser0000' }), 400, 'NO_SUCH_USER', '27e494ba-2ac2-48e8-893b-10d4d8c2387b');
    assertError(await server.post('users/notes', { userId: dave.id, withReplies: true, withFiles: true }), 400, 'BOTH_WITH_REPLIES_AND_WITH_FILES', '91c8cb9f-36ed-46e7-9ca2-7df96ed6e222');
  });

  test('notes/featured ranks recent public notes by reactions', async () => {
    const liked = await f.post(alice, { text: 'liked' });
    const homeLiked = await f.post(alice, { text: 'home', visibility: 'home' });
    for (const user of [bob, carol]) {
      await server.post('notes/reactions/create', { i: user.token, noteId: liked.id, reaction: '👍' });
      await server.post('notes/reactions/create', { i: user.token, noteId: homeLiked.id, reaction: '👍' });
    }
    const featured = await server.api().request('notes/featured', {});
    assert.ok(ids(featured).includes(liked.id));
    assert.ok(!ids(featured).includes(homeLiked.id));
    const res = await fetch(`${server.url}/api/notes/featured`);
    assert.equal(res.status, 200);
  });
});

describe('favorites, polls, pins, emoji', () => {
  let server: TestServer;
  let alice: TestUser;
  let bob: TestUser;
  let f: ReturnType<typeof noteFixtures>;

  before(async () => {
    server = await startTestServer({ RATE_LIMIT: 'false' });
    alice = await server.createUser('alice');
    bob = await server.createUser('bob');
    f = noteFixtures(server);
  });
  after(() => server.close());

  test('favorites: create, list, state, delete and their errors', async () => {
    const note = await f.post(alice);
    const api = server.api(bob.token);
    await api.request('notes/favorites/create', { noteId: note.id });
    assertError(await server.post('notes/favorites/create', { i: bob.token, noteId: note.id }), 400, 'ALREADY_FAVORITED', 'a402c12b-34dd-41d2-97d8-4d2ffd96a1a6');
    assertError(await server.post('notes/favorites/create', { i: bob.token, noteId: 'nosuchnote0000' }), 400, 'NO_SUCH_NOTE', '6dd26674-e060-4816-909a-45ba3f4da458');
    const favs = await api.request('i/favorites', {});
    assert.equal(favs.length, 1);
    assert.equal(favs[0]!.noteId, note.id);
    assert.equal(favs[0]!.note.text, note.text);
    assert.deepEqual(await api.request('notes/state', { noteId: note.id }), { isFavorited: true, isMutedThread: false });
    await api.request('notes/favorites/delete', { noteId: note.id });
    assertError(await server.post('notes/favorites/delete', { i: bob.token, noteId: note.id }), 400, 'NOT_FAVORITED', 'b625fc69-635e-45e9-86f4-dbefbef35af5');
    assertError(await server.post('notes/favorites/delete', { i: bob.token, noteId: 'nosuchnote0000' }), 400, 'NO_SUCH_NOTE', '80848a2c-398f-4343-baa9-df1d57696c56');
    assert.deepEqual(await api.request('i/favorites', {}), []);
    const readOnly = (await server.post('miauth/gen-token', { i: bob.token, session: null, name: 'x', permission: ['read:account'] })).body.token;
    assertError(await server.post('i/favorites', { i: readOnly }), 403, 'PERMISSION_DENIED', '1370e5b7-d4eb-4566-bb1d-7748ee6a1838');
  });

  test('polls: votes are counted, isVoted shows, and Misskey\'s refusals apply', async () => {
    const err = (res: any, code: string, id: string) => assertError(res, 400, code, id);
    const single = await f.post(alice, { text: 'single', poll: { choices: ['a', 'b', 'c'] } });
    const vote = (u: TestUser, noteId: string, choice: number) => server.post('notes/polls/vote', { i: u.token, noteId, choice });
    assert.equal((await vote(bob, single.id, 1)).status, 204);
    err(await vote(bob, single.id, 2), 'ALREADY_VOTED', '0963fc77-efac-419b-9424-b391608dc6d8');
    err(await vote(alice, single.id, 3), 'INVALID_CHOICE', 'e0cc9a04-f2e8-41e4-a5f1-4127293260cc');
    err(await vote(alice, 'nosuchnote0000', 0), 'NO_SUCH_NOTE', 'ecafbd2e-c283-4d6d-aecb-1a0a33b75396');
    const plain = await f.post(alice);
    err(await vote(bob, plain.id, 0), 'NO_POLL', '5f979967-52d9-4314-a911-1c673727f92f');
    const shown = await server.api(bob.token).request('notes/show', { noteId: single.id });
    assert.deepEqual(shown.poll!.choices.map((c) => [c.votes, c.isVoted]), [[0, false], [1, true], [0, false]]);

    const multiple = await f.post(alice, { text: 'multi', poll: { choices: ['a', 'b'], multiple: true } });
    assert.equal((await vote(bob, multiple.id, 0)).status, 204);
    assert.equal((await vote(bob, multiple.id, 1)).status, 204);
    err(await vote(bob, multiple.id, 1), 'ALREADY_VOTED', '0963fc77-efac-419b-9424-b391608dc6d8');

    const expiring = await f.post(alice, { text: 'expiring', poll: { choices: ['a', 'b'], expiresAt: Date.now() + 60_000 } });
    await server.instance.svc.database.db.updateTable('poll').set({ expiresAt: Date.now() - 1 }).where('noteId', '=', expiring.id).execute();
    err(await vote(bob, expiring.id, 0), 'ALREADY_EXPIRED', '1022a357-b085-4054-9083-8f8de358337e');

    const carol = await server.createUser('carol');
    await f.block(alice, carol);
    err(await vote(carol, single.id, 0), 'YOU_HAVE_BEEN_BLOCKED', '85a5377e-b1e9-4617-b0b9-5bea73331e49');
    assertError(await server.post('notes/polls/vote', { i: bob.token, noteId: single.id, choice: 'a' }), 400, 'INVALID_PARAM', '3d81ceae-475f-4600-b2a8-2bc116157532');

    const recommended = await server.api(bob.token).request('notes/polls/recommendation', {});
    assert.deepEqual(ids(recommended), []);
    const fresh = await f.post(alice, { text: 'fresh', poll: { choices: ['a', 'b'] } });
    assert.deepEqual(ids(await server.api(bob.token).request('notes/polls/recommendation', {})), [fresh.id]);
  });

  test('i/pin and i/unpin', async () => {
    const note = await f.post(alice);
    const me = await server.api(alice.token).request('i/pin', { noteId: note.id });
    assert.deepEqual(me.pinnedNoteIds, [note.id]);
    assert.equal(me.pinnedNotes[0]!.text, note.text);
    assertError(await server.post('i/pin', { i: alice.token, noteId: note.id }), 400, 'ALREADY_PINNED', '8b18c2b7-68fe-4edb-9892-c0cbaeb6c913');
    const others = await f.post(bob);
    assertError(await server.post('i/pin', { i: alice.token, noteId: others.id }), 400, 'NO_SUCH_NOTE', '56734f8b-3928-431e-bf80-6ff87df40cb3');
    for (let i = 0; i < 4; i++) await server.api(alice.token).request('i/pin', { noteId: (await f.post(alice)).id });
    assertError(await server.post('i/pin', { i: alice.token, noteId: (await f.post(alice)).id }), 400, 'PIN_LIMIT_EXCEEDED', '72dab508-c64d-498f-8740-a8eec1ba385a');
    const after = await server.api(alice.token).request('i/unpin', { noteId: note.id });
    assert.equal(after.pinnedNoteIds.length, 4);
    assert.ok(!after.pinnedNoteIds.includes(note.id));
    assertError(await server.post('i/unpin', { i: alice.token, noteId: note.id }), 400, 'NO_SUCH_NOTE', '454170ce-9d63-4a43-9da1-ea10afe81e21');
  });

  test('emojis and emoji list the local custom emoji', async () => {
    await server.instance.svc.emojisRepo.insert({
      id: 'emoji0000000002', updatedAt: null, name: 'party', host: null, category: 'fun', originalUrl: 'https://example.com/party.png',
      publicUrl: '', uri: null, type: 'image/png', aliases: '["yay"]', license: 'CC0', localOnly: false, isSensitive: false,
      roleIdsThatCanBeUsedThisEmojiAsReaction: '[]',
    });
    const { emojis } = await server.api().request('emojis', {});
    assert.deepEqual(emojis, [{ aliases: ['yay'], name: 'party', category: 'fun', url: 'https://example.com/party.png' }]);
    const one = await server.api().request('emoji', { name: 'party' });
    assert.equal(one.license, 'CC0');
    assert.equal(one.host, null);
    assertError(await server.post('emoji', { name: 'nope' }), 404, 'NO_SUCH_EMOJI', 'e2785b66-dca3-4087-9cac-b93c541cc425');
    const res = await fetch(`${server.url}/api/emojis`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('cache-control') ?? '', /max-age=3600/);
  });
});
