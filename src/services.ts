import type { Config } from './config.js';
import type { Bus } from './infra/bus/bus.js';
import type { Database } from './infra/db/dialect.js';
import type { Kv } from './infra/kv/kv.js';
import type { Queue } from './infra/queue/queue.js';
import { IdGenerator } from './lib/aidx.js';
import { AccessTokensService } from './domain/auth/access-tokens.service.js';
import { DomainEventHub } from './domain/events.js';
import { RelationsRepo } from './domain/social/relations.repo.js';
import { ViewerRelationsCache } from './domain/social/viewer-relations.js';
import { NotePagesRepo } from './domain/notes/note-pages.repo.js';
import { NoteCache } from './domain/notes/note-cache.js';
import { createSocial, type SocialModule } from './domain/social/social.module.js';
import { AuthService } from './domain/auth/auth.service.js';
import { clientPageFetcher } from './domain/auth/client-page.js';
import { OAuthService } from './domain/auth/oauth.service.js';
import { AccountService } from './domain/auth/account.service.js';
import { AppsRepo } from './domain/auth/apps.repo.js';
import { AppsService } from './domain/auth/apps.service.js';
import { SignupService } from './domain/users/signup.js';
import { RegistrationTicketsRepo } from './domain/users/registration-tickets.repo.js';
import { SigninsRepo } from './domain/auth/signins.repo.js';
import { SigninService } from './domain/auth/signin.service.js';
import { MetaService } from './domain/instance/meta.service.js';
import { StatsService } from './domain/instance/stats.service.js';
import { RolesService } from './domain/roles/roles.service.js';
import { UsersRepo } from './domain/users/users.repo.js';
import { UserCache } from './domain/users/user-cache.js';
import { ProfilesRepo } from './domain/users/profiles.repo.js';
import { UsersService } from './domain/users/users.service.js';
import { AvatarDecorationsRepo } from './domain/users/avatar-decorations.repo.js';
import { AvatarDecorationsService } from './domain/users/avatar-decorations.service.js';
import { ProfileExtras } from './domain/users/profile-extras.js';
import { UserDiscoveryRepo } from './domain/users/user-discovery.repo.js';
import { UserDiscoveryService } from './domain/users/user-discovery.service.js';
import { UserActivityRepo } from './domain/users/user-activity.repo.js';
import { UserActivityService } from './domain/users/user-activity.service.js';
import { createDrive, type DriveModule } from './domain/drive/drive.module.js';
import type { FileStore } from './infra/files/file-store.js';
import { createNotifications } from './domain/notifications/notifications.module.js';
import type { NotificationsService } from './domain/notifications/notifications.service.js';
import type { NoteNotifier } from './domain/notifications/note-notifier.js';
import { createNotes, type NotesModule } from './domain/notes/notes.module.js';
import { RegistryRepo } from './domain/registry/registry.repo.js';
import { RegistryService } from './domain/registry/registry.service.js';
import { createNoteUnreads } from './domain/note-unreads/note-unreads.module.js';
import type { NoteUnreadsService } from './domain/note-unreads/note-unreads.service.js';

/** The infrastructure picked by the composition root (main.ts or a test). */
export interface Infra {
  config: Config;
  database: Database;
  kv: Kv;
  bus: Bus;
  /** Where drive files' bytes live: DATA_DIR/files or an S3 bucket. */
  files: FileStore;
  /** The job queue (`svc.queue.enqueue(name, payload, {delay})`): a database table, or BullMQ with REDIS_URL. */
  queue: Queue;
}

/** Every domain service, built once per process; handlers receive this as `svc`. */
export interface Services extends Infra, SocialModule, DriveModule, NotesModule {
  ids: IdGenerator;
  events: DomainEventHub;
  relations: RelationsRepo;
  /** Each viewer's follows, mutes, blocks and muted instances/words, cached and invalidated over the bus. */
  viewerRelations: ViewerRelationsCache;
  /** What a page of notes loads (targets, polls, files) in a fixed set of statements. */
  notePages: NotePagesRepo;
  /** Note rows by id for pages of notes, invalidated over the bus. */
  noteCache: NoteCache;
  meta: MetaService;
  roles: RolesService;
  stats: StatsService;
  usersRepo: UsersRepo;
  /** Users and their images by id and by native token, cached and invalidated over the bus. */
  userCache: UserCache;
  profilesRepo: ProfilesRepo;
  users: UsersService;
  /** users/search, users/recommendation and pinned-users. */
  userDiscovery: UserDiscoveryService;
  avatarDecorations: AvatarDecorationsService;
  /** users/featured-notes and users/reactions. */
  userActivity: UserActivityService;
  /** The i/update fields checked against other data (decorations, pages, aliases). */
  profileExtras: ProfileExtras;
  notifications: NotificationsService;
  noteNotifier: NoteNotifier;
  auth: AuthService;
  accessTokens: AccessTokensService;
  signins: SigninsRepo;
  signin: SigninService;
  signup: SignupService;
  apps: AppsService;
  account: AccountService;
  oauth: OAuthService;
  /** i/registry/*: the key/value settings clients keep on the server. */
  registry: RegistryService;
  /** Unread mentions and specified notes (hasUnreadMentions, hasUnreadSpecifiedNotes). */
  noteUnreads: NoteUnreadsService;
}

/** Builds the domain services over the given infrastructure. */
export function createServices(infra: Infra): Services {
  const db = infra.database.db;
  const ids = new IdGenerator();
  const events = new DomainEventHub((err, event) => console.error(`tsubame: listener of ${event} failed:`, err));
  const meta = new MetaService(db, infra.bus);
  const usersRepo = new UsersRepo(db);
  const users = new UsersService(db, usersRepo, meta, ids, events);
  const userCache = new UserCache(usersRepo, events, infra.bus);
  const signins = new SigninsRepo(db);
  const accessTokens = new AccessTokensService(db, infra.kv, ids, events);
  const relations = new RelationsRepo(db);
  const viewerRelations = new ViewerRelationsCache(relations, events, infra.bus);
  const notePages = new NotePagesRepo(db, infra.database.dialect);
  const noteCache = new NoteCache(notePages, events, infra.bus, infra.config.noteCacheSize);
  const profilesRepo = new ProfilesRepo(db);
  const roles = new RolesService(meta);
  const avatarDecorations = new AvatarDecorationsService(new AvatarDecorationsRepo(db), ids, infra.bus);
  const publicUrl = () => infra.config.publicUrl;
  const notesModule = createNotes({ db, config: infra.config, kv: infra.kv, ids, events, usersRepo, relations, viewerRelations, roles, queue: infra.queue });
  return {
    ...infra,
    ...createDrive({ db, store: infra.files, bus: infra.bus, ids, events, roles, usersRepo, config: infra.config, queue: infra.queue }),
    ids,
    events,
    relations,
    viewerRelations,
    notePages,
    noteCache,
    meta,
    roles,
    stats: new StatsService(db),
    usersRepo,
    userCache,
    profilesRepo,
    ...createSocial({ db, dialect: infra.database.dialect, ids, events, usersRepo, relations, profilesRepo, store: infra.files, roles, viewerRelations, noteCache }),
    users,
    userDiscovery: new UserDiscoveryService(new UserDiscoveryRepo(db), meta, () => new URL(publicUrl()).host),
    avatarDecorations,
    profileExtras: new ProfileExtras(usersRepo, avatarDecorations, publicUrl),
    userActivity: new UserActivityService(new UserActivityRepo(db), notesModule.notes, notesModule.notesRepo, usersRepo, roles),
    auth: new AuthService(db, userCache, signins),
    accessTokens,
    signins,
    signin: new SigninService(signins, usersRepo, infra.kv, infra.bus, ids, events),
    signup: new SignupService(new RegistrationTicketsRepo(db), users, usersRepo, meta),
    apps: new AppsService(new AppsRepo(db), accessTokens, ids, () => infra.config.publicUrl),
    account: new AccountService(db, usersRepo, signins, accessTokens, infra.bus, events),
    registry: new RegistryService(new RegistryRepo(db), ids, infra.bus),
    noteUnreads: createNoteUnreads(db, ids, events),
    oauth: new OAuthService(infra.kv, accessTokens, clientPageFetcher(infra.config.allowPrivateNetworkFetch)),
    ...notesModule,
    ...createNotifications(db, usersRepo, ids, events, viewerRelations),
  };
}
