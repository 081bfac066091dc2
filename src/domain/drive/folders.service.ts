import type { DriveFolderRow, UserRow } from '../../infra/db/schema.js';
import type { IdGenerator } from '../../lib/aidx.js';
import { DomainError } from '../errors.js';
import type { DriveEvents } from './drive-events.js';
import type { DriveFilesRepo } from './drive-files.repo.js';
import type { DriveFoldersRepo } from './drive-folders.repo.js';

/** A user's drive folders, with Misskey's rules: own folders only, no cycles, delete only when empty. */
export class DriveFoldersService {
  constructor(
    private readonly folders: DriveFoldersRepo,
    private readonly files: DriveFilesRepo,
    private readonly ids: IdGenerator,
    private readonly events: DriveEvents,
  ) {}

  /** `me`'s folder, or `drive.noSuchFolder`. */
  async getOwn(me: UserRow, folderId: string): Promise<DriveFolderRow> {
    const folder = await this.folders.findOwn(me.id, folderId);
    if (!folder) throw new DomainError('drive.noSuchFolder');
    return folder;
  }

  /** Creates a folder under `parentId` (null = root); throws `drive.noSuchParentFolder`. */
  async create(me: UserRow, name: string, parentId: string | null): Promise<DriveFolderRow> {
    if (parentId !== null && !(await this.folders.findOwn(me.id, parentId))) throw new DomainError('drive.noSuchParentFolder');
    const now = Date.now();
    const folder: DriveFolderRow = { id: this.ids.gen(now), createdAt: now, name, userId: me.id, parentId };
    await this.folders.insert(folder);
    await this.events.folder('folderCreated', folder);
    return folder;
  }

  /** Renames or moves a folder; moving it under itself or a descendant is `drive.recursiveNesting`. */
  async update(me: UserRow, folderId: string, change: { name?: string; parentId?: string | null }): Promise<DriveFolderRow> {
    const folder = await this.getOwn(me, folderId);
    const next = { ...folder };
    if (change.name) next.name = change.name;
    if (change.parentId !== undefined) {
      if (change.parentId === folder.id) throw new DomainError('drive.recursiveNesting');
      if (change.parentId !== null) {
        const parent = await this.folders.findOwn(me.id, change.parentId);
        if (!parent) throw new DomainError('drive.noSuchParentFolder');
        if (await this.#isWithin(parent, folder.id)) throw new DomainError('drive.recursiveNesting');
      }
      next.parentId = change.parentId;
    }
    await this.folders.update(folder.id, { name: next.name, parentId: next.parentId });
    await this.events.folder('folderUpdated', next);
    return next;
  }

  /** Deletes an empty folder; one holding files or folders is `drive.hasChildFilesOrFolders`. */
  async delete(me: UserRow, folderId: string): Promise<void> {
    const folder = await this.getOwn(me, folderId);
    const [folders, files] = await Promise.all([this.folders.countByParent([folder.id]), this.files.countByFolder([folder.id])]);
    if ((folders.get(folder.id) ?? 0) > 0 || (files.get(folder.id) ?? 0) > 0) throw new DomainError('drive.hasChildFilesOrFolders');
    await this.folders.delete(folder.id);
    await this.events.folderDeleted(folder);
  }

  /** True when `folder` is `ancestorId` or lies somewhere below it. */
  async #isWithin(folder: DriveFolderRow, ancestorId: string): Promise<boolean> {
    const seen = new Set<string>();
    let current: DriveFolderRow | undefined = folder;
    while (current && !seen.has(current.id)) {
      if (current.id === ancestorId) return true;
      seen.add(current.id);
      current = current.parentId ? await this.folders.findById(current.parentId) : undefined;
    }
    return false;
  }
}
