import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import type { DB } from '../../infra/db/schema.js';
import type { Kv } from '../../infra/kv/kv.js';
import type { Queue } from '../../infra/queue/queue.js';
import type { IdGenerator } from '../../lib/aidx.js';
import { EmojisRepo } from '../emojis/emojis.repo.js';
import type { DomainEventHub } from '../events.js';
import { PollsRepo } from '../polls/polls.repo.js';
import { PollsService } from '../polls/polls.service.js';
import { ReactionsRepo } from '../reactions/reactions.repo.js';
import { ReactionsService } from '../reactions/reactions.service.js';
import type { RolesService } from '../roles/roles.service.js';
import type { RelationsRepo } from '../social/relations.repo.js';
import type { ViewerRelationsCache } from '../social/viewer-relations.js';
import type { UsersRepo } from '../users/users.repo.js';
import { DraftsRepo } from './drafts.repo.js';
import { DraftsService } from './drafts.service.js';
import { NoteExtrasService } from './note-extras.service.js';
import { NoteMarksRepo } from './note-marks.repo.js';
import { NotesRepo } from './notes.repo.js';
import { NotesService } from './notes.service.js';

/** The notes area's services, as they appear on `svc`. */
export interface NotesModule {
  notesRepo: NotesRepo;
  notes: NotesService;
  noteExtras: NoteExtrasService;
  noteDrafts: DraftsService;
  reactionsRepo: ReactionsRepo;
  reactions: ReactionsService;
  pollsRepo: PollsRepo;
  polls: PollsService;
  emojisRepo: EmojisRepo;
}

/** What the notes area is built from. */
export interface NotesModuleDeps {
  db: Kysely<DB>;
  config: Config;
  kv: Kv;
  ids: IdGenerator;
  events: DomainEventHub;
  usersRepo: UsersRepo;
  relations: RelationsRepo;
  viewerRelations: ViewerRelationsCache;
  roles: RolesService;
  queue: Queue;
}

/** Builds notes, reactions, polls and custom emoji services. */
export function createNotes(d: NotesModuleDeps): NotesModule {
  const notesRepo = new NotesRepo(d.db);
  const deps = { db: d.db, config: d.config, notes: notesRepo, users: d.usersRepo, relations: d.relations, viewerRelations: d.viewerRelations, roles: d.roles, ids: d.ids, kv: d.kv, events: d.events, queue: d.queue };
  const notes = new NotesService(deps);
  const reactionsRepo = new ReactionsRepo(d.db);
  const pollsRepo = new PollsRepo(d.db);
  const emojisRepo = new EmojisRepo(d.db);
  return {
    notesRepo,
    notes,
    noteExtras: new NoteExtrasService(new NoteMarksRepo(d.db), notes, d.ids, d.roles),
    noteDrafts: new DraftsService(new DraftsRepo(d.db), deps),
    reactionsRepo,
    reactions: new ReactionsService(reactionsRepo, notes, emojisRepo, d.viewerRelations, d.ids, d.events),
    pollsRepo,
    polls: new PollsService(pollsRepo, notesRepo, notes, d.viewerRelations, d.ids, d.events),
    emojisRepo,
  };
}
