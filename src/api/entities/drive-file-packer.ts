import { toDriveFileEntity, type DriveFileEntity } from '../../domain/drive/file-entity.js';
import type { DriveFileRow } from '../../infra/db/schema.js';
import type { Services } from '../../services.js';
import { DriveFolderPacker } from './drive-folder-packer.js';
import { UserPacker } from './user-packer.js';

/** How a file is shown (Misskey's DriveFileEntityService pack options). */
export interface DriveFilePackOptions {
  /** The owner's own view: original URL and raw properties. Others get the web-public URL. */
  self?: boolean;
  /** Include the folder (with counts and parents). */
  detail?: boolean;
  /** Include the owner as UserLite. */
  withUser?: boolean;
}

/** Turns drive file rows into DriveFile entities; one query per relation for the whole list. */
export class DriveFilePacker {
  constructor(private readonly svc: Services) {}

  async pack(file: DriveFileRow, opts: DriveFilePackOptions = {}): Promise<DriveFileEntity> {
    return (await this.packMany([file], opts))[0]!;
  }

  /**
   * Packs rows, or ids (looked up in one query; ids without a file are left out), keeping
   * the given order. Notes pack their attachments with the default (public) view.
   */
  async packMany(files: readonly (DriveFileRow | string)[], opts: DriveFilePackOptions = {}): Promise<DriveFileEntity[]> {
    const rows = await this.#resolve(files);
    if (rows.length === 0) return [];
    const packed = rows.map((f) => toDriveFileEntity(f, this.svc.files, opts.self ?? false));
    await Promise.all([opts.detail ? this.#addFolders(rows, packed) : undefined, opts.withUser ? this.#addUsers(rows, packed) : undefined]);
    return packed;
  }

  /** Packed files keyed by id, for packing many notes' attachments at once. */
  async packManyByIds(ids: readonly string[], opts: DriveFilePackOptions = {}): Promise<Map<string, DriveFileEntity>> {
    const packed = await this.packMany([...new Set(ids)], opts);
    return new Map(packed.map((f) => [f.id, f]));
  }

  async #resolve(files: readonly (DriveFileRow | string)[]): Promise<DriveFileRow[]> {
    const ids = files.filter((f): f is string => typeof f === 'string');
    const found = await this.svc.drive.files.findManyByIds(ids);
    return files.map((f) => (typeof f === 'string' ? found.get(f) : f)).filter((f): f is DriveFileRow => f !== undefined);
  }

  async #addFolders(rows: DriveFileRow[], packed: DriveFileEntity[]): Promise<void> {
    const folderIds = rows.map((f) => f.folderId).filter((id): id is string => id !== null);
    const folderRows = await this.svc.drive.folders.findManyByIds(folderIds);
    const folders = await new DriveFolderPacker(this.svc).packMany([...folderRows.values()], { detail: true });
    const byId = new Map(folders.map((f) => [f.id, f]));
    rows.forEach((f, i) => (packed[i]!.folder = f.folderId ? (byId.get(f.folderId) ?? null) : null));
  }

  async #addUsers(rows: DriveFileRow[], packed: DriveFileEntity[]): Promise<void> {
    const userRows = await this.svc.usersRepo.findManyByIds(rows.map((f) => f.userId).filter((id): id is string => id !== null));
    const users = await new UserPacker(this.svc).packLiteMany([...userRows.values()]);
    const byId = new Map(users.map((u) => [u.id, u]));
    rows.forEach((f, i) => (packed[i]!.user = f.userId ? (byId.get(f.userId) ?? null) : null));
  }
}
