import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import WebSocket from 'ws';
import { channelRegistry } from '../../src/streaming/channels/index.js';
import { MAX_CHANNELS_PER_SOCKET } from '../../src/streaming/connection.js';
import { StreamingServer } from '../../src/streaming/server.js';
import { startTestServer, type TestServer, type TestUser } from '../support/server.js';
import { setUser } from '../support/users.js';
import { RawClient, refusedUpgrade, streamingUrl } from './helpers.js';

describe('streaming: connection and protocol', () => {
  let server: TestServer;
  let alice: TestUser;

  before(async () => {
    server = await startTestServer();
    await server.createUser('admin');
    alice = await server.createUser('alice');
  });
  after(() => server.close());

  async function appToken(permission: string[]): Promise<string> {
    const res = await server.post('miauth/gen-token', { i: alice.token, session: null, name: 'app', permission });
    assert.equal(res.status, 200);
    return res.body.token;
  }

  describe('upgrade', () => {
    test('no token gives an anonymous connection', async () => {
      const client = await RawClient.open(streamingUrl(server));
      await client.roundTrip();
      await client.close();
    });

    test('a signed-in socket marks its user online', async () => {
      const dora = await server.createUser('dora');
      assert.equal((await server.api(alice.token).request('users/show', { userId: dora.id })).onlineStatus, 'unknown');
      const client = await RawClient.open(streamingUrl(server, dora.token));
      await client.roundTrip();
      assert.equal((await server.api(alice.token).request('users/show', { userId: dora.id })).onlineStatus, 'online');
      await client.close();
    });

    test('a token in ?i= or in the Authorization header is accepted', async () => {
      const byQuery = await RawClient.open(streamingUrl(server, alice.token));
      await byQuery.connect('main');
      const byHeader = await RawClient.open(streamingUrl(server), { Authorization: `Bearer ${alice.token}` });
      await byHeader.connect('main');
      await Promise.all([byQuery.close(), byHeader.close()]);
    });

    test('a bad token is refused with 401 and WWW-Authenticate, by query and by header', async () => {
      for (const [url, headers] of [
        [streamingUrl(server, 'not-a-token'), {}],
        [streamingUrl(server, ''), {}],
        [streamingUrl(server, 'abcdefghijklmnop'), {}],
        [streamingUrl(server), { Authorization: 'Bearer not-a-token' }],
      ] as const) {
        const res = await refusedUpgrade(url, headers);
        assert.equal(res.status, 401);
        assert.match(String(res.headers['www-authenticate']), /^Bearer realm="Misskey", error="invalid_token"/);
      }
    });

    test('an app token needs read:account to connect at all', async () => {
      const without = await appToken(['write:notes']);
      assert.equal((await refusedUpgrade(streamingUrl(server, without))).status, 401);
      const withIt = await appToken(['read:account']);
      const client = await RawClient.open(streamingUrl(server, withIt));
      await client.connect('main');
      await client.close();
    });

    test('a suspended user is refused with 403', async () => {
      const bob = await server.createUser('suspended_bob');
      await setUser(server, bob.id, { isSuspended: true });
      assert.equal((await refusedUpgrade(streamingUrl(server, bob.token))).status, 403);
    });

    test('other paths are not upgraded, and a plain GET /streaming is 503', async () => {
      assert.equal((await refusedUpgrade(`${server.url.replace('http', 'ws')}/not-streaming`)).status, 404);
      const res = await fetch(`${server.url}/streaming`);
      assert.equal(res.status, 503);
    });
  });

  describe('messages', () => {
    test('connect with pong answers connected; disconnect stops the channel', async () => {
      const client = await RawClient.open(streamingUrl(server, alice.token));
      const id = await client.connect('main', {}, 'main-1');
      assert.equal(id, 'main-1');
      client.send('disconnect', { id: 'main-1' });
      // Connecting main again works only because the first one is gone (main is shared).
      await client.connect('main', {}, 'main-2');
      await client.close();
    });

    test('broadcast events reach every socket at top level, anonymous ones too', async () => {
      const anonymous = await RawClient.open(streamingUrl(server));
      const signedIn = await RawClient.open(streamingUrl(server, alice.token));
      await Promise.all([anonymous.roundTrip(), signedIn.roundTrip()]);
      const body = { emoji: { name: 'party', url: 'https://example.com/party.png' } };
      await server.instance.svc.bus.publish('broadcast', { type: 'emojiAdded', body });
      for (const client of [anonymous, signedIn]) assert.deepEqual((await client.next((m) => m.type === 'emojiAdded')).body, body);
      await Promise.all([anonymous.close(), signedIn.close()]);
    });

    test('heartbeats and malformed messages are ignored without reply or disconnection', async () => {
      const client = await RawClient.open(streamingUrl(server, alice.token));
      const junk: (string | Buffer)[] = [
        'h', 'ping', '', 'null', '[]', '42', '"connect"', '{', '{"type":1}', '{"type":"connect"}',
        '{"type":"connect","body":null}', '{"type":"connect","body":{"channel":5,"id":"x"}}',
        '{"type":"connect","body":{"channel":"main","id":{}}}', '{"type":"connect","body":{"channel":"nope","id":"x","pong":true}}',
        '{"type":"ch","body":{"id":"missing","type":"x"}}', '{"type":"channel","body":[1,2]}', '{"type":"disconnect","body":{"id":"none"}}',
        '{"type":"subNote","body":{"id":{"$ne":1}}}', '{"type":"s","body":{}}', '{"type":"un","body":{"id":"neverSubscribed"}}',
        '{"type":"unknownType","body":{}}', '{"type":"__proto__","body":{"id":"x"}}', Buffer.from([0xff, 0x00, 0x12]),
      ];
      for (const message of junk) client.ws.send(message);
      await client.roundTrip();
      assert.deepEqual(client.drain(), []);
      assert.equal(client.ws.readyState, WebSocket.OPEN);
      await client.close();
    });

    test('a message over the size limit closes only that socket', async () => {
      const client = await RawClient.open(streamingUrl(server));
      client.ws.send(JSON.stringify({ type: 'connect', body: { channel: 'main', id: 'x'.repeat(100_000) } }));
      assert.equal(await client.closed(), 1009);
      const other = await RawClient.open(streamingUrl(server));
      await other.roundTrip();
      await other.close();
    });

    test('channels that need a credential are ignored on anonymous sockets', async () => {
      const client = await RawClient.open(streamingUrl(server));
      for (const channel of ['main', 'homeTimeline', 'hybridTimeline', 'drive', 'admin', 'userList']) {
        client.send('connect', { channel, id: channel, pong: true, params: { listId: 'x' } });
      }
      await client.roundTrip();
      assert.deepEqual(client.drain(), []);
      await client.close();
    });

    test('a token without the channel\'s permission cannot connect it', async () => {
      const token = await appToken(['read:account']);
      const client = await RawClient.open(streamingUrl(server, token));
      client.send('connect', { channel: 'admin', id: 'adm', pong: true });
      await client.roundTrip();
      assert.deepEqual(client.drain(), []);
      await client.connect('main');
      await client.close();
    });

    test('a shared channel connects once per socket; a second connect is ignored', async () => {
      const client = await RawClient.open(streamingUrl(server, alice.token));
      await client.connect('main', {}, 'first');
      client.send('connect', { channel: 'main', id: 'second', pong: true });
      await client.roundTrip();
      assert.equal(client.drain().filter((m) => m.body?.id === 'second').length, 0);
      await client.close();
    });

    test(`at most ${MAX_CHANNELS_PER_SOCKET} channels per socket; a reused id is ignored`, async () => {
      const client = await RawClient.open(streamingUrl(server));
      for (let i = 0; i < MAX_CHANNELS_PER_SOCKET - 1; i++) await client.connect('globalTimeline', {}, `g${i}`);
      client.send('connect', { channel: 'globalTimeline', id: 'g0', pong: true });
      await client.connect('globalTimeline', {}, 'last');
      client.send('connect', { channel: 'globalTimeline', id: 'over', pong: true });
      client.send('disconnect', { id: 'g1' });
      await client.connect('globalTimeline', {}, 'afterDisconnect');
      const ids = client.received.filter((m) => m.type === 'connected').map((m) => m.body.id);
      assert.equal(ids.filter((id) => id === 'g0').length, 1);
      assert.ok(!ids.includes('over'));
      await client.close();
    });
  });

  test('closing the instance closes its sockets with 1001', async () => {
    const other = await startTestServer();
    const client = await RawClient.open(streamingUrl(other));
    await client.roundTrip();
    const code = client.closed();
    await other.close();
    assert.equal(await code, 1001);
  });

  describe('lifecycle', () => {
    const servers: Server[] = [];

    /** A streaming server of its own on a plain HTTP server, sharing the test instance's services. */
    async function startStreaming(options: ConstructorParameters<typeof StreamingServer>[3]): Promise<{ streaming: StreamingServer; url: string }> {
      const http = createServer((_req, res) => res.end());
      const streaming = new StreamingServer(server.instance.svc, channelRegistry(), () => undefined, options);
      streaming.attach(http);
      http.listen(0, '127.0.0.1');
      await once(http, 'listening');
      servers.push(http);
      return { streaming, url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}/streaming` };
    }
    after(() => Promise.all(servers.map((http) => new Promise<void>((resolve) => {
      http.closeAllConnections();
      http.close(() => resolve());
    }))));

    test('sockets are pinged, and a socket that stops answering is terminated', async () => {
      const { url } = await startStreaming({ pingIntervalMs: 50 });
      const alive = await RawClient.open(url);
      const pinged = once(alive.ws, 'ping');
      const silent = new WebSocket(url, { autoPong: false });
      await once(silent, 'open');
      const code = await new Promise<number>((resolve) => silent.once('close', (c) => resolve(c)));
      assert.equal(code, 1006);
      await pinged;
      assert.equal(alive.ws.readyState, WebSocket.OPEN);
      await alive.close();
    });

    test('a client that stops reading is cut off; the others keep receiving', async () => {
      const { streaming, url } = await startStreaming({ maxBufferedBytes: 256 * 1024 });
      const slow = await RawClient.open(`${url}?i=${alice.token}`);
      await slow.connect('main');
      const fast = await RawClient.open(`${url}?i=${alice.token}`);
      const fastMain = await fast.connect('main');
      const before = streaming.connectionCount;
      (slow.ws as unknown as { _socket: { pause(): void } })._socket.pause();
      const big = 'x'.repeat(64 * 1024);
      let received = 0;
      fast.ws.on('message', () => received++);
      // Far more than the socket buffers hold; the reader keeps up, the paused one cannot.
      for (let i = 0; i < 400 && streaming.connectionCount === before; i++) {
        await server.instance.svc.bus.publish(`main:${alice.id}`, { type: 'meUpdated', body: { big, i } });
        await new Promise((resolve) => setImmediate(resolve));
      }
      await fast.roundTrip();
      assert.equal(streaming.connectionCount, before - 1);
      assert.ok(received > 0);
      assert.equal(fast.ws.readyState, WebSocket.OPEN);
      await fast.channelEvent(fastMain, 'meUpdated');
      slow.ws.terminate();
      await fast.close();
    });

    test('close() ends every socket with 1001 and refuses new upgrades', async () => {
      const { streaming, url } = await startStreaming({});
      const a = await RawClient.open(url);
      const b = await RawClient.open(`${url}?i=${alice.token}`);
      await b.connect('main');
      const codes = Promise.all([a.closed(), b.closed()]);
      await streaming.close();
      assert.deepEqual(await codes, [1001, 1001]);
      assert.equal(streaming.connectionCount, 0);
      assert.equal((await refusedUpgrade(url)).status, 503);
    });
  });
});
