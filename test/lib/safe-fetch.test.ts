import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { downloadToFile, FetchRefusedError, type SafeFetchOptions } from '../../src/lib/safe-fetch.js';

/** A local server: `/ok` answers "hello", `/big` 2 KiB, `/hang` never answers, `/to?u=` redirects. */
async function startServer(host: string): Promise<{ url: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/ok') res.end('hello');
    else if (url.pathname === '/named') res.writeHead(200, { 'Content-Disposition': 'attachment; filename="report.txt"' }).end('x');
    else if (url.pathname === '/big') res.end(Buffer.alloc(2048, 1));
    else if (url.pathname === '/to') res.writeHead(302, { Location: url.searchParams.get('u')! }).end();
    else if (url.pathname === '/hang') res.flushHeaders();
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    hits,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

describe('downloadToFile (SSRF-safe fetch)', () => {
  let dir: string;
  let local: Awaited<ReturnType<typeof startServer>>;
  let other: Awaited<ReturnType<typeof startServer>>;
  const allow: SafeFetchOptions = { allowPrivate: true, maxBytes: 1024, timeoutMs: 5000 };
  const deny: SafeFetchOptions = { allowPrivate: false, maxBytes: 1024, timeoutMs: 5000 };

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'safe-fetch-'));
    local = await startServer('127.0.0.1');
    other = await startServer('127.0.0.2');
  });
  after(async () => {
    await Promise.all([local.close(), other.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  const dest = (name: string) => path.join(dir, name);

  test('downloads when private addresses are allowed, with the suggested file name', async () => {
    const result = await downloadToFile(`${local.url}/ok`, dest('ok'), allow);
    assert.equal(await readFile(dest('ok'), 'utf8'), 'hello');
    assert.equal(result.filename, 'ok');
    assert.equal((await downloadToFile(`${local.url}/named`, dest('named'), allow)).filename, 'report.txt');
  });

  test('refuses loopback, private and link-local IP literals without connecting', async () => {
    const before = local.hits.length;
    for (const url of [`${local.url}/ok`, 'http://10.0.0.1/', 'http://169.254.169.254/latest/meta-data/', 'http://[::1]:9/', 'http://0.0.0.0:9/', 'http://[::ffff:127.0.0.1]:9/']) {
      await assert.rejects(downloadToFile(url, dest('x'), deny), FetchRefusedError, url);
    }
    assert.equal(local.hits.length, before);
  });

  test('refuses a host name that resolves to loopback (checked after DNS resolution)', async () => {
    const port = new URL(local.url).port;
    const before = local.hits.length;
    await assert.rejects(downloadToFile(`http://localhost:${port}/ok`, dest('x'), deny), FetchRefusedError);
    assert.equal(local.hits.length, before);
  });

  test('refuses a redirect to a blocked address (every hop is checked)', async () => {
    const onlyOther = new net.BlockList();
    onlyOther.addAddress('127.0.0.2');
    const opts = { ...deny, blockList: onlyOther };
    // The first hop (127.0.0.1) is allowed by this list and the target itself is reachable…
    await downloadToFile(`${other.url}/ok`, dest('direct'), allow);
    // …but a redirect to it is refused.
    const before = other.hits.length;
    await assert.rejects(downloadToFile(`${local.url}/to?u=${encodeURIComponent(`${other.url}/ok`)}`, dest('x'), opts), FetchRefusedError);
    assert.equal(other.hits.length, before);
  });

  test('refuses bodies over the size limit, non-http protocols, HTTP errors and slow servers', async () => {
    await assert.rejects(downloadToFile(`${local.url}/big`, dest('big'), allow), FetchRefusedError);
    await assert.rejects(downloadToFile('file:///etc/passwd', dest('x'), allow), FetchRefusedError);
    await assert.rejects(downloadToFile(`${local.url}/missing`, dest('x'), allow), FetchRefusedError);
    await assert.rejects(downloadToFile(`${local.url}/hang`, dest('x'), { ...allow, timeoutMs: 200 }));
  });
});
