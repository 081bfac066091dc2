import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { encode as encodeBlurhash } from 'blurhash';
import { loadSharp } from '../../lib/sharp.js';

/** A MIME type and the file-name extension that goes with it (null when unknown). */
export interface FileType {
  mime: string;
  ext: string | null;
}

/** What the drive learns from a file's bytes, never from its name. */
export interface FileInfo {
  size: number;
  md5: string;
  type: FileType;
  width?: number;
  height?: number;
  orientation?: number;
  blurhash?: string;
}

export const OCTET_STREAM: FileType = { mime: 'application/octet-stream', ext: null };
const SVG: FileType = { mime: 'image/svg+xml', ext: 'svg' };
const SNIFF_BYTES = 64 * 1024;
/** Larger images are kept as opaque files, as Misskey does (sharp and browsers struggle with them). */
const MAX_DIMENSION = 16383;

const DIMENSIONED = ['image/png', 'image/gif', 'image/jpeg', 'image/webp', 'image/avif', 'image/apng', 'image/bmp', 'image/tiff', 'image/svg+xml'];
const BLURHASHED = ['image/jpeg', 'image/gif', 'image/png', 'image/apng', 'image/webp', 'image/avif', 'image/svg+xml'];

/** Size, md5, content-detected type, image dimensions and blurhash of the file at `path`. */
export async function getFileInfo(path: string): Promise<FileInfo> {
  const size = (await stat(path)).size;
  const md5 = await md5Of(path);
  let type = await detectType(path, size);
  const info: FileInfo = { size, md5, type };

  if (DIMENSIONED.includes(type.mime)) {
    const sharp = await loadSharp();
    const meta = await sharp(path).metadata().catch(() => undefined);
    if (!meta?.width || !meta.height || meta.width > MAX_DIMENSION || meta.height > MAX_DIMENSION) {
      type = OCTET_STREAM;
      info.type = type;
    } else {
      info.width = meta.width;
      info.height = meta.pageHeight && meta.pages && meta.pages > 1 ? meta.pageHeight : meta.height;
      if (meta.orientation !== undefined) info.orientation = meta.orientation;
    }
  }
  if (BLURHASHED.includes(type.mime)) {
    info.blurhash = await blurhashOf(path).catch(() => undefined);
  }
  return info;
}

async function md5Of(path: string): Promise<string> {
  const hash = createHash('md5');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/** The file's type from its content: magic numbers, then SVG, then plain text or JSON. */
export async function detectType(path: string, size: number): Promise<FileType> {
  if (size === 0) return OCTET_STREAM;
  // Loaded on first upload: file-type is ~13 MB of memory that an instance without uploads never needs.
  const { fileTypeFromFile } = await import('file-type');
  const detected = await fileTypeFromFile(path);
  const head = await readHead(path);
  if (detected) {
    if (detected.mime === 'application/xml' && isSvg(head)) return SVG;
    return { mime: fixMime(detected.mime), ext: detected.ext };
  }
  if (isSvg(head)) return SVG;
  return detectText(path, head, size);
}

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function fixMime(mime: string): string {
  if (mime === 'audio/x-flac') return 'audio/flac';
  if (mime === 'audio/vnd.wave') return 'audio/wav';
  return mime;
}

function isSvg(head: Buffer): boolean {
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  return /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE\s+svg[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(text);
}

/**
 * compat: Misskey types every file that file-type cannot name as application/octet-stream,
 * yet its default `uploadableFileTypes` lists text/plain and application/json; we recognise
 * those two from the content. Markup (HTML, XML) stays octet-stream, so it is never served inline.
 */
async function detectText(path: string, head: Buffer, size: number): Promise<FileType> {
  if (head.includes(0) || !isUtf8Prefix(head, size <= SNIFF_BYTES)) return OCTET_STREAM;
  const text = head.toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('<')) return OCTET_STREAM;
  if ((text.startsWith('{') || text.startsWith('[')) && size <= 1024 * 1024) {
    const whole = size <= SNIFF_BYTES ? head : await readWhole(path);
    try {
      JSON.parse(whole.toString('utf8'));
      return { mime: 'application/json', ext: 'json' };
    } catch {
      // Not JSON after all: plain text.
    }
  }
  return { mime: 'text/plain', ext: 'txt' };
}

async function readWhole(path: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of createReadStream(path)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** True when `bytes` is valid UTF-8, allowing a character cut at the end unless `complete`. */
function isUtf8Prefix(bytes: Buffer, complete: boolean): boolean {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    decoder.decode(bytes, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

async function blurhashOf(path: string): Promise<string> {
  const sharp = await loadSharp();
  const { data, info } = await sharp(path).raw().ensureAlpha().resize(64, 64, { fit: 'inside' }).toBuffer({ resolveWithObject: true });
  return encodeBlurhash(new Uint8ClampedArray(data), info.width, info.height, 5, 5);
}
