import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { entities } from 'misskey-js';
import { startTestServer, type TestServer } from '../support/server.js';

describe('POST /api/signup', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
    await server.createUser('admin');
  });
  after(() => server.close());

  async function countUsers(): Promise<number> {
    const row = await server.instance.svc.database.db
      .selectFrom('user')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  test('creates an account and returns MeDetailed with a working native token', async () => {
    // misskey-js's typed `request` does not list signup; its wire call is a plain POST.
    const raw = await server.post('signup', { username: 'newbie', password: 'pw' });
    assert.equal(raw.status, 200);
    const res = raw.body as entities.SignupResponse;
    assert.equal(res.username, 'newbie');
    assert.equal(res.token.length, 16);
    const me = await server.api(res.token).request('i', {});
    assert.equal(me.id, res.id);
  });

  test('refuses an invalid username, an empty password, a duplicate and a reserved name, creating nothing', async () => {
    const before = await countUsers();
    for (const [body, code] of [
      [{ username: 'bad name', password: 'pw' }, 'INVALID_USERNAME'],
      [{ username: 'a'.repeat(21), password: 'pw' }, 'INVALID_USERNAME'],
      [{ username: 'okname', password: '' }, 'INVALID_PASSWORD'],
      [{ username: 'NEWBIE', password: 'pw' }, 'DUPLICATED_USERNAME'],
      [{ username: 'Moderator', password: 'pw' }, 'USED_USERNAME'],
      [{ username: 42, password: 'pw' }, 'INVALID_PARAM'],
    ] as const) {
      const res = await server.post('signup', body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.code, code);
      assert.equal(res.body.message, code);
    }
    assert.equal(await countUsers(), before);
  });

  test('registration closed: needs a valid, unused, unexpired invitation code', async () => {
    const svc = server.instance.svc;
    await svc.meta.update({ disableRegistration: true });
    try {
      const db = svc.database.db;
      await db.insertInto('registration_ticket').values([
        { id: 'ticket1', createdAt: Date.now(), code: 'GOODCODE', expiresAt: null, createdById: null, usedById: null, usedAt: null },
        { id: 'ticket2', createdAt: Date.now(), code: 'OLDCODE', expiresAt: Date.now() - 1000, createdById: null, usedById: null, usedAt: null },
      ]).execute();
      const before = await countUsers();
      assert.equal((await server.post('signup', { username: 'invitee', password: 'pw' })).body.code, 'INVITATION_CODE_REQUIRED');
      assert.equal((await server.post('signup', { username: 'invitee', password: 'pw', invitationCode: 'NOPE' })).body.code, 'INVALID_INVITATION_CODE');
      assert.equal((await server.post('signup', { username: 'invitee', password: 'pw', invitationCode: 'OLDCODE' })).body.code, 'INVALID_INVITATION_CODE');
      // A failed sign-up leaves the code usable.
      assert.equal((await server.post('signup', { username: 'newbie', password: 'pw', invitationCode: 'GOODCODE' })).body.code, 'DUPLICATED_USERNAME');
      assert.equal(await countUsers(), before);

      const ok = await server.post('signup', { username: 'invitee', password: 'pw', invitationCode: 'GOODCODE' });
      assert.equal(ok.status, 200);
      const ticket = await db.selectFrom('registration_ticket').selectAll().where('id', '=', 'ticket1').executeTakeFirstOrThrow();
      assert.equal(ticket.usedById, ok.body.id);
      const again = await server.post('signup', { username: 'invitee2', password: 'pw', invitationCode: 'GOODCODE' });
      assert.equal(again.body.code, 'INVALID_INVITATION_CODE');
    } finally {
      await svc.meta.update({ disableRegistration: false });
    }
  });
});

describe('username/available', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
    await server.createUser('admin');
    await server.createUser('taken');
  });
  after(() => server.close());

  test('free, taken, reserved', async () => {
    const api = server.api();
    assert.deepEqual(await api.request('username/available', { username: 'freename' }), { available: true });
    assert.deepEqual(await api.request('username/available', { username: 'TAKEN' }), { available: false });
    assert.deepEqual(await api.request('username/available', { username: 'admin' }), { available: false });
    assert.deepEqual(await api.request('username/available', { username: 'support' }), { available: false });
  });

  test('invalid username is INVALID_PARAM', async () => {
    const res = await server.post('username/available', { username: 'no spaces' });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'INVALID_PARAM');
    assert.equal(res.body.error.id, '3d81ceae-475f-4600-b2a8-2bc116157532');
  });
});
