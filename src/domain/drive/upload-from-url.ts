import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../../config.js';
import type { DriveFileRow, UserRow } from '../../infra/db/schema.js';
import { downloadToFile } from '../../lib/safe-fetch.js';
import type { DriveEvents } from './drive-events.js';
import type { AddFileInput } from './add-file.js';
import { isValidFileName } from './file-names.js';

/** What drive/files/upload-from-url asked for. */
export interface UploadFromUrlInput {
  url: string;
  folderId: string | null;
  sensitive: boolean;
  comment: string | null;
  force: boolean;
  /** Echoed back in `urlUploadFinished` so the client can tell its uploads apart. */
  marker: string | null;
}

/** The limits of fetching user-supplied URLs. */
export type FetchConfig = Pick<Config, 'allowPrivateNetworkFetch' | 'maxFileSize'>;

const FETCH_TIMEOUT_MS = 60_000;

/**
 * Downloads a URL into `user`'s drive, guarded against private addresses, oversized bodies
 * and slow servers, then announces `urlUploadFinished {marker, file}` on their main stream.
 */
export async function uploadFromUrl(
  deps: { config: FetchConfig; events: DriveEvents; addFile: (input: AddFileInput) => Promise<DriveFileRow> },
  user: UserRow,
  input: UploadFromUrlInput,
): Promise<DriveFileRow> {
  const temp = path.join(os.tmpdir(), `tsubame-fetch-${randomUUID()}`);
  try {
    const { filename } = await downloadToFile(input.url, temp, {
      allowPrivate: deps.config.allowPrivateNetworkFetch,
      maxBytes: deps.config.maxFileSize,
      timeoutMs: FETCH_TIMEOUT_MS,
    });
    const name = filename && isValidFileName(filename) ? filename : null;
    const file = await deps.addFile({
      user,
      path: temp,
      name,
      // Remote attachments often repeat their name as the comment; Misskey drops it then.
      comment: input.comment !== null && input.comment === filename ? null : input.comment,
      folderId: input.folderId,
      force: input.force,
      sensitive: input.sensitive,
      src: input.url,
    });
    await deps.events.urlUploadFinished(file, input.marker);
    return file;
  } finally {
    await rm(temp, { force: true });
  }
}
