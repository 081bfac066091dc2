import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer, type TestUser } from '../support/server.js';
import { RawClient, streamingUrl } from './helpers.js';

describe('streaming: drive, admin, stats and userList channels', () => {
  let server: TestServer;
  let admin: TestUser;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;

  before(async () => {
    server = await startTestServer();
    admin = await server.createUser('admin');
    alice = await server.createUser('alice');
    bob = await server.createUser('bob');
    carol = await server.createUser('carol');
  });
  after(() => server.close());

  async function upload(user: TestUser, name: string): Promise<{ id: string }> {
    const form = new FormData();
    form.append('i', user.token);
    form.append('file', new Blob(['hello'], { type: 'text/plain' }), name);
    const res = await fetch(`${server.url}/api/drive/files/create`, { method: 'POST', body: form });
    assert.equal(res.status, 200);
    return (await res.json()) as { id: string };
  }

  test('drive: fileCreated, fileUpdated and fileDeleted for the owner only', async () => {
    const client = await RawClient.open(streamingUrl(server, alice.token));
    const id = await client.connect('drive');
    const other = await RawClient.open(streamingUrl(server, bob.token));
    const otherId = await other.connect('drive');

    const file = await upload(alice, 'a.txt');
    assert.equal((await client.channelEvent(id, 'fileCreated')).id, file.id);
    await server.api(alice.token).request('drive/files/update', { fileId: file.id, name: 'b.txt' });
    assert.equal((await client.channelEvent(id, 'fileUpdated')).name, 'b.txt');
    await server.api(alice.token).request('drive/files/delete', { fileId: file.id });
    assert.equal(await client.channelEvent(id, 'fileDeleted'), file.id);

    const bobs = await upload(bob, 'bob.txt');
    assert.equal((await other.channelEvent(otherId, 'fileCreated')).id, bobs.id);
    assert.deepEqual(client.received.filter((m) => m.body?.body?.id === bobs.id), []);
    assert.deepEqual(other.received.filter((m) => m.body?.body?.id === file.id), []);
    await Promise.all([client.close(), other.close()]);
  });

  test('admin: relays the user\'s admin events; needs read:admin:stream on app tokens', async () => {
    const client = await RawClient.open(streamingUrl(server, admin.token));
    const id = await client.connect('admin');
    const report = { id: 'r1', targetUserId: bob.id, reporterId: alice.id, comment: 'spam' };
    await server.instance.svc.bus.publish(`admin:${admin.id}`, { type: 'newAbuseUserReport', body: report });
    assert.deepEqual(await client.channelEvent(id, 'newAbuseUserReport'), report);

    const token = (await server.post('miauth/gen-token', { i: admin.token, session: null, name: 'x', permission: ['read:account'] })).body.token;
    const limited = await RawClient.open(streamingUrl(server, token));
    limited.send('connect', { channel: 'admin', id: 'a', pong: true });
    await limited.roundTrip();
    assert.equal(limited.received.some((m) => m.type === 'connected' && m.body.id === 'a'), false);
    await Promise.all([client.close(), limited.close()]);
  });

  test('serverStats: stats every interval and statsLog on requestLog, when the instance allows machine stats', async () => {
    await server.instance.svc.meta.update({ enableServerMachineStats: true });
    const client = await RawClient.open(streamingUrl(server));
    const id = await client.connect('serverStats');
    const stats = await client.channelEvent(id, 'stats');
    assert.equal(typeof stats.cpu, 'number');
    assert.ok(stats.cpu >= 0 && stats.cpu <= 1);
    assert.equal(typeof stats.mem.used, 'number');
    assert.equal(typeof stats.mem.active, 'number');
    assert.deepEqual(Object.keys(stats.net).sort(), ['rx', 'tx']);
    assert.deepEqual(Object.keys(stats.fs).sort(), ['r', 'w']);
    client.send('ch', { id, type: 'requestLog', body: { id: 'log1', length: 10 } });
    const log = await client.channelEvent(id, 'statsLog');
    assert.ok(Array.isArray(log) && log.length >= 1 && log.length <= 10);
    assert.equal(typeof log[0].cpu, 'number');
    // Malformed channel messages are ignored.
    for (const body of [null, 'x', [], { length: 'many' }]) client.send('ch', { id, type: 'requestLog', body });
    client.send('ch', { id, type: 'unknown', body: {} });
    await client.roundTrip();
    await client.close();

    await server.instance.svc.meta.update({ enableServerMachineStats: false });
    const off = await RawClient.open(streamingUrl(server));
    const offId = await off.connect('serverStats');
    off.send('ch', { id: offId, type: 'requestLog', body: { id: 'x', length: 5 } });
    await off.roundTrip();
    assert.deepEqual(off.received.filter((m) => m.type === 'channel'), []);
    await off.close();
  });

  test('queueStats: deliver and inbox counts, and the log', async () => {
    const client = await RawClient.open(streamingUrl(server));
    const id = await client.connect('queueStats');
    const stats = await client.channelEvent(id, 'stats');
    for (const queue of ['deliver', 'inbox']) {
      assert.deepEqual(Object.keys(stats[queue]).sort(), ['active', 'activeSincePrevTick', 'delayed', 'waiting']);
    }
    client.send('channel', { id, type: 'requestLog', body: { id: 1, length: 5 } });
    const log = await client.channelEvent(id, 'statsLog');
    assert.ok(Array.isArray(log) && log.length >= 1);
    await client.close();
  });

  test('userList: notes of the list\'s members only, and only on the owner\'s own list', async () => {
    const list = await server.api(alice.token).request('users/lists/create', { name: 'friends' });
    await server.api(alice.token).request('users/lists/push', { listId: list.id, userId: bob.id });
    const client = await RawClient.open(streamingUrl(server, alice.token));
    const id = await client.connect('userList', { listId: list.id });
    const intruder = await RawClient.open(streamingUrl(server, carol.token));
    const intruderId = await intruder.connect('userList', { listId: list.id });

    await server.api(carol.token).request('notes/create', { text: 'not a member' });
    await server.api(bob.token).request('notes/create', { text: 'member note' });
    await client.channelEvent(id, 'note', (n) => n.text === 'member note');
    assert.deepEqual(client.received.filter((m) => m.body?.body?.text === 'not a member'), []);
    await intruder.roundTrip();
    assert.deepEqual(intruder.received.filter((m) => m.body?.id === intruderId && m.body.type === 'note'), []);
    await Promise.all([client.close(), intruder.close()]);
  });
  test('userList: push, pull, update-membership and delete reach an open channel and change what it shows', async () => {
    const api = server.api(alice.token);
    const list = await api.request('users/lists/create', { name: 'changing' });
    const client = await RawClient.open(streamingUrl(server, alice.token));
    const id = await client.connect('userList', { listId: list.id });
    // The global timeline on the same socket receives each note right after the list channel,
    // so once it has a note the list channel has passed on it.
    const gtl = await client.connect('globalTimeline');

    await api.request('users/lists/push', { listId: list.id, userId: carol.id });
    const added = await client.channelEvent(id, 'userAdded');
    assert.equal(added.id, carol.id);
    assert.equal(added.username, 'carol');
    await server.api(carol.token).request('notes/create', { text: 'carol joined' });
    await client.channelEvent(id, 'note', (n) => n.text === 'carol joined');

    // A reply by carol to bob shows only once carol's membership has withReplies.
    const bobNote = await server.api(bob.token).request('notes/create', { text: 'bob says' });
    await server.api(carol.token).request('notes/create', { text: 'reply hidden', replyId: bobNote.createdNote.id });
    await client.channelEvent(gtl, 'note', (n) => n.text === 'reply hidden');
    await api.request('users/lists/update-membership', { listId: list.id, userId: carol.id, withReplies: true });
    // The next membership event is published after the update, so once it arrives the update is applied.
    await api.request('users/lists/push', { listId: list.id, userId: admin.id });
    await client.channelEvent(id, 'userAdded', (u) => u.id === admin.id);
    await server.api(carol.token).request('notes/create', { text: 'reply shown', replyId: bobNote.createdNote.id });
    await client.channelEvent(id, 'note', (n) => n.text === 'reply shown');
    assert.equal(client.received.some((m) => m.body?.id === id && m.body.body?.text === 'reply hidden'), false);

    await api.request('users/lists/pull', { listId: list.id, userId: carol.id });
    assert.equal((await client.channelEvent(id, 'userRemoved')).id, carol.id);
    await server.api(carol.token).request('notes/create', { text: 'carol left' });
    await server.api(admin.token).request('notes/create', { text: 'admin still in' });
    await client.channelEvent(id, 'note', (n) => n.text === 'admin still in');
    assert.equal(client.received.some((m) => m.body?.id === id && m.body.body?.text === 'carol left'), false);

    // Deleting the list empties the channel.
    await api.request('users/lists/delete', { listId: list.id });
    await server.api(admin.token).request('notes/create', { text: 'after delete' });
    await client.channelEvent(gtl, 'note', (n) => n.text === 'after delete');
    assert.equal(client.received.some((m) => m.body?.id === id && m.body.body?.text === 'after delete'), false);
    await client.close();
  });
});
