import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer, type TestUser } from '../../support/server.js';
import { appToken, assertError, ok } from '../../support/social.js';

const INVALID_PARAM = '3d81ceae-475f-4600-b2a8-2bc116157532';

describe('i/update', () => {
  let server: TestServer;
  let alice: TestUser;
  let bob: TestUser;

  before(async () => {
    server = await startTestServer();
    await server.createUser('admin');
    alice = await server.createUser('alice');
    bob = await server.createUser('bob');
  });
  after(() => server.close());

  test('updates profile fields and returns MeDetailed', async () => {
    const me = await server.api(alice.token).request('i/update', {
      name: '  Alice  ',
      description: 'hello',
      location: 'Tokyo',
      birthday: '2000-01-02',
      lang: 'ja-JP',
      fields: [{ name: 'site', value: ' https://example.com ' }, { name: '', value: 'dropped' }],
      isBot: true,
      isCat: true,
      noCrawle: true,
      preventAiLearning: false,
      publicReactions: false,
      followingVisibility: 'followers',
      followersVisibility: 'private',
      autoAcceptFollowed: false,
      mutedWords: [['apple', 'pie'], '/ban+ana/i'],
      hardMutedWords: [['durian']],
      notificationRecieveConfig: { follow: { type: 'never' } },
    });
    assert.equal(me.name, 'Alice');
    assert.equal(me.description, 'hello');
    assert.equal(me.location, 'Tokyo');
    assert.equal(me.birthday, '2000-01-02');
    assert.equal(me.lang, 'ja-JP');
    assert.deepEqual(me.fields, [{ name: 'site', value: 'https://example.com' }]);
    assert.equal(me.isBot, true);
    assert.equal(me.isCat, true);
    assert.equal(me.noCrawle, true);
    assert.equal(me.preventAiLearning, false);
    assert.equal(me.publicReactions, false);
    assert.equal(me.followingVisibility, 'followers');
    assert.equal(me.followersVisibility, 'private');
    assert.equal(me.autoAcceptFollowed, false);
    assert.deepEqual(me.mutedWords, [['apple', 'pie'], '/ban+ana/i']);
    assert.deepEqual(me.hardMutedWords, [['durian']]);
    assert.deepEqual(me.notificationRecieveConfig, { follow: { type: 'never' } });
    const again = await server.api(alice.token).request('i', {});
    assert.equal(again.name, 'Alice');
    assert.equal(again.publicReactions, false);
  });

  test('a blank name becomes null; null clears a field; absent fields stay', async () => {
    const me = await server.api(alice.token).request('i/update', { name: ' ', location: null });
    assert.equal(me.name, null);
    assert.equal(me.location, null);
    assert.equal(me.description, 'hello');
  });

  test('counts are hidden from others by the visibility settings', async () => {
    await ok(server, 'following/create', bob.token, { userId: alice.id });
    const own = await server.api(alice.token).request('i', {});
    assert.equal(own.followersCount, 1);
    const seen = await server.api(bob.token).request('users/show', { userId: alice.id });
    assert.equal(seen.followingVisibility, 'followers');
    assert.equal(seen.followersVisibility, 'private');
    assert.equal(seen.followersCount, 0);
    await ok(server, 'following/delete', bob.token, { userId: alice.id });
  });

  test('invalid values are INVALID_PARAM and change nothing', async () => {
    for (const body of [{ birthday: '2000/01/02' }, { lang: 'xx-XX' }, { name: 'x'.repeat(51) }, { followingVisibility: 'nobody' }, { isBot: 'yes' }, { fields: new Array(17).fill({ name: 'a', value: 'b' }) }]) {
      assertError(await server.post('i/update', { i: alice.token, ...body }), 400, 'INVALID_PARAM', INVALID_PARAM);
    }
    const me = await server.api(alice.token).request('i', {});
    assert.equal(me.birthday, '2000-01-02');
    assert.equal(me.lang, 'ja-JP');
    assert.equal(me.isBot, true);
  });

  test('INVALID_REGEXP and TOO_MANY_MUTED_WORDS', async () => {
    assertError(await server.post('i/update', { i: alice.token, mutedWords: ['not a regexp'] }), 400, 'INVALID_REGEXP', '0d786918-10df-41cd-8f33-8dec7d9a89a5');
    assertError(await server.post('i/update', { i: alice.token, mutedWords: ['/(/'] }), 400, 'INVALID_REGEXP', '0d786918-10df-41cd-8f33-8dec7d9a89a5');
    assertError(await server.post('i/update', { i: alice.token, hardMutedWords: [['x'.repeat(201)]] }), 400, 'TOO_MANY_MUTED_WORDS', '010665b1-a211-42d2-bc64-8f6609d79785');
    const me = await server.api(alice.token).request('i', {});
    assert.deepEqual(me.mutedWords, [['apple', 'pie'], '/ban+ana/i']);
  });

  test('NO_SUCH_AVATAR and NO_SUCH_BANNER for files that are not yours', async () => {
    assertError(await server.post('i/update', { i: alice.token, avatarId: 'nosuchfile00' }), 400, 'NO_SUCH_AVATAR', '539f3a45-f215-4f81-a9a8-31293640207f');
    assertError(await server.post('i/update', { i: alice.token, bannerId: 'nosuchfile00' }), 400, 'NO_SUCH_BANNER', '0d8f5629-f210-41c2-9433-735831a58595');
  });

  test('credential and permission', async () => {
    assertError(await server.post('i/update', { name: 'x' }), 401, 'CREDENTIAL_REQUIRED', '1384574d-a912-4b81-8601-c7b1c4085df1');
    const token = await appToken(server, alice.token, ['read:account']);
    assertError(await server.post('i/update', { i: token, name: 'x' }), 403, 'PERMISSION_DENIED', '1370e5b7-d4eb-4566-bb1d-7748ee6a1838');
  });

  test('publishes meUpdated on the main bus topic', async () => {
    const got = new Promise<any>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no meUpdated event')), 5000);
      const off = server.instance.svc.bus.subscribe(`main:${bob.id}`, (message) => {
        if (message.type !== 'meUpdated') return;
        clearTimeout(timer);
        off();
        resolve(message.body);
      });
    });
    await ok(server, 'i/update', bob.token, { name: 'Bobby' });
    const body = await got;
    assert.equal(body.id, bob.id);
    assert.equal(body.name, 'Bobby');
  });

  test('unlocking accepts the pending follow requests', async () => {
    await ok(server, 'i/update', bob.token, { isLocked: true });
    await ok(server, 'following/create', alice.token, { userId: bob.id });
    assert.equal((await server.api(alice.token).request('users/relation', { userId: bob.id }) as any).isFollowing, false);
    await ok(server, 'i/update', bob.token, { isLocked: false });
    assert.equal((await server.api(alice.token).request('users/relation', { userId: bob.id }) as any).isFollowing, true);
  });

  test('is rate limited to 20 per hour: 429 with Retry-After, and the refused call changes nothing', async () => {
    const carol = await server.createUser('carol');
    for (let i = 0; i < 20; i++) await ok(server, 'i/update', carol.token, { name: `carol ${i}` });
    const res = await server.post('i/update', { i: carol.token, name: 'refused' });
    assertError(res, 429, 'RATE_LIMIT_EXCEEDED', 'd5826d14-3982-4d2e-8011-b9e9f02499ef');
    assert.match(res.headers.get('retry-after') ?? '', /^\d+$/);
    assert.ok(Number(res.headers.get('retry-after')) > 0);
    const me = await server.api(carol.token).request('i', {});
    assert.equal(me.name, 'carol 19');
  });
});
