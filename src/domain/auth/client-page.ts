import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { downloadToFile } from '../../lib/safe-fetch.js';
import type { ClientPageFetcher } from './oauth.service.js';

/** A client_id page is small; anything larger is not one. */
const MAX_BYTES = 256 * 1024;

/** Fetches client_id pages with the server's guarded fetch (no private addresses unless allowed). */
export function clientPageFetcher(allowPrivate: boolean): ClientPageFetcher {
  return async (url) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tsubame-oauth-'));
    try {
      const file = path.join(dir, 'page');
      const { finalUrl } = await downloadToFile(url, file, { allowPrivate, maxBytes: MAX_BYTES, timeoutMs: 10_000 });
      return { text: await readFile(file, 'utf8'), finalUrl };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
}
