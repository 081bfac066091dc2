import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer, type TestUser } from '../../support/server.js';
import { assertError, ok } from '../../support/social.js';

describe('timelines', () => {
  let server: TestServer;
  let me: TestUser;
  let friend: TestUser;
  let stranger: TestUser;
  let listed: TestUser;

  const post = async (user: TestUser, body: Record<string, unknown>) => (await ok(server, 'notes/create', user.token, body)).createdNote.id as string;
  const ids = async (endpoint: string, token: string | undefined, body: Record<string, unknown> = {}) => {
    const res = await server.post(endpoint, { ...(token ? { i: token } : {}), limit: 100, ...body });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return (res.body as { id: string }[]).map((n) => n.id);
  };

  before(async () => {
    server = await startTestServer();
    await server.createUser('admin');
    me = await server.createUser('me');
    friend = await server.createUser('friend');
    stranger = await server.createUser('stranger');
    listed = await server.createUser('listed');
    await ok(server, 'following/create', me.token, { userId: friend.id });
  });
  after(() => server.close());

  describe('home (notes/timeline)', () => {
    test('own notes and followees\' notes of every visibility the viewer may see', async () => {
      const mine = await post(me, { text: 'mine' });
      const pub = await post(friend, { text: 'public' });
      const home = await post(friend, { text: 'home', visibility: 'home' });
      const followers = await post(friend, { text: 'followers', visibility: 'followers' });
      const toMe = await post(friend, { text: 'to me', visibility: 'specified', visibleUserIds: [me.id] });
      const notToMe = await post(friend, { text: 'not to me', visibility: 'specified', visibleUserIds: [stranger.id] });
      const other = await post(stranger, { text: 'stranger' });
      const tl = await ids('notes/timeline', me.token);
      for (const id of [mine, pub, home, followers, toMe]) assert.ok(tl.includes(id), id);
      for (const id of [notToMe, other]) assert.ok(!tl.includes(id), id);
      assert.deepEqual(tl, [...tl].sort().reverse());
    });

    test('replies to others only with the follow\'s withReplies; self-replies and replies to me always', async () => {
      const strangerNote = await post(stranger, { text: 'stranger root' });
      const replyToOther = await post(friend, { text: 'reply to stranger', replyId: strangerNote });
      const friendRoot = await post(friend, { text: 'friend root' });
      const selfReply = await post(friend, { text: 'self reply', replyId: friendRoot });
      const myRoot = await post(me, { text: 'my root' });
      const replyToMe = await post(friend, { text: 'reply to me', replyId: myRoot });
      let tl = await ids('notes/timeline', me.token);
      assert.ok(!tl.includes(replyToOther));
      for (const id of [selfReply, replyToMe]) assert.ok(tl.includes(id));
      await ok(server, 'following/update', me.token, { userId: friend.id, withReplies: true });
      tl = await ids('notes/timeline', me.token);
      assert.ok(tl.includes(replyToOther));
      await ok(server, 'following/update', me.token, { userId: friend.id, withReplies: false });
    });

    test('renote switches: withRenotes, includeMyRenotes, includeRenotedMyNotes', async () => {
      const target = await post(stranger, { text: 'to renote' });
      const renote = await post(friend, { renoteId: target });
      const quote = await post(friend, { text: 'quote', renoteId: target });
      const myNote = await post(me, { text: 'renote me' });
      const renoteOfMine = await post(friend, { renoteId: myNote });
      const myRenote = await post(me, { renoteId: target });
      assert.ok((await ids('notes/timeline', me.token)).includes(renote));
      const without = await ids('notes/timeline', me.token, { withRenotes: false });
      assert.ok(!without.includes(renote));
      assert.ok(without.includes(quote));
      assert.ok(!(await ids('notes/timeline', me.token, { includeMyRenotes: false })).includes(myRenote));
      assert.ok(!(await ids('notes/timeline', me.token, { includeRenotedMyNotes: false })).includes(renoteOfMine));
      assert.ok(!(await ids('notes/timeline', me.token, { includeLocalRenotes: false })).includes(renote));
    });

    test('paging with untilId and sinceId returns each note exactly once, in order', async () => {
      const all = await ids('notes/timeline', me.token);
      const down: string[] = [];
      let untilId: string | undefined;
      for (;;) {
        const page = await ids('notes/timeline', me.token, { limit: 4, ...(untilId ? { untilId } : {}) });
        if (page.length === 0) break;
        down.push(...page);
        untilId = page[page.length - 1];
      }
      assert.deepEqual(down, all);
      const up: string[] = [];
      let sinceId = '0';
      for (;;) {
        const page = await ids('notes/timeline', me.token, { limit: 4, sinceId });
        if (page.length === 0) break;
        assert.deepEqual(page, [...page].sort());
        up.push(...page);
        sinceId = page[page.length - 1]!;
      }
      assert.deepEqual(up, [...all].reverse());
    });

    test('credential, permission-free validation', async () => {
      assertError(await server.post('notes/timeline', {}), 401, 'CREDENTIAL_REQUIRED', '1384574d-a912-4b81-8601-c7b1c4085df1');
      assertError(await server.post('notes/timeline', { i: me.token, limit: 101 }), 400, 'INVALID_PARAM', '3d81ceae-475f-4600-b2a8-2bc116157532');
    });
  });

  describe('mutes and blocks', () => {
    test('muted users, renote-muted users and hard-muted words disappear from timelines', async () => {
      const muted = await server.createUser('muted');
      const renoter = await server.createUser('renoter');
      await ok(server, 'following/create', me.token, { userId: muted.id });
      await ok(server, 'following/create', me.token, { userId: renoter.id });
      const mutedNote = await post(muted, { text: 'from muted' });
      const root = await post(stranger, { text: 'root by stranger' });
      const renote = await post(renoter, { renoteId: root });
      const quote = await post(renoter, { text: 'quoting', renoteId: root });
      const durian = await post(renoter, { text: 'I love DURIAN' });
      const renoteOfMuted = await post(renoter, { renoteId: mutedNote });

      await ok(server, 'mute/create', me.token, { userId: muted.id });
      await ok(server, 'renote-mute/create', me.token, { userId: renoter.id });
      await ok(server, 'i/update', me.token, { hardMutedWords: [['durian']] });
      for (const endpoint of ['notes/timeline', 'notes/hybrid-timeline', 'notes/local-timeline', 'notes/global-timeline']) {
        const tl = await ids(endpoint, me.token);
        for (const id of [mutedNote, renote, durian, renoteOfMuted]) assert.ok(!tl.includes(id), `${endpoint} ${id}`);
        assert.ok(tl.includes(quote), endpoint);
      }
      // Anonymous viewers are not affected by someone's mutes.
      assert.ok((await ids('notes/local-timeline', undefined)).includes(mutedNote));
      await ok(server, 'mute/delete', me.token, { userId: muted.id });
      assert.ok((await ids('notes/timeline', me.token)).includes(mutedNote));
    });

    test('notes of users who block me, or whom I block, are hidden', async () => {
      const blocker = await server.createUser('blocker');
      const blockee = await server.createUser('blockee');
      const a = await post(blocker, { text: 'blocker note' });
      const b = await post(blockee, { text: 'blockee note' });
      await ok(server, 'blocking/create', blocker.token, { userId: me.id });
      await ok(server, 'blocking/create', me.token, { userId: blockee.id });
      const ltl = await ids('notes/local-timeline', me.token);
      assert.ok(!ltl.includes(a));
      assert.ok(!ltl.includes(b));
      assert.ok((await ids('notes/local-timeline', stranger.token)).includes(a));
    });
  });

  describe('local, hybrid and global', () => {
    test('local: public local notes only; home notes never; replies to others only withReplies', async () => {
      const pub = await post(stranger, { text: 'ltl public' });
      const home = await post(stranger, { text: 'ltl home', visibility: 'home' });
      const followers = await post(stranger, { text: 'ltl followers', visibility: 'followers' });
      const reply = await post(stranger, { text: 'ltl reply', replyId: await post(listed, { text: 'x' }) });
      const ltl = await ids('notes/local-timeline', undefined);
      assert.ok(ltl.includes(pub));
      for (const id of [home, followers, reply]) assert.ok(!ltl.includes(id));
      assert.ok((await ids('notes/local-timeline', undefined, { withReplies: true })).includes(reply));
      assertError(await server.post('notes/local-timeline', { withReplies: true, withFiles: true }), 400, 'BOTH_WITH_REPLIES_AND_WITH_FILES', 'dd9c8400-1cb5-4eef-8a31-200c5f933793');
    });

    test('hybrid: home plus local; a non-followed user\'s home note is excluded', async () => {
      const strangerHome = await post(stranger, { text: 'stl home', visibility: 'home' });
      const strangerPublic = await post(stranger, { text: 'stl public' });
      const friendHome = await post(friend, { text: 'stl friend home', visibility: 'home' });
      const stl = await ids('notes/hybrid-timeline', me.token);
      assert.ok(stl.includes(strangerPublic));
      assert.ok(stl.includes(friendHome));
      assert.ok(!stl.includes(strangerHome));
      assertError(await server.post('notes/hybrid-timeline', { i: me.token, withReplies: true, withFiles: true }), 400, 'BOTH_WITH_REPLIES_AND_WITH_FILES', 'dfaa3eb7-8002-4cb7-bcc4-1095df46656f');
      assertError(await server.post('notes/hybrid-timeline', {}), 401, 'CREDENTIAL_REQUIRED', '1384574d-a912-4b81-8601-c7b1c4085df1');
    });

    test('global: public notes only, for anyone', async () => {
      const pub = await post(listed, { text: 'gtl public' });
      const home = await post(listed, { text: 'gtl home', visibility: 'home' });
      const gtl = await ids('notes/global-timeline', undefined);
      assert.ok(gtl.includes(pub));
      assert.ok(!gtl.includes(home));
    });

    test('role policies ltlAvailable / gtlAvailable turn the public timelines off', async () => {
      await server.instance.svc.meta.update({ policies: { ltlAvailable: false, gtlAvailable: false } });
      try {
        assertError(await server.post('notes/local-timeline', {}), 400, 'LTL_DISABLED', '45a6eb02-7695-4393-b023-dd3be9aaaefd');
        assertError(await server.post('notes/hybrid-timeline', { i: me.token }), 400, 'STL_DISABLED', '620763f4-f621-4533-ab33-0577a1a3c342');
        assertError(await server.post('notes/global-timeline', {}), 400, 'GTL_DISABLED', '0332fc13-6ab2-4427-ae80-a9fadffd1a6b');
        assert.equal((await server.post('notes/timeline', { i: me.token })).status, 200);
      } finally {
        await server.instance.svc.meta.update({ policies: {} });
      }
    });
  });

  describe('notes/user-list-timeline', () => {
    test('members\' notes, followers-only ones only when followed; NO_SUCH_LIST for others\' lists', async () => {
      const list = await ok(server, 'users/lists/create', me.token, { name: 'tl' });
      await ok(server, 'users/lists/push', me.token, { listId: list.id, userId: listed.id });
      await ok(server, 'users/lists/push', me.token, { listId: list.id, userId: friend.id });
      const listedPub = await post(listed, { text: 'list public' });
      const listedHome = await post(listed, { text: 'list home', visibility: 'home' });
      const listedFollowers = await post(listed, { text: 'list followers', visibility: 'followers' });
      const friendFollowers = await post(friend, { text: 'friend followers', visibility: 'followers' });
      const outsider = await post(stranger, { text: 'not a member' });
      const tl = await ids('notes/user-list-timeline', me.token, { listId: list.id });
      for (const id of [listedPub, listedHome, friendFollowers]) assert.ok(tl.includes(id));
      for (const id of [listedFollowers, outsider]) assert.ok(!tl.includes(id));
      assertError(await server.post('notes/user-list-timeline', { i: stranger.token, listId: list.id }), 400, 'NO_SUCH_LIST', '8fb1fbd5-e476-4c37-9fb0-43d55b63a2ff');
      assertError(await server.post('notes/user-list-timeline', { i: me.token }), 400, 'INVALID_PARAM', '3d81ceae-475f-4600-b2a8-2bc116157532');
    });
  });
});
