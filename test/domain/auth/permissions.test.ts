import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { permissions } from 'misskey-js';
import { PERMISSIONS, describePermission, knownPermissions } from '../../../src/domain/auth/permissions.js';

describe('permissions', () => {
  test('the list is exactly misskey-js\'s, in its order', () => {
    assert.deepEqual([...PERMISSIONS], [...permissions]);
  });

  test('unknown and repeated kinds are dropped', () => {
    assert.deepEqual(knownPermissions(['write:notes', 'bogus', 'read:account', 'write:notes']), ['read:account', 'write:notes']);
  });

  test('every permission has a plain description', () => {
    for (const p of PERMISSIONS) assert.match(describePermission(p), /^[A-Z][a-z]+[ :]/, p);
    assert.equal(describePermission('write:notes'), 'Post and delete notes');
    assert.equal(describePermission('read:admin:meta'), 'Administration: view meta');
  });
});
