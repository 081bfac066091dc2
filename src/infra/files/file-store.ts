import type { Readable } from 'node:stream';

/** How a stored object should be served. */
export interface PutOptions {
  /** The Content-Type to serve it with. */
  type: string;
  /** The Content-Disposition to serve it with (S3 stores it with the object; local serving computes its own). */
  disposition?: string;
}

/** A byte range to read, both ends inclusive (as in HTTP Range). */
export interface ByteRange {
  start: number;
  end: number;
}

/** A stored object opened for reading. */
export interface StoredObject {
  body: Readable;
  /** Size of the whole object in bytes. */
  size: number;
}

/**
 * Where drive files' bytes live: a directory under DATA_DIR (embedded) or an S3-compatible
 * bucket (scale-out). Keys are opaque strings chosen by the drive, never paths from user input.
 */
export interface FileStore {
  /** Stores the bytes of a local file (`path`) or a buffer under `key`. */
  put(key: string, source: { path: string } | Buffer, options: PutOptions): Promise<void>;
  /** Opens `key` (optionally a byte range of it); undefined when there is no such object. */
  get(key: string, range?: ByteRange): Promise<StoredObject | undefined>;
  /** Removes `key`; removing a missing object is not an error. */
  delete(key: string): Promise<void>;
  /** The URL clients fetch `key` from. */
  url(key: string): string;
  close?(): Promise<void>;
}
