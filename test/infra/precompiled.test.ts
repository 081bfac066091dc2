import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { precompiled } from '../../src/infra/db/precompiled.js';
import { startTestServer, type TestServer, type TestUser } from '../support/server.js';

// Runs on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set (placeholders differ: ? and $n).
describe('precompiled queries', () => {
  let server: TestServer;
  let alice: TestUser;
  let bob: TestUser;
  before(async () => {
    server = await startTestServer({ RATE_LIMIT: 'false' });
    alice = await server.createUser('alice');
    bob = await server.createUser('bob');
  });
  after(() => server.close());

  const byUsername = precompiled((db, username: string) => db.selectFrom('user').select(['id', 'isLocked']).where('usernameLower', '=', username));
  // The same argument twice, a constant value and a constant boolean in one statement.
  const countOf = precompiled((db, id: string) =>
    db
      .selectFrom('user')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => eb.or([eb('id', '=', id), eb('username', '=', id)]))
      .where('host', 'is', null)
      .where('isDeleted', '=', false)
      .where('username', '!=', ''),
  );

  test('each call binds its own values to the statement compiled once', async () => {
    const db = server.instance.svc.database.db;
    assert.deepEqual(await byUsername(db, 'alice'), [{ id: alice.id, isLocked: false }]);
    assert.deepEqual(await byUsername(db, 'bob'), [{ id: bob.id, isLocked: false }]);
    assert.deepEqual(await byUsername(db, 'nobody'), []);
    assert.equal(Number((await countOf(db, alice.id))[0]!.n), 1);
    assert.equal(Number((await countOf(db, 'bob'))[0]!.n), 1);
    assert.equal(Number((await countOf(db, 'carol'))[0]!.n), 0);
  });

  test('inside a transaction the query runs on the transaction', async () => {
    const db = server.instance.svc.database.db;
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('user').set({ isLocked: true }).where('id', '=', bob.id).execute();
      assert.deepEqual(await byUsername(trx, 'bob'), [{ id: bob.id, isLocked: true }]);
      await trx.updateTable('user').set({ isLocked: false }).where('id', '=', bob.id).execute();
    });
  });

  test('a boolean argument is bound as the engine stores it, in and outside a transaction', async () => {
    const db = server.instance.svc.database.db;
    const byLocked = precompiled((db, locked: boolean, username: string) => db.selectFrom('user').select('id').where('isLocked', '=', locked).where('username', '=', username));
    assert.deepEqual(await byLocked(db, false, 'alice'), [{ id: alice.id }]);
    assert.deepEqual(await byLocked(db, true, 'alice'), []);
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('user').set({ isLocked: true }).where('id', '=', alice.id).execute();
      assert.deepEqual(await byLocked(trx, true, 'alice'), [{ id: alice.id }]);
      await trx.updateTable('user').set({ isLocked: false }).where('id', '=', alice.id).execute();
    });
  });

  test('an argument that is not used as a value is refused when the query is first compiled', async () => {
    const unused = precompiled((db, _id: string) => db.selectFrom('user').select('id').where('username', '=', 'alice'));
    await assert.rejects(unused(server.instance.svc.database.db, 'x'), /argument 0 is not used as a value/);
  });
});
