import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer, type TestUser } from '../support/server.js';
import { RawClient, streamingUrl } from './helpers.js';

/** More sockets than the hub delivers to in one turn of the event loop (SLICE in src/streaming/hub.ts). */
const SOCKETS = 450;

describe('streaming fan-out to many sockets', () => {
  let server: TestServer;
  let poster: TestUser;
  let follower: TestUser;
  let stranger: TestUser;

  before(async () => {
    server = await startTestServer();
    await server.createUser('admin');
    poster = await server.createUser('poster');
    follower = await server.createUser('follower');
    stranger = await server.createUser('stranger');
    await server.api(follower.token).request('following/create', { userId: poster.id });
  });
  after(() => server.close());

  test('every socket receives every note, in posting order, and only its own channel\'s notes', { timeout: 60_000 }, async () => {
    const clients: RawClient[] = [];
    try {
      for (let i = 0; i < SOCKETS; i += 50) {
        clients.push(...(await Promise.all(Array.from({ length: Math.min(50, SOCKETS - i) }, () => RawClient.open(streamingUrl(server, follower.token))))));
      }
      const channels = await Promise.all(clients.map((c) => c.connect('homeTimeline')));
      const texts = ['first', 'second', 'third', 'fourth'].map((t) => `${t} ${Date.now()}`);
      // Posted back to back: the next note is created while the previous one is still being delivered.
      for (const [i, text] of texts.entries()) {
        await server.api(poster.token).request('notes/create', { text });
        // Not followed: reaches no home timeline, and must not hold up or reorder the others.
        if (i === 1) await server.api(stranger.token).request('notes/create', { text: `stranger ${text}` });
      }
      // A message of another topic for the last socket (a reaction to the captured last note) queues
      // behind the note's fan-out: that socket sees the note first.
      const lastClient = clients.at(-1)!;
      const { createdNote } = await server.api(poster.token).request('notes/create', { text: 'captured' });
      lastClient.send('subNote', { id: createdNote.id });
      await lastClient.roundTrip();
      await server.api(follower.token).request('notes/reactions/create', { noteId: createdNote.id, reaction: '👍' });
      await lastClient.next((m) => m.type === 'noteUpdated' && m.body.id === createdNote.id, 20_000);
      const order = lastClient.received.flatMap((m) => (m.type === 'noteUpdated' ? ['reacted'] : m.type === 'channel' && m.body.body.text === 'captured' ? ['note'] : []));
      assert.deepEqual(order, ['note', 'reacted']);

      texts.push('captured');
      const last = texts.at(-1)!;
      await Promise.all(clients.map((c, i) => c.channelEvent(channels[i]!, 'note', (n) => n.text === last, 20_000)));
      for (const [i, client] of clients.entries()) {
        const got = client.received.filter((m) => m.type === 'channel' && m.body.id === channels[i]).map((m) => m.body.body.text);
        assert.deepEqual(got, texts, `socket ${i}`);
      }
    } finally {
      await Promise.all(clients.map((c) => c.close()));
    }
  });
});
