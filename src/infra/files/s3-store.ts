import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { S3Config } from '../../config.js';
import type { ByteRange, FileStore, PutOptions, StoredObject } from './file-store.js';

/** Stores files in an S3-compatible bucket; clients fetch them from the bucket's public URL. */
export class S3FileStore implements FileStore {
  readonly #client: S3Client;

  constructor(private readonly config: S3Config) {
    this.#client = new S3Client({
      endpoint: config.endpoint,
      region: config.region,
      forcePathStyle: config.forcePathStyle,
      credentials: { accessKeyId: config.accessKey, secretAccessKey: config.secretKey },
      // Streamed bodies with trailing checksums (aws-chunked) are not understood by every
      // S3-compatible service; checksums are only sent where an operation requires them.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(key: string, source: { path: string } | Buffer, options: PutOptions): Promise<void> {
    const isBuffer = Buffer.isBuffer(source);
    await this.#client.send(
      new PutObjectCommand({
        Bucket: this.config.bucket,
        Key: key,
        Body: isBuffer ? source : createReadStream(source.path),
        ContentLength: isBuffer ? source.length : (await stat(source.path)).size,
        ContentType: options.type,
        ContentDisposition: options.disposition,
        // Keys are never reused, so the bytes behind a URL never change.
        CacheControl: 'max-age=31536000, immutable',
      }),
    );
  }

  async get(key: string, range?: ByteRange): Promise<StoredObject | undefined> {
    try {
      const res = await this.#client.send(
        new GetObjectCommand({ Bucket: this.config.bucket, Key: key, Range: range ? `bytes=${range.start}-${range.end}` : undefined }),
      );
      const total = res.ContentRange ? Number(res.ContentRange.split('/')[1]) : res.ContentLength;
      return { body: res.Body as Readable, size: total ?? 0 };
    } catch (err) {
      if (err instanceof NoSuchKey || (err as { name?: string }).name === 'NoSuchKey') return undefined;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await this.#client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key: key }));
  }

  url(key: string): string {
    return `${this.config.publicUrl}/${key}`;
  }

  async close(): Promise<void> {
    this.#client.destroy();
  }
}
