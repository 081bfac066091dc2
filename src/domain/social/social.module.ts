import type { Kysely } from 'kysely';
import type { DialectName } from '../../infra/db/dialect.js';
import type { DB } from '../../infra/db/schema.js';
import type { IdGenerator } from '../../lib/aidx.js';
import type { DomainEventHub } from '../events.js';
import type { FileStore } from '../../infra/files/file-store.js';
import { ProfileUpdater } from '../users/profile-update.js';
import type { ProfilesRepo } from '../users/profiles.repo.js';
import type { UsersRepo } from '../users/users.repo.js';
import type { RolesService } from '../roles/roles.service.js';
import { TimelinesService } from '../timelines/timelines.service.js';
import { BlockMuteService } from './block-mute.service.js';
import { BlocksMutesRepo } from './blocks-mutes.repo.js';
import { FollowService } from './follow.service.js';
import { FollowsRepo } from './follows.repo.js';
import { ListsRepo } from './lists.repo.js';
import { ListsService } from './lists.service.js';
import type { RelationsRepo } from './relations.repo.js';
import type { ViewerRelationsCache } from './viewer-relations.js';
import type { NoteCache } from '../notes/note-cache.js';

/** The social area's services, as they appear on `svc`. */
export interface SocialModule {
  follows: FollowService;
  blockMute: BlockMuteService;
  profileUpdater: ProfileUpdater;
  lists: ListsService;
  timelines: TimelinesService;
}

/** What the social area needs from the rest of the composition root. */
export interface SocialDeps {
  db: Kysely<DB>;
  dialect: DialectName;
  ids: IdGenerator;
  events: DomainEventHub;
  usersRepo: UsersRepo;
  relations: RelationsRepo;
  profilesRepo: ProfilesRepo;
  store: FileStore;
  roles: RolesService;
  viewerRelations: ViewerRelationsCache;
  noteCache: NoteCache;
}

/** Builds the social area (follows, blocks, mutes, lists, profile updates) and the timelines. */
export function createSocial({ db, dialect, ids, events, usersRepo, relations, profilesRepo, store, roles, viewerRelations, noteCache }: SocialDeps): SocialModule {
  const follows = new FollowService(new FollowsRepo(db), usersRepo, relations, ids, events);
  const listsRepo = new ListsRepo(db);
  return {
    follows,
    blockMute: new BlockMuteService(new BlocksMutesRepo(db), usersRepo, relations, ids, events),
    profileUpdater: new ProfileUpdater(db, profilesRepo, store, follows),
    lists: new ListsService(listsRepo, usersRepo, relations, ids, events),
    timelines: new TimelinesService(db, dialect, noteCache, viewerRelations, listsRepo, roles),
  };
}
