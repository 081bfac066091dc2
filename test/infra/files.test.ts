import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config.js';
import type { FileStore } from '../../src/infra/files/file-store.js';
import { LocalFileStore } from '../../src/infra/files/local-store.js';
import { S3FileStore } from '../../src/infra/files/s3-store.js';
import { startTestS3, type TestS3 } from '../support/s3rver.js';

async function read(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/** The same contract for every FileStore implementation. */
function contract(name: string, setup: () => Promise<{ store: FileStore; urlPrefix: string; teardown(): Promise<void> }>) {
  describe(`${name} file store`, () => {
    let store: FileStore;
    let urlPrefix: string;
    let teardown: () => Promise<void>;
    let dir: string;

    before(async () => {
      ({ store, urlPrefix, teardown } = await setup());
      dir = await mkdtemp(path.join(os.tmpdir(), 'store-src-'));
    });
    after(async () => {
      await teardown();
      await rm(dir, { recursive: true, force: true });
    });

    test('puts a buffer and a file, and reads them back whole or by range', async () => {
      await store.put('buf-key.txt', Buffer.from('hello world'), { type: 'text/plain' });
      const src = path.join(dir, 'src.bin');
      await writeFile(src, Buffer.from('0123456789'));
      await store.put('file-key', { path: src }, { type: 'application/octet-stream', disposition: 'attachment; filename="src.bin"' });

      const whole = await store.get('buf-key.txt');
      assert.equal(whole?.size, 11);
      assert.equal((await read(whole!.body)).toString(), 'hello world');
      const part = await store.get('file-key', { start: 2, end: 5 });
      assert.equal(part?.size, 10);
      assert.equal((await read(part!.body)).toString(), '2345');
    });

    test('a missing key reads as undefined; delete removes and tolerates missing keys', async () => {
      assert.equal(await store.get('no-such-key'), undefined);
      await store.put('gone', Buffer.from('x'), { type: 'text/plain' });
      await store.delete('gone');
      assert.equal(await store.get('gone'), undefined);
      await store.delete('gone');
    });

    test('url() names where clients fetch the key', async () => {
      assert.equal(store.url('abc-123.png'), `${urlPrefix}abc-123.png`);
    });
  });
}

contract('local', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'store-local-'));
  return {
    store: new LocalFileStore(dir, () => 'http://example.test'),
    urlPrefix: 'http://example.test/files/',
    teardown: () => rm(dir, { recursive: true, force: true }),
  };
});

describe('local file store keys', () => {
  test('a key that would leave the directory is refused', async () => {
    const store = new LocalFileStore(os.tmpdir(), () => 'http://example.test');
    await assert.rejects(store.put('../escape', Buffer.from('x'), { type: 'text/plain' }));
    await assert.rejects(store.get('a/../../etc/passwd'));
  });
});

let s3: TestS3 | undefined;
contract('S3 (s3rver)', async () => {
  s3 = await startTestS3();
  const config = loadConfig({ ...s3.env, S3_PUBLIC_URL: 'https://cdn.example.test/media/' }).s3!;
  const store = new S3FileStore(config);
  return {
    store,
    urlPrefix: 'https://cdn.example.test/media/',
    async teardown() {
      await store.close();
      await s3!.close();
    },
  };
});

describe('file storage configuration', () => {
  test('no S3_* variable keeps files local; S3 needs bucket and keys; URLs are validated', () => {
    assert.equal(loadConfig({}).s3, undefined);
    assert.throws(() => loadConfig({ S3_BUCKET: 'b' }), ConfigError);
    assert.throws(() => loadConfig({ S3_BUCKET: 'b', S3_ACCESS_KEY: 'k', S3_SECRET_KEY: 's', S3_ENDPOINT: 'ftp://x' }), ConfigError);
    const pathStyle = loadConfig({ S3_BUCKET: 'b', S3_ACCESS_KEY: 'k', S3_SECRET_KEY: 's', S3_ENDPOINT: 'http://minio:9000/', S3_FORCE_PATH_STYLE: 'true' }).s3!;
    assert.equal(pathStyle.publicUrl, 'http://minio:9000/b');
    const aws = loadConfig({ S3_BUCKET: 'b', S3_ACCESS_KEY: 'k', S3_SECRET_KEY: 's', S3_REGION: 'eu-west-1' }).s3!;
    assert.equal(aws.publicUrl, 'https://b.s3.eu-west-1.amazonaws.com');
  });

  test('fetch and upload limits', () => {
    assert.equal(loadConfig({}).allowPrivateNetworkFetch, false);
    assert.equal(loadConfig({ ALLOW_PRIVATE_NETWORK_FETCH: 'true' }).allowPrivateNetworkFetch, true);
    assert.throws(() => loadConfig({ ALLOW_PRIVATE_NETWORK_FETCH: 'perhaps' }), ConfigError);
    assert.equal(loadConfig({ MAX_FILE_SIZE: '1000' }).maxFileSize, 1000);
    assert.throws(() => loadConfig({ MAX_FILE_SIZE: '-1' }), ConfigError);
  });
});
