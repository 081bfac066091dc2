import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer, type TestUser } from '../../support/server.js';
import { setUser } from '../../support/users.js';
import { assertError, noteFixtures } from '../../support/notes.js';
import { uploadOk } from '../drive/helpers.js';

const ERR = {
  invalidParam: ['INVALID_PARAM', '3d81ceae-475f-4600-b2a8-2bc116157532'],
  noSuchRenoteTarget: ['NO_SUCH_RENOTE_TARGET', 'b5c90186-4ab0-49c8-9bba-a1f76c282ba4'],
  cannotReRenote: ['CANNOT_RENOTE_TO_A_PURE_RENOTE', 'fd4cc33e-2a37-48dd-99cc-9b806eb2031a'],
  cannotRenoteDueToVisibility: ['CANNOT_RENOTE_DUE_TO_VISIBILITY', 'be9529e9-fe72-4de0-ae43-0b363c4938af'],
  noSuchReplyTarget: ['NO_SUCH_REPLY_TARGET', '749ee0f6-d3da-459a-bf02-282e2da4292c'],
  cannotReplyToInvisible: ['CANNOT_REPLY_TO_AN_INVISIBLE_NOTE', 'b98980fa-3780-406c-a935-b6d0eeee10d1'],
  cannotReplyToPureRenote: ['CANNOT_REPLY_TO_A_PURE_RENOTE', '3ac74a84-8fd5-4bb0-870f-01804f82ce15'],
  extendedVisibility: ['CANNOT_REPLY_TO_SPECIFIED_VISIBILITY_NOTE_WITH_EXTENDED_VISIBILITY', 'ed940410-535c-4d5e-bfa3-af798671e93c'],
  expiredPoll: ['CANNOT_CREATE_ALREADY_EXPIRED_POLL', '04da457d-b083-4055-9082-955525eda5a5'],
  noSuchChannel: ['NO_SUCH_CHANNEL', 'b1653923-5453-4edc-b786-7c4f39bb0bbb'],
  blocked: ['YOU_HAVE_BEEN_BLOCKED', 'b390d7e1-8a5e-46ed-b625-06271cafd3d3'],
  noSuchFile: ['NO_SUCH_FILE', 'b6992544-63e7-67f0-fa7f-32444b1b5306'],
  tooManyMentions: ['CONTAINS_TOO_MANY_MENTIONS', '4de0363a-3046-481b-9b0f-feff3e211025'],
  credentialRequired: ['CREDENTIAL_REQUIRED', '1384574d-a912-4b81-8601-c7b1c4085df1'],
  permissionDenied: ['PERMISSION_DENIED', '1370e5b7-d4eb-4566-bb1d-7748ee6a1838'],
} as const;

describe('notes/create', () => {
  let server: TestServer;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let f: ReturnType<typeof noteFixtures>;

  before(async () => {
    server = await startTestServer();
    alice = await server.createUser('alice');
    bob = await server.createUser('bob');
    carol = await server.createUser('carol');
    f = noteFixtures(server);
  });
  after(() => server.close());

  async function create(user: TestUser, params: Record<string, unknown>) {
    return server.post('notes/create', { i: user.token, ...params });
  }
  async function notesCount(user: TestUser): Promise<number> {
    return (await server.api(user.token).request('i', {})).notesCount;
  }
  function expectError(res: { status: number; body: any }, [code, id]: readonly [string, string], status = 400) {
    assertError(res, status, code, id);
  }

  test("posting marks the author updated (Misskey's activity signal for search and recommendations)", async () => {
    const dave = await server.createUser();
    const updatedAt = async () => (await server.api(dave.token).request('i', {})).updatedAt;
    const before = await updatedAt();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await server.api(dave.token).request('notes/create', { text: 'still here' });
    const after = await updatedAt();
    assert.ok(after !== null && (before === null || Date.parse(after) > Date.parse(before)), `${before} → ${after}`);
  });

  test('posts a note through misskey-js and returns it packed', async () => {
    const before = await notesCount(alice);
    const res = await server.api(alice.token).request('notes/create', { text: 'hello @bob and @nobody #Misskey #misskey', cw: 'cw' });
    const note = res.createdNote;
    assert.equal(note.text, 'hello @bob and @nobody #Misskey #misskey');
    assert.equal(note.cw, 'cw');
    assert.equal(note.userId, alice.id);
    assert.equal(note.user.username, 'alice');
    assert.equal(note.visibility, 'public');
    assert.deepEqual(note.mentions, [bob.id]);
    assert.deepEqual(note.tags, ['misskey']);
    assert.deepEqual(note.reactions, {});
    assert.equal(note.reactionCount, 0);
    assert.equal(note.renoteCount, 0);
    assert.equal(note.repliesCount, 0);
    assert.equal(note.uri, undefined);
    assert.equal(await notesCount(alice), before + 1);
    const shown = await server.api(bob.token).request('notes/show', { noteId: note.id });
    assert.equal(shown.text, note.text);
  });

  test('noExtractMentions and noExtractHashtags keep the text but store no refs', async () => {
    const note = await f.post(alice, { text: '@bob #tag', noExtractMentions: true, noExtractHashtags: true });
    assert.equal(note.mentions, undefined);
    assert.equal(note.tags, undefined);
  });

  test('refuses a note without content, with only spaces, or too long, and stores nothing', async () => {
    const before = await notesCount(alice);
    expectError(await create(alice, {}), ERR.invalidParam);
    expectError(await create(alice, { text: '   ' }), ERR.invalidParam);
    expectError(await create(alice, { text: '' }), ERR.invalidParam);
    expectError(await create(alice, { text: 'x'.repeat(3001) }), ERR.invalidParam);
    expectError(await create(alice, { text: 'x', visibility: 'secret' }), ERR.invalidParam);
    expectError(await create(alice, { text: 'x', poll: { choices: ['only'] } }), ERR.invalidParam);
    expectError(await create(alice, { text: 'x', cw: '' }), ERR.invalidParam);
    assert.equal(await notesCount(alice), before);
    assert.equal((await create(alice, { text: 'x'.repeat(3000) })).status, 200);
  });

  test('needs a credential with write:notes', async () => {
    expectError(await server.post('notes/create', { text: 'anon' }), ERR.credentialRequired, 401);
    const readOnly = await f.appToken(alice, ['read:account']);
    expectError(await server.post('notes/create', { i: readOnly, text: 'app' }), ERR.permissionDenied, 403);
    const writer = await f.appToken(alice, ['write:notes']);
    assert.equal((await server.post('notes/create', { i: writer, text: 'from an app' })).status, 200);
  });

  test('a repeated identical request returns the same note (duplicate-post protection)', async () => {
    const first = await create(alice, { text: 'same request twice' });
    const second = await create(alice, { text: 'same request twice' });
    assert.equal(second.status, 200);
    assert.equal(second.body.createdNote.id, first.body.createdNote.id);
    const other = await create(bob, { text: 'same request twice' });
    assert.notEqual(other.body.createdNote.id, first.body.createdNote.id);
  });

  describe('renotes and quotes', () => {
    test('a renote counts on its target; a quote with only spaces has null text', async () => {
      const target = await f.post(alice);
      const renote = await f.post(bob, { renoteId: target.id });
      assert.equal(renote.text, null);
      assert.equal(renote.renote.id, target.id);
      const quote = await f.post(carol, { renoteId: target.id, text: ' \n ' });
      assert.equal(quote.text, null);
      const real = await f.post(carol, { renoteId: target.id, text: 'quoting' });
      assert.equal(real.renote.text, target.text);
      const shown = await server.api(alice.token).request('notes/show', { noteId: target.id });
      assert.equal(shown.renoteCount, 3);
    });

    test('own renotes do not count', async () => {
      const target = await f.post(alice);
      await f.post(alice, { renoteId: target.id });
      assert.equal((await server.api(alice.token).request('notes/show', { noteId: target.id })).renoteCount, 0);
    });

    test('refuses unknown targets, pure renotes of pure renotes, and non-public notes of others', async () => {
      expectError(await create(bob, { renoteId: 'nosuchnote0000' }), ERR.noSuchRenoteTarget);
      const target = await f.post(alice);
      const renote = await f.post(bob, { renoteId: target.id });
      expectError(await create(carol, { renoteId: renote.id }), ERR.cannotReRenote);
      const quote = await f.post(bob, { renoteId: target.id, text: 'q' });
      assert.equal((await create(carol, { renoteId: quote.id })).status, 200);

      const followersOnly = await f.post(alice, { visibility: 'followers' });
      expectError(await create(bob, { renoteId: followersOnly.id }), ERR.cannotRenoteDueToVisibility);
      const ownRenote = await create(alice, { renoteId: followersOnly.id });
      assert.equal(ownRenote.body.createdNote.visibility, 'followers');
      const specified = await f.post(alice, { visibility: 'specified', visibleUserIds: [bob.id] });
      expectError(await create(bob, { renoteId: specified.id }), ERR.cannotRenoteDueToVisibility);
      expectError(await create(alice, { renoteId: specified.id, text: 'own' }), ERR.cannotRenoteDueToVisibility);
    });

    test('a renote of a home note is at most home', async () => {
      const home = await f.post(alice, { visibility: 'home' });
      const renote = await f.post(bob, { renoteId: home.id });
      assert.equal(renote.visibility, 'home');
    });
  });

  describe('replies', () => {
    test('a reply counts on its target and carries it', async () => {
      const target = await f.post(alice);
      const reply = await f.post(bob, { replyId: target.id, text: 'reply' });
      assert.equal(reply.replyId, target.id);
      assert.equal(reply.reply.id, target.id);
      assert.equal((await server.api(alice.token).request('notes/show', { noteId: target.id })).repliesCount, 1);
    });

    test('refuses unknown, pure-renote and invisible targets', async () => {
      expectError(await create(bob, { replyId: 'nosuchnote0000', text: 'x' }), ERR.noSuchReplyTarget);
      const target = await f.post(alice);
      const renote = await f.post(bob, { renoteId: target.id });
      expectError(await create(carol, { replyId: renote.id, text: 'x' }), ERR.cannotReplyToPureRenote);
      const followersOnly = await f.post(alice, { visibility: 'followers' });
      expectError(await create(carol, { replyId: followersOnly.id, text: 'x' }), ERR.cannotReplyToInvisible);
      await f.follow(carol, alice);
      const reply = await f.post(carol, { replyId: followersOnly.id, text: 'as a follower' });
      assert.equal(reply.visibility, 'home');
    });

    test('a reply to a specified note must stay specified and reaches its author', async () => {
      const dm = await f.post(alice, { visibility: 'specified', visibleUserIds: [bob.id], text: 'dm' });
      expectError(await create(bob, { replyId: dm.id, text: 'x', visibility: 'followers' }), ERR.extendedVisibility);
      const reply = await f.post(bob, { replyId: dm.id, text: 'back', visibility: 'specified' });
      assert.deepEqual(reply.visibleUserIds, [alice.id]);
    });
  });

  test('a bot may not reply to another bot', async () => {
    const bot1 = await server.createUser('bot1');
    const bot2 = await server.createUser('bot2');
    for (const bot of [bot1, bot2]) await setUser(server, bot.id, { isBot: true });
    const target = await f.post(bot1);
    expectError(await create(bot2, { replyId: target.id, text: 'beep' }), ['REPLY_TO_BOT_NOT_ALLOWED', '66819f28-9525-389d-4b0a-4974363fbbbf']);
    assert.equal((await create(bot1, { replyId: target.id, text: 'self thread' })).status, 200);
    assert.equal((await create(alice, { replyId: target.id, text: 'human' })).status, 200);
  });

  test('a user blocked by the author can neither reply nor renote', async () => {
    const dave = await server.createUser('dave');
    const target = await f.post(alice);
    await f.block(alice, dave);
    expectError(await create(dave, { replyId: target.id, text: 'x' }), ERR.blocked);
    expectError(await create(dave, { renoteId: target.id }), ERR.blocked);
  });

  test('polls: expiry in the past is refused, expiredAfter is relative', async () => {
    expectError(await create(alice, { poll: { choices: ['a', 'b'], expiresAt: Date.now() - 1000 } }), ERR.expiredPoll);
    const before = Date.now();
    const note = await f.post(alice, { poll: { choices: ['a', 'b'], expiredAfter: 60_000 } });
    const expiresAt = Date.parse(note.poll.expiresAt);
    assert.ok(expiresAt >= before + 60_000 && expiresAt <= Date.now() + 60_000);
    assert.deepEqual(note.poll.choices.map((c: any) => c.text), ['a', 'b']);
  });

  test('attaches own drive files, in order; others\' and unknown files are refused', async () => {
    const one = await uploadOk(server, alice.token, 'first file', 'one.txt');
    const two = await uploadOk(server, alice.token, 'second file', 'two.txt');
    const note = await f.post(alice, { fileIds: [two.id, one.id] });
    assert.equal(note.text, null);
    assert.deepEqual(note.fileIds, [two.id, one.id]);
    assert.deepEqual(note.files.map((file: any) => file.id), [two.id, one.id]);
    const viaMediaIds = await f.post(alice, { text: 'media', mediaIds: [one.id] });
    assert.deepEqual(viaMediaIds.fileIds, [one.id]);
    expectError(await create(bob, { text: 'x', fileIds: [one.id] }), ERR.noSuchFile);
  });

  test('unknown files and channels are refused', async () => {
    expectError(await create(alice, { text: 'x', fileIds: ['nosuchfile000'] }), ERR.noSuchFile);
    expectError(await create(alice, { text: 'x', channelId: 'nosuchchannel' }), ERR.noSuchChannel);
  });

  test('more mentions than the role allows are refused', async () => {
    const mentions = Array.from({ length: 21 }, (_, i) => `@u${i}`).join(' ');
    const users = await Promise.all(Array.from({ length: 21 }, (_, i) => server.createUser(`u${i}`)));
    assert.equal(users.length, 21);
    expectError(await create(alice, { text: mentions }), ERR.tooManyMentions);
  });

  test('specified notes keep only existing visibleUserIds and count them as mentions', async () => {
    const note = await f.post(alice, { visibility: 'specified', visibleUserIds: [bob.id, 'nosuchuser0000'], text: 'dm' });
    assert.deepEqual(note.visibleUserIds, [bob.id]);
    assert.deepEqual(note.mentions, [bob.id]);
  });
});
