import type { Bus } from '../../infra/bus/bus.js';
import type { DriveFileRow, DriveFolderRow } from '../../infra/db/schema.js';
import type { FileStore } from '../../infra/files/file-store.js';
import type { DomainEventHub } from '../events.js';
import { toDriveFileEntity, type DriveFileEntity } from './file-entity.js';
import { toDriveFolderEntity } from './folder-entity.js';

/**
 * Announces drive changes once they are committed: the owner's `drive` stream
 * (bus topic `drive:<userId>`), the main stream's `driveFileCreated`, and domain events.
 */
export class DriveEvents {
  constructor(
    private readonly bus: Bus,
    private readonly events: DomainEventHub,
    private readonly store: FileStore,
  ) {}

  /** The owner's view of `file`, as streams carry it. */
  entity(file: DriveFileRow): DriveFileEntity {
    return toDriveFileEntity(file, this.store, true);
  }

  async fileCreated(file: DriveFileRow): Promise<void> {
    this.events.emit('driveFile.created', { fileId: file.id, userId: file.userId });
    if (!file.userId) return;
    const body = this.entity(file);
    await Promise.all([
      this.bus.publish(`main:${file.userId}`, { type: 'driveFileCreated', body }),
      this.bus.publish(`drive:${file.userId}`, { type: 'fileCreated', body }),
    ]);
  }

  /** The main-stream event the client of drive/files/upload-from-url waits for. */
  async urlUploadFinished(file: DriveFileRow, marker: string | null): Promise<void> {
    if (file.userId) await this.bus.publish(`main:${file.userId}`, { type: 'urlUploadFinished', body: { marker, file: this.entity(file) } });
  }

  async fileUpdated(file: DriveFileRow): Promise<void> {
    if (file.userId) await this.bus.publish(`drive:${file.userId}`, { type: 'fileUpdated', body: this.entity(file) });
  }

  async fileDeleted(file: DriveFileRow): Promise<void> {
    this.events.emit('driveFile.deleted', { fileId: file.id, userId: file.userId });
    if (file.userId) await this.bus.publish(`drive:${file.userId}`, { type: 'fileDeleted', body: file.id });
  }

  async folder(type: 'folderCreated' | 'folderUpdated', folder: DriveFolderRow): Promise<void> {
    if (folder.userId) await this.bus.publish(`drive:${folder.userId}`, { type, body: toDriveFolderEntity(folder) });
  }

  async folderDeleted(folder: DriveFolderRow): Promise<void> {
    if (folder.userId) await this.bus.publish(`drive:${folder.userId}`, { type: 'folderDeleted', body: folder.id });
  }
}
