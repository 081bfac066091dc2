import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer, type TestUser } from '../support/server.js';
import { ok } from '../support/social.js';
import { RawClient, streamingUrl } from './helpers.js';

/** Unread mentions and specified notes: recorded for the addressee, read by sr and Misskey's other read paths. */
describe('streaming: unread mentions and specified notes', () => {
  let server: TestServer;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let client: RawClient;
  let main: string;

  before(async () => {
    server = await startTestServer();
    await server.createUser('admin');
    alice = await server.createUser('alice');
    bob = await server.createUser('bob');
    carol = await server.createUser('carol');
    client = await RawClient.open(streamingUrl(server, bob.token));
    main = await client.connect('main');
  });
  after(async () => {
    await client.close();
    await server.close();
  });

  const post = async (user: TestUser, params: Record<string, unknown>): Promise<string> => (await ok(server, 'notes/create', user.token, params)).createdNote.id;
  const unreadFlags = async () => {
    const me = await ok(server, 'i', bob.token);
    return { mentions: me.hasUnreadMentions, specified: me.hasUnreadSpecifiedNotes };
  };
  /** Waits for the next main-channel event of `type` not seen before. */
  const nextMain = (type: string, match: (body: unknown) => boolean = () => true) => {
    const seen = client.received.length;
    return client.next((m) => client.received.indexOf(m) >= seen && m.type === 'channel' && m.body?.id === main && m.body.type === type && match(m.body.body)).then((m) => m.body.body);
  };

  test('a mention is unread until the addressee sends sr for it', async () => {
    assert.deepEqual(await unreadFlags(), { mentions: false, specified: false });
    const unread = nextMain('unreadMention');
    const noteId = await post(alice, { text: '@bob are you there?' });
    assert.equal(await unread, noteId);
    assert.deepEqual(await unreadFlags(), { mentions: true, specified: false });

    const allRead = nextMain('readAllUnreadMentions');
    client.send('sr', { id: noteId });
    await allRead;
    assert.deepEqual(await unreadFlags(), { mentions: false, specified: false });
  });

  test('a specified note is unread until notes/mentions lists it', async () => {
    const unread = nextMain('unreadSpecifiedNote');
    const noteId = await post(alice, { text: 'just for you', visibility: 'specified', visibleUserIds: [bob.id] });
    assert.equal(await unread, noteId);
    assert.deepEqual(await unreadFlags(), { mentions: false, specified: true });
    // Alice reading her own note changes nothing for bob.
    await ok(server, 'notes/mentions', alice.token);
    assert.deepEqual(await unreadFlags(), { mentions: false, specified: true });

    const allRead = nextMain('readAllUnreadSpecifiedNotes');
    const listed = await ok(server, 'notes/mentions', bob.token);
    assert.ok(listed.some((n: { id: string }) => n.id === noteId));
    await allRead;
    assert.deepEqual(await unreadFlags(), { mentions: false, specified: false });
  });

  test('listing the notifications reads the mentioned note; so does muting its thread', async () => {
    let unread = nextMain('unreadMention');
    const first = await post(alice, { text: 'hey @bob' });
    assert.equal(await unread, first);
    let allRead = nextMain('readAllUnreadMentions');
    await ok(server, 'i/notifications', bob.token);
    await allRead;
    assert.equal((await unreadFlags()).mentions, false);

    unread = nextMain('unreadMention');
    const second = await post(alice, { text: 'again @bob', replyId: first });
    assert.equal(await unread, second);
    allRead = nextMain('readAllUnreadMentions');
    await ok(server, 'notes/thread-muting/create', bob.token, { noteId: first });
    await allRead;
    assert.equal((await unreadFlags()).mentions, false);
  });

  test('mentions from muted users and in muted threads are never unread', async () => {
    await ok(server, 'mute/create', bob.token, { userId: carol.id });
    const muted = await post(carol, { text: 'muted @bob' });
    const unread = nextMain('unreadMention');
    const heard = await post(alice, { text: 'unmuted @bob' });
    assert.equal(await unread, heard);
    // Reading alice's note leaves nothing unread, so carol's mention was never recorded.
    const allRead = nextMain('readAllUnreadMentions');
    client.send('sr', { id: heard });
    await allRead;
    assert.equal((await unreadFlags()).mentions, false);
    assert.equal(client.received.some((m) => m.body?.type === 'unreadMention' && m.body.body === muted), false);
  });
});
