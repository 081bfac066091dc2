import type { Kysely } from 'kysely';
import type { DialectName } from '../../infra/db/dialect.js';
import type { DB, NoteRow, UserRow } from '../../infra/db/schema.js';
import { DomainError } from '../errors.js';
import type { NoteCache } from '../notes/note-cache.js';
import type { PageParams } from '../notes/paging.js';
import type { RolesService } from '../roles/roles.service.js';
import type { ListsRepo } from '../social/lists.repo.js';
import type { ViewerRelationsCache } from '../social/viewer-relations.js';
import { isHomeTimelineNote, passesTimelineFilters, passesTimelineOptions, timelineNoteOfRow, type TimelineViewer } from './timeline-filter.js';
import { TimelinesRepo, type CandidateViewer, type Candidates, type TimelineOptions, type TimelineSource } from './timelines.repo.js';

// A page whose rows the in-memory rules drop is refilled from older rows, at most this many times;
// a page still empty goes on longer, reading more each time, since an empty page tells a client
// the timeline has ended.
const MAX_ROUNDS = 3;
const MAX_ROUNDS_WHEN_EMPTY = 8;
const MAX_READ = 400;

/**
 * Home timeline ids carry no SQL filter, so a page reads twice as many: a page of followees'
 * replies the viewer does not see or of renotes they switched off still fills in one round,
 * and the ids cost little (an index range; the rows mostly come from the note cache).
 */
const UNCHECKED_READ_FACTOR = 2;

/** A page of a timeline: its notes in order, and the notes loaded for it (with their reply and renote targets) for the packer to reuse. */
export interface TimelinePage {
  notes: NoteRow[];
  loaded: ReadonlyMap<string, NoteRow>;
}

/** Home, local, social (hybrid), global and list timelines with Misskey's rules. */
export class TimelinesService {
  readonly #repo: TimelinesRepo;

  constructor(
    db: Kysely<DB>,
    dialect: DialectName,
    private readonly noteCache: NoteCache,
    private readonly viewerRelations: ViewerRelationsCache,
    private readonly lists: ListsRepo,
    private readonly roles: RolesService,
  ) {
    this.#repo = new TimelinesRepo(db, dialect);
  }

  /** A page of `source` as `viewer` sees it; throws `timeline.*` when the viewer's role may not read it. */
  async page(source: TimelineSource, viewer: UserRow | null, options: TimelineOptions, page: PageParams): Promise<TimelinePage> {
    await this.#checkAccess(source, viewer);
    const rules = viewer ? await this.viewerOf(viewer.id) : null;
    const sqlViewer = rules ? candidateViewer(rules) : null;
    const ascending = (page.sinceId !== undefined || page.sinceDate !== undefined) && page.untilId === undefined && page.untilDate === undefined;
    const read = source.kind === 'home' || source.kind === 'hybrid' ? Math.min(page.limit * UNCHECKED_READ_FACTOR, 200) : page.limit;
    const notes: NoteRow[] = [];
    const loaded = new Map<string, NoteRow>();
    let cursor = { ...page, limit: read };
    for (let round = 0; notes.length < page.limit && (round < MAX_ROUNDS || (notes.length === 0 && round < MAX_ROUNDS_WHEN_EMPTY)); round++) {
      const candidates = await this.#repo.candidates(source, sqlViewer, options, cursor);
      // The rows with their reply and renote targets: the rules need the replied-to note, and the packer needs them all.
      const rows = await this.noteCache.withTargets(candidates.ids, true);
      for (const [id, row] of rows) loaded.set(id, row);
      notes.push(...this.#filter(candidates, rows, rules, options, page.limit - notes.length));
      if (candidates.ids.length < cursor.limit) break;
      const last = candidates.ids[candidates.ids.length - 1]!;
      // Continue past the last row read, in the direction of the page.
      const limit = round + 1 >= MAX_ROUNDS ? Math.min(cursor.limit * 2, MAX_READ) : cursor.limit;
      cursor = ascending ? { ...cursor, limit, sinceId: last, sinceDate: undefined } : { ...cursor, limit, untilId: last, untilDate: undefined };
    }
    return { notes: notes.slice(0, page.limit), loaded };
  }

  /** The viewer's relations and muting settings, as the timeline rules need them (cached per viewer). */
  async viewerOf(userId: string): Promise<TimelineViewer> {
    return { id: userId, ...(await this.viewerRelations.get(userId)) };
  }

  /** The first `wanted` candidates' rows `viewer` may see, in order; those read from home_timeline alone also pass the home rules and the switches. */
  #filter(candidates: Candidates, rows: ReadonlyMap<string, NoteRow>, viewer: TimelineViewer | null, options: TimelineOptions, wanted: number): NoteRow[] {
    const shown: NoteRow[] = [];
    for (const id of candidates.ids) {
      if (shown.length === wanted) break;
      // A note deleted since its id was read is simply not found.
      const row = rows.get(id);
      if (!row) continue;
      if (viewer !== null) {
        const note = timelineNoteOfRow(row, row.replyId ? rows.get(row.replyId) : undefined);
        if (candidates.unchecked.has(id) && !(isHomeTimelineNote(note, viewer) && passesTimelineOptions(row, viewer.id, options))) continue;
        if (!passesTimelineFilters(note, viewer)) continue;
      }
      shown.push(row);
    }
    return shown;
  }

  async #checkAccess(source: TimelineSource, viewer: UserRow | null): Promise<void> {
    if (source.kind === 'list') {
      const list = await this.lists.findById(source.listId);
      if (!list || list.userId !== viewer?.id) throw new DomainError('list.notFound');
      return;
    }
    if (source.kind === 'home') return;
    const policies = await this.roles.policiesOf(viewer);
    if (source.kind === 'global' && !policies.gtlAvailable) throw new DomainError('timeline.disabled');
    if ((source.kind === 'local' || source.kind === 'hybrid') && !policies.ltlAvailable) throw new DomainError('timeline.disabled');
  }
}

/** The viewer's relations as the SQL filters take them. */
function candidateViewer(rules: TimelineViewer): CandidateViewer {
  return { id: rules.id, hidden: [...new Set([...rules.muted, ...rules.blocking, ...rules.blockedBy])], renoteMuted: [...rules.renoteMuted] };
}
