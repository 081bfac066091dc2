import { toDriveFolderEntity, type DriveFolderEntity } from '../../domain/drive/folder-entity.js';
import type { DriveFolderRow } from '../../infra/db/schema.js';
import type { Services } from '../../services.js';

/** Turns drive folder rows into DriveFolder entities; `detail` adds counts and the parent chain, batched per level. */
export class DriveFolderPacker {
  constructor(private readonly svc: Services) {}

  async pack(folder: DriveFolderRow, opts: { detail?: boolean } = {}): Promise<DriveFolderEntity> {
    return (await this.packMany([folder], opts))[0]!;
  }

  async packMany(folders: readonly DriveFolderRow[], opts: { detail?: boolean } = {}): Promise<DriveFolderEntity[]> {
    if (!opts.detail || folders.length === 0) return folders.map(toDriveFolderEntity);
    const ids = folders.map((f) => f.id);
    const parentIds = [...new Set(folders.map((f) => f.parentId).filter((id): id is string => id !== null))];
    const { files, folders: foldersRepo } = this.svc.drive;
    const [fileCounts, folderCounts, parentRows] = await Promise.all([
      files.countByFolder(ids),
      foldersRepo.countByParent(ids),
      foldersRepo.findManyByIds(parentIds),
    ]);
    // Parents are packed in detail too (as Misskey), one level per round trip.
    const parents = await this.packMany([...parentRows.values()], opts);
    const parentById = new Map(parents.map((p) => [p.id, p]));
    return folders.map((f) => ({
      ...toDriveFolderEntity(f),
      foldersCount: folderCounts.get(f.id) ?? 0,
      filesCount: fileCounts.get(f.id) ?? 0,
      ...(f.parentId ? { parent: parentById.get(f.parentId) ?? null } : {}),
    }));
  }
}
