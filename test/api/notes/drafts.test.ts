import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer, type TestUser } from '../../support/server.js';
import { assertError, noteFixtures } from '../../support/notes.js';

describe('notes/drafts/*', () => {
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

  test('create, list, count, update and delete a draft', async () => {
    const target = await f.post(bob, { text: 'reply to me' });
    const api = server.api(alice.token);
    const { createdDraft } = await api.request('notes/drafts/create', {
      text: 'draft text',
      replyId: target.id,
      visibility: 'home',
      poll: { choices: ['a', 'b'], expiredAfter: 60_000 },
    });
    assert.equal(createdDraft.text, 'draft text');
    assert.equal(createdDraft.reply!.id, target.id);
    assert.equal(createdDraft.visibility, 'home');
    assert.deepEqual(createdDraft.poll, { choices: ['a', 'b'], multiple: false, expiresAt: null, expiredAfter: 60_000 });
    assert.equal(createdDraft.user.id, alice.id);
    assert.equal(await api.request('notes/drafts/count', {}), 1);
    const { updatedDraft } = await api.request('notes/drafts/update', { draftId: createdDraft.id, text: 'changed', cw: 'cw' });
    assert.equal(updatedDraft.text, 'changed');
    assert.equal(updatedDraft.cw, 'cw');
    assert.equal(updatedDraft.replyId, null);
    const list = await api.request('notes/drafts/list', {});
    assert.deepEqual(list.map((d) => d.id), [createdDraft.id]);
    assert.equal(list[0]!.text, 'changed');
    await api.request('notes/drafts/delete', { draftId: createdDraft.id });
    assert.equal(await api.request('notes/drafts/count', {}), 0);
  });

  test('drafts are private and checked like notes', async () => {
    const { createdDraft } = await server.api(alice.token).request('notes/drafts/create', { text: 'mine' });
    const noDraft = ['NO_SUCH_NOTE_DRAFT', '49cd6b9d-848e-41ee-b0b9-adaca711a6b1'] as const;
    assertError(await server.post('notes/drafts/delete', { i: bob.token, draftId: createdDraft.id }), 400, ...noDraft);
    assertError(await server.post('notes/drafts/update', { i: bob.token, draftId: createdDraft.id, text: 'x' }), 400, ...noDraft);
    assert.deepEqual(await server.api(bob.token).request('notes/drafts/list', {}), []);
    assertError(await server.post('notes/drafts/create', { i: alice.token, renoteId: 'nosuchnote0000' }), 400, 'NO_SUCH_RENOTE_TARGET', 'b5c90186-4ab0-49c8-9bba-a1f76c282ba4');
    assertError(await server.post('notes/drafts/create', { i: alice.token, fileIds: ['nosuchfile0000'] }), 400, 'NO_SUCH_FILE', 'b6992544-63e7-67f0-fa7f-32444b1b5306');
    assertError(await server.post('notes/drafts/create', { i: alice.token, poll: { choices: [], expiresAt: Date.now() - 1 } }), 400, 'CANNOT_CREATE_ALREADY_EXPIRED_POLL', '04da457d-b083-4055-9082-955525eda5a5');
    assertError(await server.post('notes/drafts/create', { i: alice.token, text: 'x'.repeat(3001) }), 400, 'INVALID_PARAM', '3d81ceae-475f-4600-b2a8-2bc116157532');
    assertError(await server.post('notes/drafts/create', { text: 'x' }), 401, 'CREDENTIAL_REQUIRED', '1384574d-a912-4b81-8601-c7b1c4085df1');
    await server.api(alice.token).request('notes/drafts/delete', { draftId: createdDraft.id });
  });

  test('no more drafts than the role allows (noteDraftLimit, 10 by default)', async () => {
    const api = server.api(bob.token);
    for (let i = 0; i < 10; i++) await api.request('notes/drafts/create', { text: `draft ${i}` });
    assertError(await server.post('notes/drafts/create', { i: bob.token, text: 'one too many' }), 400, 'TOO_MANY_DRAFTS', '9ee33bbe-fde3-4c71-9b51-e50492c6b9c8');
    assert.equal(await api.request('notes/drafts/count', {}), 10);
    assert.equal((await api.request('notes/drafts/list', { limit: 5 })).length, 5);
  });
});
