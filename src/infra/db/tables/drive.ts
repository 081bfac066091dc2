import type { Selectable } from 'kysely';

/** Drive files and folders. */
export interface DriveTables {
  drive_file: DriveFileTable;
  drive_folder: DriveFolderTable;
}

/** Width/height in pixels, EXIF orientation and average colour, as Misskey's `properties`. */
export interface DriveFileProperties {
  width?: number;
  height?: number;
  orientation?: number;
  avgColor?: string;
}

export interface DriveFileTable {
  id: string;
  createdAt: number;
  /** The owner; null for files that belong to no one (instance assets). */
  userId: string | null;
  /** The owner's host (null = local), denormalised for per-host usage. */
  userHost: string | null;
  md5: string;
  name: string;
  /** MIME type detected from the content. */
  type: string;
  size: number;
  comment: string | null;
  blurhash: string | null;
  /** JSON DriveFileProperties. */
  properties: string;
  /** Keys of the original, thumbnail and web-public versions in the file store; null when absent. */
  accessKey: string | null;
  thumbnailAccessKey: string | null;
  webpublicAccessKey: string | null;
  /** MIME type of the web-public version. */
  webpublicType: string | null;
  /** The URL the file came from (upload-from-url, remote files). */
  src: string | null;
  /** ActivityPub id of a remote file. */
  uri: string | null;
  /** Files not stored here, only linked (remote files); `src` is then their URL. */
  isLink: boolean;
  folderId: string | null;
  isSensitive: boolean;
  maybeSensitive: boolean;
  maybePorn: boolean;
  requestIp: string | null;
}

export interface DriveFolderTable {
  id: string;
  createdAt: number;
  name: string;
  userId: string | null;
  parentId: string | null;
}

export type DriveFileRow = Selectable<DriveFileTable>;
export type DriveFolderRow = Selectable<DriveFolderTable>;

export const DRIVE_BOOLEAN_COLUMNS = ['isLink', 'isSensitive', 'maybeSensitive', 'maybePorn'];
