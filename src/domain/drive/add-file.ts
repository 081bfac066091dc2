import { randomUUID } from 'node:crypto';
import { fromJson, toJson } from '../../infra/db/dialect.js';
import type { DriveFileProperties, DriveFileRow, UserRow } from '../../infra/db/schema.js';
import type { FileStore } from '../../infra/files/file-store.js';
import type { IdGenerator } from '../../lib/aidx.js';
import { DomainError } from '../errors.js';
import type { RolesService } from '../roles/roles.service.js';
import type { UsersRepo } from '../users/users.repo.js';
import type { DriveEvents } from './drive-events.js';
import type { DriveFilesRepo } from './drive-files.repo.js';
import type { DriveFoldersRepo } from './drive-folders.repo.js';
import { getFileInfo, type FileInfo } from './file-info.js';
import { correctFileName, isValidFileName } from './file-names.js';
import { servedType } from './file-types.js';
import { generateAlts } from './image-alts.js';

/** What to add to a user's drive. */
export interface AddFileInput {
  user: UserRow;
  /** A local file with the bytes; the caller removes it afterwards. */
  path: string;
  /** The requested name (already validated), or null to use `untitled`. */
  name: string | null;
  comment?: string | null;
  folderId?: string | null;
  /** Store the bytes again even when the user already has a file with the same md5. */
  force?: boolean;
  sensitive?: boolean;
  /** The URL the bytes came from (upload-from-url). */
  src?: string | null;
  requestIp?: string | null;
}

/** What AddFile works with. */
export interface AddFileDeps {
  files: DriveFilesRepo;
  folders: DriveFoldersRepo;
  store: FileStore;
  ids: IdGenerator;
  roles: RolesService;
  usersRepo: UsersRepo;
  events: DriveEvents;
}

const MB = 1024 * 1024;

/**
 * Adds a file to a user's drive as Misskey's DriveService.addFile: the type comes from the
 * content; an identical file (same md5) is reused unless `force`; role policies limit the
 * type, the size and the total usage (moderators are exempt); images get a thumbnail, a
 * metadata-free web-public copy and a blurhash. Throws `drive.unallowedFileType`,
 * `drive.maxFileSizeExceeded`, `drive.noFreeSpace` or `drive.noSuchFolder`.
 */
export class AddFile {
  constructor(private readonly deps: AddFileDeps) {}

  async run(input: AddFileInput): Promise<DriveFileRow> {
    const { files, folders, roles } = this.deps;
    const info = await getFileInfo(input.path);
    const name = correctFileName(input.name && isValidFileName(input.name) ? input.name : 'untitled', info.type.ext);

    if (!input.force) {
      const same = await files.findByMd5(input.user.id, info.md5);
      if (same) {
        if (input.sensitive && !same.isSensitive) {
          await files.update(same.id, { isSensitive: true });
          return { ...same, isSensitive: true };
        }
        return same;
      }
    }

    if (!roles.isModerator(input.user)) await this.#checkPolicies(input.user, info);
    const folder = input.folderId ? await folders.findOwn(input.user.id, input.folderId) : null;
    if (input.folderId && !folder) throw new DomainError('drive.noSuchFolder');

    const row = await this.#store(input, info, name, folder?.id ?? null);
    try {
      await files.insert(row);
    } catch (err) {
      // No row will ever point at these bytes.
      const keys = [row.accessKey, row.thumbnailAccessKey, row.webpublicAccessKey].filter((k): k is string => k !== null);
      await Promise.all(keys.map((k) => this.deps.store.delete(k).catch(() => undefined)));
      throw err;
    }
    await this.deps.events.fileCreated(row);
    return row;
  }

  async #checkPolicies(user: UserRow, info: FileInfo): Promise<void> {
    const policies = await this.deps.roles.policiesOf(user);
    if (!policies.uploadableFileTypes.some((pattern) => typeMatches(pattern, info.type.mime))) {
      throw new DomainError('drive.unallowedFileType');
    }
    if (info.size > policies.maxFileSizeMb * MB) throw new DomainError('drive.maxFileSizeExceeded');
    const usage = await this.deps.files.usageOf(user.id);
    if (usage + info.size > policies.driveCapacityMb * MB) throw new DomainError('drive.noFreeSpace');
  }

  async #store(input: AddFileInput, info: FileInfo, name: string, folderId: string | null): Promise<DriveFileRow> {
    const { store, ids } = this.deps;
    const alts = await generateAlts(input.path, info.type.mime);
    const served = servedType(info.type.mime);
    const ext = served === info.type.mime && info.type.ext ? `.${info.type.ext}` : '';
    const accessKey = `${randomUUID()}${ext}`;
    const thumbnailAccessKey = alts.thumbnail ? `thumbnail-${randomUUID()}.${alts.thumbnail.ext}` : null;
    const webpublicAccessKey = alts.webpublic ? `webpublic-${randomUUID()}.${alts.webpublic.ext}` : null;

    await Promise.all([
      store.put(accessKey, { path: input.path }, { type: served, disposition: contentDisposition(served, name) }),
      alts.thumbnail && store.put(thumbnailAccessKey!, alts.thumbnail.data, { type: alts.thumbnail.type }),
      alts.webpublic && store.put(webpublicAccessKey!, alts.webpublic.data, { type: alts.webpublic.type, disposition: contentDisposition(alts.webpublic.type, name) }),
    ]);

    const properties: DriveFileProperties = {};
    if (info.width) {
      properties.width = info.width;
      properties.height = info.height;
    }
    if (info.orientation !== undefined) properties.orientation = info.orientation;

    const now = Date.now();
    return {
      id: ids.gen(now),
      createdAt: now,
      userId: input.user.id,
      userHost: input.user.host,
      md5: info.md5,
      name,
      type: info.type.mime,
      size: info.size,
      comment: input.comment ?? null,
      blurhash: info.blurhash ?? null,
      properties: toJson(properties),
      accessKey,
      thumbnailAccessKey,
      webpublicAccessKey,
      webpublicType: alts.webpublic?.type ?? null,
      src: input.src ?? null,
      uri: null,
      isLink: false,
      folderId,
      isSensitive: (await this.#alwaysSensitive(input.user)) || Boolean(input.sensitive),
      maybeSensitive: false,
      maybePorn: false,
      requestIp: input.requestIp ?? null,
    };
  }

  /** The user's own "always mark as sensitive" setting, or a role policy that forces it. */
  async #alwaysSensitive(user: UserRow): Promise<boolean> {
    const [profile, policies] = await Promise.all([this.deps.usersRepo.findProfile(user.id), this.deps.roles.policiesOf(user)]);
    return policies.alwaysMarkNsfw || fromJson<{ alwaysMarkNsfw?: boolean }>(profile?.settings, {}).alwaysMarkNsfw === true;
  }
}

/** Misskey's uploadableFileTypes patterns: an exact type, `family/*`, or `*` / `*\/*` for anything. */
function typeMatches(pattern: string, mime: string): boolean {
  if (pattern === '*' || pattern === '*/*') return true;
  if (pattern.endsWith('/*')) return mime.startsWith(pattern.slice(0, -1));
  return mime === pattern;
}

/** `inline` for types a browser may render safely, `attachment` (download) for everything else. */
export function contentDisposition(servedAs: string, name: string): string {
  const kind = servedAs === 'application/octet-stream' ? 'attachment' : 'inline';
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
