import type { Bus } from '../../infra/bus/bus.js';
import { InvalidationChannel } from '../../infra/bus/invalidation.js';
import type { NoteRow } from '../../infra/db/schema.js';
import { InvalidatableLru } from '../../lib/invalidatable-lru.js';
import type { DomainEventHub } from '../events.js';
import { MAX_NESTING, type NotePagesRepo } from './note-pages.repo.js';

/** Bus topic on which every process hears which notes' rows changed (body: note ids). */
const INVALIDATE_TOPIC = 'internal:note-cache';

/**
 * Note rows by id, kept in memory so a page of notes (timelines, users/notes, notes/show,
 * notifications) reads from the database only the rows it has not seen lately. Only what is the
 * same for every viewer is kept: the viewer's reactions, poll votes and files are read per page.
 * Bounded (least recently used out first; `maxEntries` 0 keeps nothing). A row is dropped when a
 * domain event changes what it holds (reaction counts, replies and renote counts, deletion), in
 * this process at once and in every other process over the bus; a load that overlapped such a
 * change is not kept.
 */
export class NoteCache {
  readonly #entries: InvalidatableLru<NoteRow>;
  readonly #invalidation: InvalidationChannel;

  constructor(
    private readonly repo: NotePagesRepo,
    events: DomainEventHub,
    bus: Bus,
    maxEntries: number,
  ) {
    this.#entries = new InvalidatableLru(maxEntries);
    this.#invalidation = new InvalidationChannel(bus, INVALIDATE_TOPIC, (ids) => this.#entries.drop(ids));
    const stale = (ids: (string | null)[]) => this.#invalidation.invalidate(ids.filter((id): id is string => id !== null));
    // A reply or renote changes its target's repliesCount / renoteCount.
    events.on('note.created', (e) => stale([e.replyId, e.renoteId]));
    events.on('note.deleted', (e) => stale([e.noteId, e.replyId, e.renoteId]));
    events.on('reaction.created', (e) => stale([e.noteId]));
    events.on('reaction.deleted', (e) => stale([e.noteId]));
  }

  /**
   * The notes `ids` that exist; with `nested`, also their reply and renote targets as
   * NotePagesRepo.notesWithTargets loads them. At most one statement, none when all are known.
   */
  async withTargets(ids: readonly string[], nested: boolean): Promise<Map<string, NoteRow>> {
    const found = new Map<string, NoteRow>();
    const missing = new Set<string>();
    const expand = nested ? MAX_NESTING : 0;
    const visit = (id: string, depth: number, detailed: boolean) => {
      const row = this.#entries.get(id);
      if (!row) return void missing.add(id);
      found.set(id, row);
      if (!detailed || depth >= expand) return;
      if (row.replyId) visit(row.replyId, depth + 1, false);
      if (row.renoteId) visit(row.renoteId, depth + 1, depth + 1 < expand);
    };
    for (const id of ids) visit(id, 0, true);
    if (missing.size === 0) return found;
    // A missing note is loaded with all its targets, which covers whatever it lacked here.
    const ticket = this.#entries.ticket();
    const loaded = await this.repo.notesWithTargets([...missing], nested);
    for (const [id, row] of loaded) {
      found.set(id, row);
      this.#entries.set(id, row, ticket);
    }
    return found;
  }
}
