import type { Kysely } from 'kysely';
import type { DB } from '../../infra/db/schema.js';
import type { IdGenerator } from '../../lib/aidx.js';
import type { DomainEventHub } from '../events.js';
import { NoteUnreadsRepo } from './note-unreads.repo.js';
import { NoteUnreadsService } from './note-unreads.service.js';

/** The unread-note service, recording every new addressed note (listener registered on `events`). */
export function createNoteUnreads(db: Kysely<DB>, ids: IdGenerator, events: DomainEventHub): NoteUnreadsService {
  const repo = new NoteUnreadsRepo(db);
  const service = new NoteUnreadsService(repo, ids, events);
  events.on('note.created', async ({ noteId, mentionedUserIds, visibleUserIds }) => {
    if (mentionedUserIds.length === 0 && visibleUserIds.length === 0) return;
    const note = await repo.findNote(noteId);
    if (note) await service.recordNote(note);
  });
  return service;
}
