import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer, type TestUser } from '../../support/server.js';
import { appToken, assertError, ok } from '../../support/social.js';
import { setUser } from '../../support/users.js';

describe('admin/meta, admin/update-meta and pinned-users', () => {
  let server: TestServer;
  let admin: TestUser;
  let moderator: TestUser;
  let alice: TestUser;
  let bob: TestUser;

  before(async () => {
    server = await startTestServer();
    admin = await server.createUser('admin');
    moderator = await server.createUser('moderator');
    alice = await server.createUser('alice');
    bob = await server.createUser('bob');
    await setUser(server, moderator.id, { isModerator: true });
  });
  after(() => server.close());

  test('admin/meta shows the settings with Misskey defaults for the rest; moderators may read it', async () => {
    const meta = await server.api(moderator.token).request('admin/meta', {});
    assert.equal(meta.name, 'Tsubame');
    assert.deepEqual(meta.pinnedUsers, []);
    assert.equal(meta.disableRegistration, false);
    assert.equal(meta.enableHcaptcha, false);
    assert.equal(meta.sensitiveMediaDetection, 'none');
    assert.equal(meta.uri, server.url);
  });

  test('admin/update-meta changes settings, which admin/meta and meta show at once', async () => {
    const api = server.api(admin.token);
    await api.request('admin/update-meta', {
      name: 'Swallow',
      description: 'A test instance',
      langs: ['ja', '', 'en'],
      disableRegistration: true,
      repositoryUrl: 'not a url',
      clientOptions: { entrancePageStyle: 'simple' },
      urlPreviewEnabled: false,
      enableHcaptcha: true,
    });
    const meta = await api.request('admin/meta', {});
    assert.equal(meta.name, 'Swallow');
    assert.equal(meta.description, 'A test instance');
    assert.equal(meta.disableRegistration, true);
    assert.equal(meta.repositoryUrl, null);
    assert.equal(meta.urlPreviewEnabled, false);
    assert.deepEqual(meta.clientOptions, { entrancePageStyle: 'simple', showTimelineForVisitor: true, showActivitiesForVisitor: true });
    // Fields without behaviour here are accepted and stay at Misskey's default.
    assert.equal(meta.enableHcaptcha, false);
    const pub = await server.api().request('meta', { detail: false });
    assert.equal(pub.name, 'Swallow');
    assert.deepEqual(pub.langs, ['ja', 'en']);
    // null leaves disableRegistration as it is, as in Misskey.
    await api.request('admin/update-meta', { disableRegistration: null, name: null });
    const after = await api.request('admin/meta', {});
    assert.equal(after.disableRegistration, true);
    assert.equal(after.name, null);
    await api.request('admin/update-meta', { disableRegistration: false, name: 'Tsubame' });
  });

  test('pinned-users lists the pinnedUsers setting in order, skipping unknown accounts', async () => {
    assert.deepEqual(await server.api().request('pinned-users', {}), []);
    const host = new URL(server.url).host;
    await server.api(admin.token).request('admin/update-meta', { pinnedUsers: ['@BOB', 'nobody', '', `@alice@${host}`, '@carol@remote.example'] });
    assert.deepEqual((await server.api(admin.token).request('admin/meta', {})).pinnedUsers, ['@BOB', 'nobody', `@alice@${host}`, '@carol@remote.example']);
    const pinned = await server.api().request('pinned-users', {});
    assert.deepEqual(pinned.map((u) => u.id), [bob.id, alice.id]);
    assert.equal(typeof pinned[0]!.followersCount, 'number');
    // The caller's relation flags are filled in.
    const seen = await server.api(alice.token).request('pinned-users', {});
    assert.equal((seen[0] as { isFollowing?: boolean }).isFollowing, false);
    await server.api(admin.token).request('admin/update-meta', { pinnedUsers: null });
    assert.equal((await server.api().request('pinned-users', {})).length, 2);
  });

  test('the meta cache is dropped on update in every process (through the bus)', async () => {
    // A second MetaService over the same database and bus stands for another process.
    const svc = server.instance.svc;
    const { MetaService } = await import('../../../src/domain/instance/meta.service.js');
    const other = new MetaService(svc.database.db, svc.bus);
    assert.equal((await other.get()).shortName, null);
    // Subscribed after `other`, so this hears the message after `other` has dropped its copy.
    const delivered = new Promise<void>((resolve) => {
      const off = svc.bus.subscribe('internal:meta', () => {
        off();
        resolve();
      });
    });
    await server.api(admin.token).request('admin/update-meta', { shortName: 'tsb' });
    await delivered;
    assert.equal((await other.get()).shortName, 'tsb');
  });

  test('roles and permissions', async () => {
    assertError(await server.post('admin/meta', {}), 401, 'CREDENTIAL_REQUIRED', '1384574d-a912-4b81-8601-c7b1c4085df1');
    assertError(await server.post('admin/meta', { i: alice.token }), 403, 'ROLE_PERMISSION_DENIED', 'd33d5333-db36-423d-a8f9-1a2b9549da41');
    assertError(await server.post('admin/update-meta', { i: moderator.token, name: 'x' }), 403, 'ROLE_PERMISSION_DENIED', 'c3d38592-54c0-429d-be96-5636b0431a61');
    const readOnly = await appToken(server, admin.token, ['read:admin:meta']);
    assert.equal((await server.post('admin/meta', { i: readOnly })).status, 200);
    assertError(await server.post('admin/update-meta', { i: readOnly, name: 'x' }), 403, 'PERMISSION_DENIED', '1370e5b7-d4eb-4566-bb1d-7748ee6a1838');
    const writer = await appToken(server, admin.token, ['write:admin:meta']);
    assert.equal((await server.post('admin/update-meta', { i: writer, maintainerName: 'ops' })).status, 204);
  });

  test('validation errors', async () => {
    assertError(await server.post('admin/update-meta', { i: admin.token, pinnedUsers: 'alice' }), 400, 'INVALID_PARAM', '3d81ceae-475f-4600-b2a8-2bc116157532');
    assertError(await server.post('admin/update-meta', { i: admin.token, federation: 'some' }), 400, 'INVALID_PARAM', '3d81ceae-475f-4600-b2a8-2bc116157532');
    assertError(await server.post('admin/update-meta', { i: admin.token, themeColor: 'red' }), 400, 'INVALID_PARAM', '3d81ceae-475f-4600-b2a8-2bc116157532');
    assertError(await server.post('pinned-users', { i: 'not-a-token' }), 401, 'AUTHENTICATION_FAILED', 'b0a7f5f8-dc2f-4171-b91f-de88ad238e14');
  });
});
