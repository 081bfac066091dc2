import type { Metadata } from 'sharp';
import { loadSharp } from '../../lib/sharp.js';

/** A derived image: its bytes, MIME type and extension. */
export interface AltImage {
  data: Buffer;
  type: string;
  ext: string;
}

/** The versions made of an uploaded image besides the original. */
export interface ImageAlts {
  /** A smaller copy for timelines (webp, within 498×280). */
  thumbnail: AltImage | null;
  /** The copy others see: within 2048×2048 and without metadata (EXIF location included). */
  webpublic: AltImage | null;
}

const NONE: ImageAlts = { thumbnail: null, webpublic: null };
const CONVERTIBLE = ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/svg+xml'];
const WEB_MAX = 2048;

/**
 * Makes the thumbnail and web-public versions of an image, as Misskey does: animated images
 * and other types get none; a web-public copy is made only when the original is too large or
 * carries metadata (EXIF, IPTC, XMP), so the copy others fetch never reveals where a photo was taken.
 */
export async function generateAlts(path: string, mime: string): Promise<ImageAlts> {
  if (!CONVERTIBLE.includes(mime)) return NONE;
  let meta: Metadata;
  try {
    meta = await (await loadSharp())(path).metadata();
  } catch {
    return NONE;
  }
  if (meta.pages && meta.pages > 1) return NONE;

  const hasMetadata = Boolean(meta.exif ?? meta.iptc ?? meta.xmp ?? meta.tifftagPhotoshop);
  const fitsWeb = mime !== 'image/svg+xml' && mime !== 'image/avif' && !hasMetadata
    && (meta.width ?? Infinity) <= WEB_MAX && (meta.height ?? Infinity) <= WEB_MAX;

  const [webpublic, thumbnail] = await Promise.all([
    fitsWeb ? null : webpublicOf(path, mime).catch(() => null),
    thumbnailOf(path).catch(() => null),
  ]);
  return { webpublic, thumbnail };
}

async function webpublicOf(path: string, mime: string): Promise<AltImage> {
  // rotate() applies the EXIF orientation before the metadata is dropped.
  const sharp = await loadSharp();
  const img = sharp(path).rotate().resize(WEB_MAX, WEB_MAX, { fit: 'inside', withoutEnlargement: true });
  if (mime === 'image/jpeg') return { data: await img.jpeg({ quality: 85, progressive: true }).toBuffer(), type: 'image/jpeg', ext: 'jpg' };
  if (mime === 'image/webp' || mime === 'image/avif') return { data: await img.webp({ quality: 85 }).toBuffer(), type: 'image/webp', ext: 'webp' };
  return { data: await img.png().toBuffer(), type: 'image/png', ext: 'png' };
}

async function thumbnailOf(path: string): Promise<AltImage> {
  const sharp = await loadSharp();
  const data = await sharp(path).rotate().resize(498, 280, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 50 }).toBuffer();
  return { data, type: 'image/webp', ext: 'webp' };
}
