import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import type { Bus } from '../../infra/bus/bus.js';
import type { DB } from '../../infra/db/schema.js';
import type { FileStore } from '../../infra/files/file-store.js';
import type { Queue } from '../../infra/queue/queue.js';
import type { IdGenerator } from '../../lib/aidx.js';
import type { DomainEventHub } from '../events.js';
import type { RolesService } from '../roles/roles.service.js';
import type { UsersRepo } from '../users/users.repo.js';
import { DriveEvents } from './drive-events.js';
import { DriveFilesRepo } from './drive-files.repo.js';
import { DriveFoldersRepo } from './drive-folders.repo.js';
import { DriveService } from './drive.service.js';
import { DriveFoldersService } from './folders.service.js';

/** The drive's services as they appear on `svc`. */
export interface DriveModule {
  drive: DriveService;
  driveFolders: DriveFoldersService;
}

/** What the drive is built from. */
export interface DriveModuleDeps {
  db: Kysely<DB>;
  store: FileStore;
  bus: Bus;
  ids: IdGenerator;
  events: DomainEventHub;
  roles: RolesService;
  usersRepo: UsersRepo;
  /** Runs the slow work (URL uploads, removing a deleted account's files) durably. */
  queue: Queue;
  /** Limits of fetching user-supplied URLs. */
  config: Pick<Config, 'allowPrivateNetworkFetch' | 'maxFileSize'>;
}

/** Builds the drive's repositories and services. */
export function createDrive(deps: DriveModuleDeps): DriveModule {
  const files = new DriveFilesRepo(deps.db);
  const folders = new DriveFoldersRepo(deps.db);
  const events = new DriveEvents(deps.bus, deps.events, deps.store);
  // A deleted account's files go in a job: there may be many, and their bytes must not be left behind.
  deps.events.on('account.deleted', async ({ userId }) => {
    await deps.queue.enqueue('deleteDriveFiles', { userId });
  });
  return {
    drive: new DriveService({ files, folders, store: deps.store, ids: deps.ids, roles: deps.roles, usersRepo: deps.usersRepo, events, config: deps.config }),
    driveFolders: new DriveFoldersService(folders, files, deps.ids, events),
  };
}
