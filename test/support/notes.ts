import assert from 'node:assert/strict';
import type { TestServer, TestUser } from './server.js';

/** Builders for the notes tests: posting, following and blocking through the API or fixtures. */
export function noteFixtures(server: TestServer) {
  let seq = 0;
  return {
    /** Posts a note and returns the packed createdNote; fails the test on any error. */
    async post(user: TestUser, params: Record<string, unknown> = {}): Promise<any> {
      const hasContent = ['text', 'renoteId', 'poll', 'fileIds', 'mediaIds'].some((k) => k in params);
      const body = hasContent ? params : { text: `note ${++seq}`, ...params };
      const res = await server.post('notes/create', { i: user.token, ...body });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body.createdNote;
    },
    /** `follower` follows `followee` (a row, so these tests do not depend on following/create). */
    async follow(follower: TestUser, followee: TestUser): Promise<void> {
      const db = server.instance.svc.database.db;
      await db
        .insertInto('following')
        .values({ id: `f${++seq}x${Date.now()}`, createdAt: Date.now(), followerId: follower.id, followeeId: followee.id, followerHost: null, followeeHost: null, withReplies: false, notify: 'none' })
        .execute();
    },
    /** `blocker` blocks `blockee` through the API (the server caches its users' relations, so rows written behind its back go unseen). */
    async block(blocker: TestUser, blockee: TestUser): Promise<void> {
      const res = await server.post('blocking/create', { i: blocker.token, userId: blockee.id });
      assert.equal(res.status, 200, JSON.stringify(res.body));
    },
    /** `muter` mutes `mutee` through the API. */
    async mute(muter: TestUser, mutee: TestUser): Promise<void> {
      const res = await server.post('mute/create', { i: muter.token, userId: mutee.id });
      assert.equal(res.status, 204, JSON.stringify(res.body));
    },
    /** An access token of `user` with the given permissions. */
    async appToken(user: TestUser, permission: string[]): Promise<string> {
      const res = await server.post('miauth/gen-token', { i: user.token, session: null, name: 'app', permission });
      assert.equal(res.status, 200);
      return res.body.token;
    },
  };
}

/** Asserts a Misskey error response: status, code and id. */
export function assertError(res: { status: number; body: any }, status: number, code: string, id: string): void {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.equal(res.body.error.code, code);
  assert.equal(res.body.error.id, id);
}
