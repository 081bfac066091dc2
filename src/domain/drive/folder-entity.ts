import type { entities } from 'misskey-js';
import type { DriveFolderRow } from '../../infra/db/schema.js';

export type DriveFolderEntity = entities.DriveFolder;

/** A folder as Misskey's DriveFolder entity, without counts or parent (the packer adds those). */
export function toDriveFolderEntity(folder: DriveFolderRow): DriveFolderEntity {
  return { id: folder.id, createdAt: new Date(folder.createdAt).toISOString(), name: folder.name, parentId: folder.parentId };
}
