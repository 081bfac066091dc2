import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BullmqQueue } from '../../../src/infra/queue/bullmq-queue.js';
import { DbQueue } from '../../../src/infra/queue/db-queue.js';
import type { JobCatalog, Queue } from '../../../src/infra/queue/queue.js';
import { startTestServer, type TestServer, type TestUser } from '../../support/server.js';
import { waitFor } from '../../scale/support.js';

const ids = {
  invalidParam: '3d81ceae-475f-4600-b2a8-2bc116157532',
  credentialRequired: '1384574d-a912-4b81-8601-c7b1c4085df1',
  notModerator: 'd33d5333-db36-423d-a8f9-1a2b9549da41',
  permissionDenied: '1370e5b7-d4eb-4566-bb1d-7748ee6a1838',
  noSuchJob: 'b6f3a3c1-6f0e-4d2a-9c55-2f6c1f0d8e21',
};

// Fixture jobs go through a second queue on the server's own backend, so these tests see the
// same store the endpoints read (the table, or Redis under TEST_REDIS_URL). Job kinds of our
// own in queues the server runs nothing in, so its workers never take them.
type Fixtures = { testDeliver: { to: string; fail?: boolean }; testInbox: { signature: { keyId: string } } };
const catalog: JobCatalog = new Map([
  ['testDeliver', { queue: 'deliver', attempts: 1, backoff: 0 }],
  ['testInbox', { queue: 'inbox', attempts: 1, backoff: 0 }],
]);

describe('admin/queue/*', () => {
  let server: TestServer;
  let admin: TestUser;
  let alice: TestUser;
  let fixtures: Queue<Fixtures>;

  before(async () => {
    server = await startTestServer();
    admin = await server.createUser('admin');
    alice = await server.createUser('alice');
    const svc = server.instance.svc;
    fixtures = svc.config.redisUrl
      ? new BullmqQueue<Fixtures>(svc.config.redisUrl, svc.config.redisPrefix + 'queue', catalog)
      : new DbQueue<Fixtures>(svc.database.db, svc.database.dialect, catalog, { pollMs: 20 });
  });
  after(async () => {
    await fixtures.close();
    await server.close();
  });

  const call = (endpoint: string, body: Record<string, unknown> = {}, token = admin.token) => server.post(endpoint, { i: token, ...body });

  test('stats counts the deliver, inbox, db and objectStorage queues', async () => {
    await fixtures.enqueue('testDeliver', { to: 'https://a.example/inbox' }, { delay: 3_600_000 });
    const res = await server.api(admin.token).request('admin/queue/stats', {});
    assert.deepEqual(Object.keys(res).sort(), ['db', 'deliver', 'inbox', 'objectStorage']);
    assert.equal(res.deliver.delayed, 1);
    assert.deepEqual(res.inbox, { waiting: 0, active: 0, completed: 0, failed: 0, delayed: 0 });
    await call('admin/queue/clear', { queue: 'deliver', state: '*' });
  });

  test('queues lists every queue of misskey-js, and queue-stats one with its store', async () => {
    const queues = await server.api(admin.token).request('admin/queue/queues', {});
    assert.deepEqual(queues.map((q) => q.name), ['system', 'endedPollNotification', 'postScheduledNote', 'deliver', 'inbox', 'db', 'relationship', 'objectStorage', 'userWebhookDeliver', 'systemWebhookDeliver']);
    for (const q of queues) {
      assert.equal(q.isPaused, false);
      assert.equal(typeof q.counts.waiting, 'number');
      assert.ok(Array.isArray(q.metrics.completed.data));
    }
    const one = await server.api(admin.token).request('admin/queue/queue-stats', { queue: 'inbox' });
    assert.equal(one.name, 'inbox');
    assert.match(one.qualifiedName, /queue:inbox$/);
    assert.equal(typeof one.db.version, 'string');
    assert.ok(one.db.version.length > 0);
    const bad = await call('admin/queue/queue-stats', { queue: 'nope' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.id, ids.invalidParam);
  });

  test('a failed job is listed, shown with its reason, retried and removed', async () => {
    fixtures.work({ testDeliver: async (p) => { if (p.fail) throw new Error('host unreachable'); } });
    const id = await fixtures.enqueue('testDeliver', { to: 'https://down.example/inbox', fail: true });
    await waitFor(async () => (await fixtures.job('deliver', id))?.state === 'failed', 'the job to fail');

    const api = server.api(admin.token);
    const failed = await api.request('admin/queue/jobs', { queue: 'deliver', state: ['failed'] });
    assert.deepEqual(failed.map((j) => j.id), [id]);
    const shown = await api.request('admin/queue/show-job', { queue: 'deliver', jobId: id });
    assert.equal(shown.name, 'testDeliver');
    assert.deepEqual(shown.data, { to: 'https://down.example/inbox', fail: true });
    assert.equal(shown.failedReason, 'host unreachable');
    assert.equal(shown.isFailed, true);
    assert.equal(shown.attempts, 1);
    assert.ok(shown.stacktrace[0]?.includes('host unreachable'));

    const found = await api.request('admin/queue/jobs', { queue: 'deliver', state: ['failed', 'completed'], search: 'DOWN.example unreachable' });
    assert.deepEqual(found.map((j) => j.id), [id]);
    assert.deepEqual(await api.request('admin/queue/jobs', { queue: 'deliver', state: ['failed'], search: 'elsewhere' }), []);

    assert.equal((await call('admin/queue/retry-job', { queue: 'deliver', jobId: id })).status, 204);
    // The retried job fails again (its payload still says so): it ran a second time.
    await waitFor(async () => {
      const j = await fixtures.job('deliver', id);
      return j?.state === 'failed' && j.processedOn! > shown.processedOn! && j;
    }, 'the retried job to run');

    assert.equal((await call('admin/queue/remove-job', { queue: 'deliver', jobId: id })).status, 204);
    const gone = await call('admin/queue/show-job', { queue: 'deliver', jobId: id });
    assert.equal(gone.status, 400);
    assert.equal(gone.body.error.code, 'NO_SUCH_JOB');
    assert.equal(gone.body.error.id, ids.noSuchJob);
    // Unknown jobs are ignored by retry and remove, as on Misskey.
    assert.equal((await call('admin/queue/retry-job', { queue: 'deliver', jobId: 'missing' })).status, 204);
    assert.equal((await call('admin/queue/remove-job', { queue: 'deliver', jobId: 'missing' })).status, 204);
  });

  test('deliver-delayed and inbox-delayed count delayed jobs per host; promote-jobs makes them due; clear empties', async () => {
    for (const to of ['https://a.example/inbox', 'https://b.example/inbox', 'https://a.example/users/1/inbox']) {
      await fixtures.enqueue('testDeliver', { to }, { delay: 3_600_000 });
    }
    await fixtures.enqueue('testInbox', { signature: { keyId: 'https://c.example/users/9#main-key' } }, { delay: 3_600_000 });
    const api = server.api(admin.token);
    assert.deepEqual(await api.request('admin/queue/deliver-delayed', {}), [['a.example', 2], ['b.example', 1]]);
    assert.deepEqual(await api.request('admin/queue/inbox-delayed', {}), [['c.example', 1]]);

    assert.equal((await call('admin/queue/promote-jobs', { queue: 'inbox' })).status, 204);
    const inbox = await fixtures.counts('inbox');
    assert.equal(inbox.delayed, 0);
    assert.equal(inbox.waiting, 1);

    assert.equal((await call('admin/queue/clear', { queue: 'deliver', state: 'delayed' })).status, 204);
    assert.deepEqual(await api.request('admin/queue/deliver-delayed', {}), []);
    assert.equal((await call('admin/queue/clear', { queue: 'inbox', state: '*' })).status, 204);
    assert.equal((await fixtures.counts('inbox')).waiting, 0);
  });

  test('bad params are 400 and change nothing', async () => {
    await fixtures.enqueue('testDeliver', { to: 'https://keep.example/inbox' }, { delay: 3_600_000 });
    for (const [endpoint, body] of [
      ['admin/queue/clear', { queue: 'deliver', state: 'everything' }],
      ['admin/queue/clear', { queue: 'deliver' }],
      ['admin/queue/jobs', { queue: 'deliver', state: 'failed' }],
      ['admin/queue/show-job', { queue: 'deliver' }],
      ['admin/queue/remove-job', { queue: 'mail', jobId: 'x' }],
    ] as const) {
      const res = await call(endpoint, body);
      assert.equal(res.status, 400, endpoint);
      assert.equal(res.body.error.code, 'INVALID_PARAM');
      assert.equal(res.body.error.id, ids.invalidParam);
    }
    assert.equal((await fixtures.counts('deliver')).delayed, 1);
    await call('admin/queue/clear', { queue: 'deliver', state: '*' });
  });

  test('only moderators may call them, and app tokens need the queue permissions', async () => {
    const anonymous = await server.post('admin/queue/queues', {});
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.body.error.id, ids.credentialRequired);
    for (const endpoint of ['admin/queue/stats', 'admin/queue/queues', 'admin/queue/clear']) {
      const res = await call(endpoint, { queue: 'deliver', state: '*' }, alice.token);
      assert.equal(res.status, 403, endpoint);
      assert.equal(res.body.error.code, 'ROLE_PERMISSION_DENIED');
      assert.equal(res.body.error.id, ids.notModerator);
    }
    const token = await server.post('miauth/gen-token', { i: admin.token, session: null, name: 'ops', permission: ['read:admin:queue'] });
    const read = await server.post('admin/queue/queues', { i: token.body.token });
    assert.equal(read.status, 200);
    const write = await server.post('admin/queue/promote-jobs', { i: token.body.token, queue: 'deliver' });
    assert.equal(write.status, 403);
    assert.equal(write.body.error.id, ids.permissionDenied);
    // compat: Misskey's admin/queue/stats asks for read:admin:emoji.
    const stats = await server.post('admin/queue/stats', { i: token.body.token });
    assert.equal(stats.status, 403);
    assert.equal(stats.body.error.id, ids.permissionDenied);
  });
});
