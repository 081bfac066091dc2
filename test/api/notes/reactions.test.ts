import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer, type TestUser } from '../../support/server.js';
import { assertError, noteFixtures } from '../../support/notes.js';

const ERR = {
  createNoSuchNote: ['NO_SUCH_NOTE', '033d0620-5bfe-4027-965d-980b0c85a3ea'],
  alreadyReacted: ['ALREADY_REACTED', '71efcf98-86d6-4e2b-b2ad-9d032369366b'],
  blocked: ['YOU_HAVE_BEEN_BLOCKED', '20ef5475-9f38-4e4c-bd33-de6d979498ec'],
  cannotReactToRenote: ['CANNOT_REACT_TO_RENOTE', 'eaccdc08-ddef-43fe-908f-d108faad57f5'],
  deleteNoSuchNote: ['NO_SUCH_NOTE', '764d9fce-f9f2-4a0e-92b1-6ceac9a7ad37'],
  notReacted: ['NOT_REACTED', '92f4426d-4196-4125-aa5b-02943e2ec8fc'],
  invalidParam: ['INVALID_PARAM', '3d81ceae-475f-4600-b2a8-2bc116157532'],
  credentialRequired: ['CREDENTIAL_REQUIRED', '1384574d-a912-4b81-8601-c7b1c4085df1'],
  permissionDenied: ['PERMISSION_DENIED', '1370e5b7-d4eb-4566-bb1d-7748ee6a1838'],
} as const;

describe('notes/reactions/create, notes/reactions/delete, notes/reactions', () => {
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
    await server.instance.svc.emojisRepo.insert({
      id: 'emoji0000000001', updatedAt: null, name: 'blobcat', host: null, category: 'blob', originalUrl: 'https://example.com/blobcat.png',
      publicUrl: 'https://example.com/blobcat.png', uri: null, type: 'image/png', aliases: '["cat"]', license: null, localOnly: false,
      isSensitive: true, roleIdsThatCanBeUsedThisEmojiAsReaction: '[]',
    });
  });
  after(() => server.close());

  const react = (user: TestUser, noteId: string, reaction: unknown) => server.post('notes/reactions/create', { i: user.token, noteId, reaction });
  const show = (user: TestUser, noteId: string) => server.api(user.token).request('notes/show', { noteId });
  const err = (res: { status: number; body: any }, [code, id]: readonly [string, string], status = 400) => assertError(res, status, code, id);

  test('a reaction is counted, shown as myReaction, and listed', async () => {
    const note = await f.post(alice);
    await server.api(bob.token).request('notes/reactions/create', { noteId: note.id, reaction: '👍' });
    assert.equal((await react(carol, note.id, '👍')).status, 204);
    const seen = await show(bob, note.id);
    assert.deepEqual(seen.reactions, { '👍': 2 });
    assert.equal(seen.reactionCount, 2);
    assert.equal(seen.myReaction, '👍');
    assert.equal((await show(alice, note.id)).myReaction, null);
    const list = await server.api().request('notes/reactions', { noteId: note.id });
    assert.deepEqual(list.map((r) => r.user.id).sort(), [bob.id, carol.id].sort());
    assert.equal(list[0]!.type, '👍');
  });

  test('reacting again replaces the reaction; the same one again is ALREADY_REACTED', async () => {
    const note = await f.post(alice);
    await react(bob, note.id, '👍');
    err(await react(bob, note.id, '👍'), ERR.alreadyReacted);
    assert.equal((await react(bob, note.id, '🎉')).status, 204);
    assert.deepEqual((await show(bob, note.id)).reactions, { '🎉': 1 });
  });

  test('reactions are normalised as Misskey does: legacy names, variation selectors, unknown text falls back to ❤', async () => {
    const cases: [string, string][] = [['like', '👍'], ['❤️', '❤'], ['not an emoji', '❤'], ['', '❤'], [':nosuchemoji:', '❤'], ['👍🏽', '👍🏽']];
    for (const [given, stored] of cases) {
      const note = await f.post(alice);
      assert.equal((await react(bob, note.id, given)).status, 204);
      assert.deepEqual((await show(bob, note.id)).reactions, { [stored]: 1 }, given);
    }
  });

  test('a local custom emoji is stored as :name@.: and can be listed by either spelling', async () => {
    const note = await f.post(alice);
    await react(bob, note.id, ':blobcat:');
    const seen = await show(bob, note.id);
    assert.deepEqual(seen.reactions, { ':blobcat@.:': 1 });
    assert.equal(seen.myReaction, ':blobcat@.:');
    assert.deepEqual(seen.reactionEmojis, {});
    assert.equal((await server.api().request('notes/reactions', { noteId: note.id, type: ':blobcat:' })).length, 1);
    assert.equal((await server.api().request('notes/reactions', { noteId: note.id, type: '👍' })).length, 0);
  });

  test('reactionAcceptance: likeOnly turns everything into ❤; nonSensitiveOnly refuses sensitive emoji', async () => {
    const likeOnly = await f.post(alice, { text: 'likes only', reactionAcceptance: 'likeOnly' });
    await react(bob, likeOnly.id, '🎉');
    assert.deepEqual((await show(bob, likeOnly.id)).reactions, { '❤': 1 });
    const nonSensitive = await f.post(alice, { text: 'no sensitive', reactionAcceptance: 'nonSensitiveOnly' });
    await react(bob, nonSensitive.id, ':blobcat:');
    assert.deepEqual((await show(bob, nonSensitive.id)).reactions, { '❤': 1 });
  });

  test('refusals: unknown or invisible note, pure renote, blocked, bad params, no credential', async () => {
    err(await react(bob, 'nosuchnote0000', '👍'), ERR.createNoSuchNote);
    const secret = await f.post(alice, { visibility: 'specified', text: 'secret' });
    err(await react(bob, secret.id, '👍'), ERR.createNoSuchNote);
    const note = await f.post(alice);
    const renote = await f.post(bob, { renoteId: note.id });
    err(await react(carol, renote.id, '👍'), ERR.cannotReactToRenote);
    const quote = await f.post(bob, { renoteId: note.id, text: 'quote' });
    assert.equal((await react(carol, quote.id, '👍')).status, 204);
    const dave = await server.createUser('dave');
    await f.block(alice, dave);
    err(await react(dave, note.id, '👍'), ERR.blocked);
    err(await server.post('notes/reactions/create', { i: bob.token, noteId: note.id }), ERR.invalidParam);
    err(await server.post('notes/reactions/create', { noteId: note.id, reaction: '👍' }), ERR.credentialRequired, 401);
    const readOnly = await f.appToken(bob, ['read:reactions']);
    err(await server.post('notes/reactions/create', { i: readOnly, noteId: note.id, reaction: '👍' }), ERR.permissionDenied, 403);
    assert.deepEqual((await show(alice, note.id)).reactions, {});
  });

  test('deleting a reaction; NOT_REACTED and NO_SUCH_NOTE', async () => {
    const note = await f.post(alice);
    await react(bob, note.id, '👍');
    err(await server.post('notes/reactions/delete', { i: carol.token, noteId: note.id }), ERR.notReacted);
    err(await server.post('notes/reactions/delete', { i: bob.token, noteId: 'nosuchnote0000' }), ERR.deleteNoSuchNote);
    await server.api(bob.token).request('notes/reactions/delete', { noteId: note.id });
    const seen = await show(bob, note.id);
    assert.deepEqual(seen.reactions, {});
    assert.equal(seen.myReaction, undefined);
    err(await server.post('notes/reactions/delete', { i: bob.token, noteId: note.id }), ERR.notReacted);
  });

  test('reactions emit domain events with the note author', async () => {
    const note = await f.post(alice);
    const events: unknown[] = [];
    const off = server.instance.svc.events.on('reaction.created', (e) => void events.push(e));
    await react(bob, note.id, ':blobcat:');
    off();
    assert.deepEqual(events, [
      { noteId: note.id, noteUserId: alice.id, userId: bob.id, reaction: ':blobcat@.:', emoji: { name: 'blobcat@.', url: 'https://example.com/blobcat.png' } },
    ]);
  });

  test('notes/reactions accepts GET and validates its params', async () => {
    const note = await f.post(alice);
    await react(bob, note.id, '👍');
    const res = await fetch(`${server.url}/api/notes/reactions?noteId=${note.id}&limit=5`);
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as unknown[]).length, 1);
    err(await server.post('notes/reactions', { noteId: note.id, limit: 101 }), ERR.invalidParam);
  });

  test('show-partial-bulk returns the reaction counts of several notes', async () => {
    const a = await f.post(alice);
    const b = await f.post(alice);
    await react(bob, a.id, '👍');
    const res = await server.api().request('notes/show-partial-bulk', { noteIds: [a.id, b.id, 'nosuchnote0000'] });
    assert.deepEqual(res, [
      { id: a.id, reactions: { '👍': 1 }, reactionEmojis: {} },
      { id: b.id, reactions: {}, reactionEmojis: {} },
    ]);
  });
});
