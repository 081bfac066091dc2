import dns from 'node:dns';
import { createWriteStream } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Limits of one server-side fetch of a user-supplied URL. */
export interface SafeFetchOptions {
  /** Let the fetch reach private, loopback and link-local addresses (tests only). */
  allowPrivate: boolean;
  /** Largest body accepted, in bytes. */
  maxBytes: number;
  /** Deadline for the whole fetch, redirects included, in ms. */
  timeoutMs: number;
  maxRedirects?: number;
  /** Addresses to refuse instead of the built-in private ranges (tests). */
  blockList?: net.BlockList;
}

/** What a download produced besides the bytes. */
export interface DownloadResult {
  /** The file name the server suggested (Content-Disposition) or the last path segment of the final URL. */
  filename: string | null;
  /** The URL the bytes finally came from, after redirects. */
  finalUrl: string;
}

/** A fetch refused before or while it ran: bad URL, forbidden address, too large, too slow, HTTP error. */
export class FetchRefusedError extends Error {
  override name = 'FetchRefusedError';
}

/** Private, loopback, link-local, shared, documentation, multicast and reserved ranges (IPv4-mapped IPv6 included). */
export function privateAddressBlockList(): net.BlockList {
  const list = new net.BlockList();
  for (const [net4, prefix] of [
    ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
    ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15],
    ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
  ] as const) list.addSubnet(net4, prefix, 'ipv4');
  for (const [net6, prefix] of [
    ['::', 128], ['::1', 128], ['64:ff9b::', 96], ['100::', 64], ['2001:db8::', 32], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8],
  ] as const) list.addSubnet(net6, prefix, 'ipv6');
  return list;
}

const DEFAULT_BLOCK_LIST = privateAddressBlockList();

/**
 * Downloads `url` into `destPath`, refusing (FetchRefusedError) anything that resolves to a
 * blocked address — checked on the address actually connected to, after DNS, on every
 * redirect — and bodies over `maxBytes` or slower than `timeoutMs`.
 */
export async function downloadToFile(url: string, destPath: string, opts: SafeFetchOptions): Promise<DownloadResult> {
  const signal = AbortSignal.timeout(opts.timeoutMs);
  let current = url;
  for (let hop = 0; hop <= (opts.maxRedirects ?? 5); hop++) {
    const res = await request(current, opts, signal);
    const status = res.statusCode ?? 0;
    if (status >= 300 && status < 400 && res.headers.location) {
      res.resume();
      current = new URL(res.headers.location, current).toString();
      continue;
    }
    if (status < 200 || status >= 300) {
      res.resume();
      throw new FetchRefusedError(`HTTP ${status} from ${current}`);
    }
    const declared = Number(res.headers['content-length']);
    if (Number.isFinite(declared) && declared > opts.maxBytes) {
      res.destroy();
      throw new FetchRefusedError(`body too large (${declared} bytes)`);
    }
    await pipeline(res, limitBytes(opts.maxBytes), createWriteStream(destPath), { signal });
    return { filename: filenameOf(res.headers['content-disposition'], current), finalUrl: current };
  }
  throw new FetchRefusedError('too many redirects');
}

function request(url: string, opts: SafeFetchOptions, signal: AbortSignal): Promise<http.IncomingMessage> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FetchRefusedError(`invalid URL: ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new FetchRefusedError(`unsupported protocol ${parsed.protocol}`);
  const blockList = opts.allowPrivate ? undefined : (opts.blockList ?? DEFAULT_BLOCK_LIST);
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  // An IP literal never goes through `lookup`, so it is checked here.
  if (blockList && net.isIP(host) && isBlocked(blockList, host)) throw new FetchRefusedError(`address ${host} is not allowed`);

  const client = parsed.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.get(parsed, {
      signal,
      agent: false,
      lookup: blockList ? guardedLookup(blockList) : undefined,
      headers: { 'User-Agent': 'Tsubame (+drive upload-from-url)', Accept: '*/*' },
    });
    req.once('response', resolve);
    req.once('error', (err) => reject(err instanceof FetchRefusedError ? err : new FetchRefusedError(err.message)));
  });
}

function isBlocked(list: net.BlockList, address: string): boolean {
  return list.check(address, net.isIPv6(address) ? 'ipv6' : 'ipv4');
}

/** dns.lookup that fails when any resolved address is blocked, so a hostname cannot smuggle a private address. */
function guardedLookup(blockList: net.BlockList): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = addresses as dns.LookupAddress[];
      const blocked = list.find((a) => isBlocked(blockList, a.address));
      if (blocked) return callback(new FetchRefusedError(`address ${blocked.address} of ${hostname} is not allowed`), '', 0);
      if ((options as dns.LookupOptions).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

function limitBytes(max: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > max) return done(new FetchRefusedError(`body larger than ${max} bytes`));
      done(null, chunk);
    },
  });
}

function filenameOf(disposition: string | undefined, url: string): string | null {
  const star = disposition && /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) return safeDecode(star[1]!);
  const plain = disposition && /filename="?([^";]+)"?/i.exec(disposition);
  if (plain) return plain[1]!;
  const last = new URL(url).pathname.split('/').pop();
  return last ? safeDecode(last) : null;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
