import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type * as Misskey from 'misskey-js';
import { startTestServer, type TestServer, type TestUser } from '../support/server.js';
import { nextEvent, openStream, RawClient, settle, streamingUrl } from './helpers.js';

describe('streaming: note capture (subNote → noteUpdated)', () => {
  let server: TestServer;
  let alice: TestUser;
  let bob: TestUser;

  before(async () => {
    server = await startTestServer();
    alice = await server.createUser('alice');
    bob = await server.createUser('bob');
  });
  after(() => server.close());

  async function post(user: TestUser, body: Record<string, unknown>): Promise<string> {
    const res = await server.post('notes/create', { i: user.token, ...body });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.createdNote.id;
  }

  type NoteUpdatedEvent = Parameters<Misskey.StreamEvents['noteUpdated']>[0];

  function updated(stream: Misskey.Stream, noteId: string, type: string) {
    return nextEvent<NoteUpdatedEvent>(stream as any, 'noteUpdated', (e) => e.id === noteId && e.type === type); // eslint-disable-line @typescript-eslint/no-explicit-any
  }

  test('reacted and unreacted reach a misskey-js Stream that captured the note', async () => {
    const noteId = await post(alice, { text: 'capture me' });
    const stream = await openStream(server, alice.token);
    stream.send('subNote', { id: noteId });
    await settle(stream);

    const reacted = updated(stream, noteId, 'reacted');
    await server.api(bob.token).request('notes/reactions/create', { noteId, reaction: '👍' });
    assert.deepEqual(await reacted, { id: noteId, type: 'reacted', body: { reaction: '👍', emoji: null, userId: bob.id } });

    const unreacted = updated(stream, noteId, 'unreacted');
    await server.api(bob.token).request('notes/reactions/delete', { noteId });
    assert.deepEqual(await unreacted, { id: noteId, type: 'unreacted', body: { reaction: '👍', userId: bob.id } });
    stream.close();
  });

  test('pollVoted and deleted arrive; anonymous sockets may capture too', async () => {
    const noteId = await post(alice, { text: 'vote', poll: { choices: ['a', 'b'] } });
    const client = await RawClient.open(streamingUrl(server));
    client.send('s', { id: noteId });
    await client.roundTrip();

    await server.api(bob.token).request('notes/polls/vote', { noteId, choice: 1 });
    const voted = await client.next((m) => m.type === 'noteUpdated' && m.body.type === 'pollVoted');
    assert.deepEqual(voted.body, { id: noteId, type: 'pollVoted', body: { choice: 1, userId: bob.id } });

    await server.api(alice.token).request('notes/delete', { noteId });
    const deleted = await client.next((m) => m.type === 'noteUpdated' && m.body.type === 'deleted');
    assert.equal(deleted.body.id, noteId);
    assert.ok(!Number.isNaN(Date.parse(deleted.body.body.deletedAt)));
    await client.close();
  });

  test('captures are counted per socket: each subNote needs its own unsubNote', async () => {
    const noteId = await post(alice, { text: 'counted' });
    const marker = await post(alice, { text: 'marker' });
    const client = await RawClient.open(streamingUrl(server, bob.token));
    client.send('subNote', { id: noteId });
    client.send('sr', { id: noteId });
    client.send('un', { id: noteId });
    client.send('s', { id: marker });
    await client.roundTrip();

    await server.api(alice.token).request('notes/reactions/create', { noteId, reaction: '🎉' });
    await client.next((m) => m.type === 'noteUpdated' && m.body.id === noteId && m.body.type === 'reacted');

    client.send('unsubNote', { id: noteId });
    await client.roundTrip();
    client.drain();
    await server.api(alice.token).request('notes/reactions/delete', { noteId });
    // The marker's event is published after the first one, so the first would have come before it.
    await server.api(alice.token).request('notes/reactions/create', { noteId: marker, reaction: '🎉' });
    await client.next((m) => m.type === 'noteUpdated' && m.body.id === marker);
    assert.deepEqual(client.drain().filter((m) => m.body?.id === noteId), []);
    await client.close();
  });

  test('a socket hears only the notes it captured', async () => {
    const mine = await post(alice, { text: 'mine' });
    const other = await post(alice, { text: 'other' });
    const client = await RawClient.open(streamingUrl(server, bob.token));
    client.send('subNote', { id: mine });
    await client.roundTrip();
    await server.api(bob.token).request('notes/reactions/create', { noteId: other, reaction: '👀' });
    await server.api(bob.token).request('notes/reactions/create', { noteId: mine, reaction: '👀' });
    await client.next((m) => m.type === 'noteUpdated' && m.body.id === mine);
    assert.deepEqual(client.received.filter((m) => m.body?.id === other), []);
    await client.close();
  });
});
