import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { entities } from 'misskey-js';
import { startTestServer, type TestServer, type TestUser } from '../../support/server.js';
import { nextMainEvent } from '../../api/notifications/support.js';

// Who hears of a note: mention, reply, renote, quote, note (subscriptions), reaction, pollEnded,
// through notes/create and the domain events, checked with i/notifications.
describe('note notifications', () => {
  let server: TestServer;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let watcher: TestUser;

  before(async () => {
    server = await startTestServer();
    await server.createUser('admin');
    alice = await server.createUser('alice');
    bob = await server.createUser('bob');
    carol = await server.createUser('carol');
    // Follows bob with notify = normal: its `note` notification is the last one a new note of bob makes.
    watcher = await server.createUser('watcher');
  });
  after(() => server.close());
  beforeEach(async () => {
    const db = server.instance.svc.database.db;
    for (const table of ['notification', 'following', 'note_thread_muting', 'renote_muting'] as const) await db.deleteFrom(table).execute();
    await subscribe(watcher, bob);
  });

  const db = () => server.instance.svc.database.db;
  async function subscribe(follower: TestUser, followee: TestUser): Promise<void> {
    await db()
      .insertInto('following')
      .values({ id: server.instance.svc.ids.gen(), createdAt: Date.now(), followerId: follower.id, followeeId: followee.id, followerHost: null, followeeHost: null, withReplies: false, notify: 'normal' })
      .execute();
  }
  let seq = 0;
  async function post(user: TestUser, params: Record<string, unknown>): Promise<entities.Note> {
    // Distinct text every time: notes/create answers a repeated request with the note it already made.
    const text = typeof params.text === 'string' ? `${params.text} #${++seq}` : undefined;
    const res = await server.post('notes/create', { i: user.token, ...params, ...(text ? { text } : {}) });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.createdNote;
  }
  /** Posts as bob and waits until bob's watcher heard of it: every other notification of the note exists by then. */
  async function postAsBob(params: Record<string, unknown>): Promise<entities.Note> {
    const heard = nextMainEvent(server, watcher.id, 'notification');
    const note = await post(bob, params);
    await heard;
    return note;
  }
  const list = (user: TestUser) => server.api(user.token).request('i/notifications', { markAsRead: false });

  test('a reply notifies reply, with the reply as note, and a reply main event', async () => {
    const parent = await post(alice, { text: 'parent' });
    const event = nextMainEvent(server, alice.id, 'reply');
    const reply = await postAsBob({ text: 'child', replyId: parent.id });
    assert.equal(((await event).body as entities.Note).id, reply.id);
    const [n] = await list(alice);
    assert.ok(n.type === 'reply');
    assert.deepEqual([n.userId, n.user.username, n.note.id, n.note.replyId], [bob.id, 'bob', reply.id, parent.id]);
    assert.deepEqual(Object.keys(n).sort(), ['createdAt', 'id', 'note', 'type', 'user', 'userId']);
  });

  test('a mention notifies mention with a mention main event; mentioned and replied to is one reply', async () => {
    const event = nextMainEvent(server, alice.id, 'mention');
    const note = await postAsBob({ text: 'hi @alice and @carol' });
    assert.equal(((await event).body as entities.Note).id, note.id);
    assert.deepEqual((await list(alice)).map((n) => n.type), ['mention']);
    assert.deepEqual((await list(carol)).map((n) => n.type), ['mention']);

    const parent = await post(alice, { text: 'parent' });
    await postAsBob({ text: '@alice answer', replyId: parent.id });
    assert.deepEqual((await list(alice)).map((n) => n.type), ['reply', 'mention']);
  });

  test('a renote notifies renote (note = the renote), a quote notifies quote; both send a renote event', async () => {
    const target = await post(alice, { text: 'target' });
    const event = nextMainEvent(server, alice.id, 'renote');
    const renote = await postAsBob({ renoteId: target.id });
    assert.equal(((await event).body as entities.Note).id, renote.id);
    const quote = await postAsBob({ renoteId: target.id, text: 'quoting' });
    const [q, r] = await list(alice);
    assert.ok(q.type === 'quote' && r.type === 'renote');
    assert.deepEqual([q.note.id, r.note.id, r.note.renoteId, r.userId], [quote.id, renote.id, target.id, bob.id]);
  });

  test('nothing for one\'s own reply, renote or mention', async () => {
    const own = await post(bob, { text: 'mine' });
    await postAsBob({ text: '@bob self', replyId: own.id });
    await postAsBob({ renoteId: own.id });
    assert.deepEqual(await list(bob), []);
  });

  test('a muted thread silences mentions and replies in it', async () => {
    const parent = await post(alice, { text: 'parent' });
    await server.api(alice.token).request('notes/thread-muting/create', { noteId: parent.id });
    await postAsBob({ text: '@alice in a muted thread', replyId: parent.id });
    assert.deepEqual(await list(alice), []);
  });

  test('subscribed followers get note, except for specified notes and renote-muted pure renotes', async () => {
    const note = await postAsBob({ text: 'news' });
    const [n] = await list(watcher);
    assert.ok(n.type === 'note');
    assert.deepEqual([n.note.id, n.userId], [note.id, bob.id]);

    await db().deleteFrom('notification').execute();
    await post(bob, { text: 'secret @alice', visibility: 'specified', visibleUserIds: [alice.id] });
    await db()
      .insertInto('renote_muting')
      .values({ id: server.instance.svc.ids.gen(), createdAt: Date.now(), muterId: watcher.id, muteeId: bob.id })
      .execute();
    const target = await post(alice, { text: 'target' });
    const renoted = nextMainEvent(server, alice.id, 'notification');
    await post(bob, { renoteId: target.id });
    await renoted;
    const quoted = nextMainEvent(server, watcher.id, 'notification');
    const quote = await post(bob, { renoteId: target.id, text: 'quote' });
    await quoted;
    // Only the quote reached the watcher: not the specified note, not the pure renote.
    assert.deepEqual((await list(watcher)).map((x) => x.type === 'note' && x.note.id), [quote.id]);
  });

  test('a reaction (notes/reactions/create) notifies reaction with the reaction and the note', async () => {
    const note = await post(alice, { text: 'react to me' });
    const published = nextMainEvent(server, alice.id, 'notification');
    await server.api(carol.token).request('notes/reactions/create', { noteId: note.id, reaction: '👍' });
    await published;
    const [n] = await list(alice);
    assert.ok(n.type === 'reaction');
    assert.deepEqual([n.reaction, n.note.id, n.userId], ['👍', note.id, carol.id]);
  });

  test('i/notifications-grouped groups runs of reactions to, and renotes of, one note', async () => {
    const note = await post(alice, { text: 'popular' });
    for (const [user, reaction] of [[bob, '👍'], [carol, '🎉']] as const) {
      const published = nextMainEvent(server, alice.id, 'notification');
      await server.api(user.token).request('notes/reactions/create', { noteId: note.id, reaction });
      await published;
    }
    for (const user of [bob, carol]) {
      const published = nextMainEvent(server, alice.id, 'notification');
      await post(user, { renoteId: note.id });
      await published;
    }
    await server.api(alice.token).request('notifications/test-notification', {});
    const grouped = await server.api(alice.token).request('i/notifications-grouped', { markAsRead: false });
    assert.deepEqual(grouped.map((n) => n.type), ['test', 'renote:grouped', 'reaction:grouped']);
    const [, renotes, reactions] = grouped;
    assert.ok(renotes.type === 'renote:grouped' && reactions.type === 'reaction:grouped');
    assert.deepEqual(renotes.users.map((u) => u.username), ['carol', 'bob']);
    assert.equal(renotes.note.renoteId, note.id);
    assert.deepEqual(reactions.reactions.map((r) => [r.user.username, r.reaction]), [['carol', '🎉'], ['bob', '👍']]);
    assert.equal(reactions.note.id, note.id);
    // A group takes the id of its oldest member, so untilId continues after it.
    const plain = await list(alice);
    assert.equal(reactions.id, plain.at(-1)!.id);
    const rest = await server.api(alice.token).request('i/notifications-grouped', { untilId: renotes.id, markAsRead: false });
    assert.deepEqual(rest.map((n) => n.type), ['reaction:grouped']);
    const limited = await server.api(alice.token).request('i/notifications-grouped', { limit: 1, markAsRead: false });
    assert.deepEqual(limited.map((n) => n.type), ['test']);
  });

  test('pollEnded reaches the author and every voter', async () => {
    const note = await post(alice, { text: 'vote', poll: { choices: ['a', 'b'] } });
    await server.api(carol.token).request('notes/polls/vote', { noteId: note.id, choice: 0 });
    await server.instance.svc.noteNotifier.pollEnded(note.id);
    for (const user of [alice, carol]) {
      const [n] = await list(user);
      assert.ok(n.type === 'pollEnded', user.username);
      assert.deepEqual([n.note.id, n.userId], [note.id, alice.id]);
    }
    assert.deepEqual(await list(bob), []);
  });

  test('a poll closing is a queued job that notifies pollEnded', async () => {
    const ended = nextMainEvent(server, carol.id, 'notification', 15_000);
    const authorHeard = nextMainEvent(server, alice.id, 'notification', 15_000);
    const note = await post(alice, { text: 'quick vote', poll: { choices: ['a', 'b'], expiredAfter: 2000 } });
    await server.api(carol.token).request('notes/polls/vote', { noteId: note.id, choice: 1 });
    for (const event of await Promise.all([ended, authorHeard])) {
      const body = event.body as entities.Notification;
      assert.ok(body.type === 'pollEnded');
      assert.equal(body.note.id, note.id);
    }
  });

  test('notifications of a deleted note disappear', async () => {
    const parent = await post(alice, { text: 'parent' });
    const reply = await postAsBob({ text: 'soon gone', replyId: parent.id });
    assert.equal((await list(alice)).length, 1);
    assert.equal((await server.post('notes/delete', { i: bob.token, noteId: reply.id })).status, 204);
    assert.deepEqual(await list(alice), []);
  });
});
