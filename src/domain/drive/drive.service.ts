import type { DriveFileRow, UserRow } from '../../infra/db/schema.js';
import type { FileStore } from '../../infra/files/file-store.js';
import { DomainError } from '../errors.js';
import type { RolesService } from '../roles/roles.service.js';
import { AddFile, type AddFileDeps, type AddFileInput } from './add-file.js';
import type { DriveEvents } from './drive-events.js';
import type { DriveFilesRepo } from './drive-files.repo.js';
import type { DriveFoldersRepo } from './drive-folders.repo.js';
import { isValidFileName } from './file-names.js';
import { uploadFromUrl, type FetchConfig, type UploadFromUrlInput } from './upload-from-url.js';

/** A change to a file's metadata (drive/files/update); absent fields stay as they are. */
export interface FileUpdate {
  name?: string;
  comment?: string | null;
  isSensitive?: boolean;
  folderId?: string | null;
}

const MB = 1024 * 1024;

/** A user's drive files: adding, reading, changing and deleting them, with Misskey's ownership rules. */
export class DriveService {
  readonly #addFile: AddFile;
  readonly files: DriveFilesRepo;
  readonly folders: DriveFoldersRepo;
  readonly store: FileStore;
  readonly #roles: RolesService;
  readonly #events: DriveEvents;

  readonly #fetchConfig: FetchConfig;

  constructor(deps: AddFileDeps & { config: FetchConfig }) {
    this.#addFile = new AddFile(deps);
    this.#fetchConfig = deps.config;
    this.files = deps.files;
    this.folders = deps.folders;
    this.store = deps.store;
    this.#roles = deps.roles;
    this.#events = deps.events;
  }

  /** Adds a file to a user's drive (see AddFile). */
  addFile(input: AddFileInput): Promise<DriveFileRow> {
    return this.#addFile.run(input);
  }

  /** Fetches a URL into `user`'s drive (the work of drive/files/upload-from-url; run as a job). */
  async uploadFromUrl(user: UserRow, input: UploadFromUrlInput): Promise<DriveFileRow> {
    return uploadFromUrl({ config: this.#fetchConfig, events: this.#events, addFile: (i) => this.addFile(i) }, user, input);
  }

  /**
   * Those of `ids` that are `userId`'s own files, in the order of `ids` (duplicates once).
   * Notes (`fileIds`) and profiles (`avatarId`, `bannerId`) accept only these.
   */
  async findOwnFiles(userId: string, ids: readonly string[]): Promise<DriveFileRow[]> {
    const rows = await this.files.findManyByIds(ids);
    return [...new Set(ids)].map((id) => rows.get(id)).filter((f): f is DriveFileRow => f !== undefined && f.userId === userId);
  }

  /** `me`'s own file; anyone else's or a missing one is `drive.noSuchFile`. */
  async getOwn(me: UserRow, fileId: string): Promise<DriveFileRow> {
    const [file] = await this.findOwnFiles(me.id, [fileId]);
    if (!file) throw new DomainError('drive.noSuchFile');
    return file;
  }

  /** Capacity and usage of a user's drive in bytes (the `drive` endpoint). */
  async capacityOf(user: UserRow): Promise<{ capacity: number; usage: number }> {
    const [policies, usage] = await Promise.all([this.#roles.policiesOf(user), this.files.usageOf(user.id)]);
    return { capacity: policies.driveCapacityMb * MB, usage };
  }

  /** The id of the file one of whose URLs (original, thumbnail, web-public) is `url`. */
  async findIdByUrl(url: string): Promise<string | undefined> {
    const prefix = this.store.url('');
    if (!url.startsWith(prefix)) return undefined;
    const key = url.slice(prefix.length).split(/[/?#]/)[0];
    return key ? (await this.files.findByAccessKey(key))?.file.id : undefined;
  }

  /** A file `me` may see in detail: their own, or any file for moderators. */
  async getForOwnerOrModerator(me: UserRow, fileId: string): Promise<DriveFileRow> {
    const file = await this.files.findById(fileId);
    if (!file) throw new DomainError('drive.noSuchFile');
    if (file.userId !== me.id && !this.#roles.isModerator(me)) throw new DomainError('drive.accessDenied');
    return file;
  }

  /** Changes a file's name, comment, sensitivity or folder (drive/files/update). */
  async update(me: UserRow, fileId: string, change: FileUpdate): Promise<DriveFileRow> {
    const file = await this.getForOwnerOrModerator(me, fileId);
    const next = { ...file };
    if (change.name) next.name = change.name;
    if (!isValidFileName(next.name)) throw new DomainError('drive.invalidFileName');
    if (change.comment !== undefined) next.comment = change.comment;
    if (change.isSensitive !== undefined && change.isSensitive !== file.isSensitive && !change.isSensitive) {
      if ((await this.#roles.policiesOf(me)).alwaysMarkNsfw) throw new DomainError('drive.restrictedByRole');
    }
    if (change.isSensitive !== undefined) next.isSensitive = change.isSensitive;
    if (change.folderId !== undefined) {
      if (change.folderId !== null && !(await this.folders.findOwn(me.id, change.folderId))) throw new DomainError('drive.noSuchFolder');
      next.folderId = change.folderId;
    }
    await this.files.update(file.id, { name: next.name, comment: next.comment, isSensitive: next.isSensitive, folderId: next.folderId });
    await this.#events.fileUpdated(next);
    return next;
  }

  /** Deletes a file and its stored versions (drive/files/delete). */
  async delete(me: UserRow, fileId: string): Promise<void> {
    const file = await this.getForOwnerOrModerator(me, fileId);
    await this.deleteFile(file);
  }

  /** Deletes `file` whoever owns it; the bytes go first so no row points at missing objects for long. */
  async deleteFile(file: DriveFileRow): Promise<void> {
    if (!file.isLink) {
      const keys = [file.accessKey, file.thumbnailAccessKey, file.webpublicAccessKey].filter((k): k is string => k !== null);
      await Promise.all(keys.map((k) => this.store.delete(k)));
    }
    await this.files.delete(file.id);
    await this.#events.fileDeleted(file);
  }

  /** Deletes every file and folder of a user (after account deletion); returns how many files went. */
  async deleteAllOf(userId: string): Promise<number> {
    let count = 0;
    for (;;) {
      const batch = await this.files.list(userId, { limit: 100 });
      if (batch.length === 0) break;
      for (const file of batch) await this.deleteFile(file);
      count += batch.length;
    }
    await this.folders.deleteAllOf(userId);
    return count;
  }

  /** Moves several of `me`'s files into a folder (null = root); others' ids are ignored. */
  async moveBulk(me: UserRow, fileIds: readonly string[], folderId: string | null): Promise<void> {
    if (folderId !== null && !(await this.folders.findOwn(me.id, folderId))) throw new DomainError('drive.noSuchFolder');
    const own = await this.findOwnFiles(me.id, fileIds);
    await this.files.moveMany(me.id, own.map((f) => f.id), folderId);
    for (const file of own) await this.#events.fileUpdated({ ...file, folderId });
  }
}
