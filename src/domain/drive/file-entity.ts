import type { entities } from 'misskey-js';
import { fromJson } from '../../infra/db/dialect.js';
import type { DriveFileProperties, DriveFileRow } from '../../infra/db/schema.js';
import type { FileStore } from '../../infra/files/file-store.js';

export type DriveFileEntity = entities.DriveFile;

/** Types sharp can turn into a thumbnail, so the image itself may stand in for a missing one. */
const SHARP_CONVERTIBLE = ['image/jpeg', 'image/png', 'image/gif', 'image/apng', 'image/vnd.mozilla.apng', 'image/webp', 'image/avif', 'image/svg+xml'];

/** The URLs of a file's stored versions. */
export interface FileUrls {
  /** The original as uploaded (what its owner gets). */
  url: string;
  /** What everyone else gets: the web-public copy when there is one (no EXIF), else the original. */
  publicUrl: string;
  thumbnailUrl: string | null;
}

/** Where the versions of `file` are fetched from. */
export function fileUrls(file: DriveFileRow, store: FileStore): FileUrls {
  const url = file.isLink || !file.accessKey ? (file.src ?? '') : store.url(file.accessKey);
  const publicUrl = file.webpublicAccessKey && !file.isLink ? store.url(file.webpublicAccessKey) : url;
  const thumbnailUrl = file.thumbnailAccessKey && !file.isLink
    ? store.url(file.thumbnailAccessKey)
    : SHARP_CONVERTIBLE.includes(file.type) ? publicUrl : null;
  return { url, publicUrl, thumbnailUrl };
}

/**
 * A file as Misskey's DriveFile entity, without its folder and user. `self` (the owner's own
 * view) shows the original URL and raw properties; others get the web-public URL and
 * dimensions already turned by the EXIF orientation.
 */
export function toDriveFileEntity(file: DriveFileRow, store: FileStore, self: boolean): DriveFileEntity {
  const urls = fileUrls(file, store);
  const properties = fromJson<DriveFileProperties>(file.properties, {});
  return {
    id: file.id,
    createdAt: new Date(file.createdAt).toISOString(),
    name: file.name,
    type: file.type,
    md5: file.md5,
    size: Number(file.size),
    isSensitive: file.isSensitive,
    blurhash: file.blurhash,
    properties: self ? properties : publicProperties(properties),
    url: self ? urls.url : urls.publicUrl,
    thumbnailUrl: urls.thumbnailUrl,
    comment: file.comment,
    folderId: file.folderId,
    folder: null,
    userId: file.userId,
    user: null,
  };
}

function publicProperties(properties: DriveFileProperties): DriveFileProperties {
  if (properties.orientation === undefined) return properties;
  const { orientation, ...rest } = properties;
  // Orientations 5–8 turn the picture a quarter, so its displayed width is the stored height.
  return orientation >= 5 ? { ...rest, width: properties.height, height: properties.width } : rest;
}
