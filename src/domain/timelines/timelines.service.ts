import type { Kysely } from 'kysely';
import type { DB, NoteRow, UserRow } from '../../infra/db/schema.js';
import { DomainError } from '../errors.js';
import type { NotePagesRepo, PageNoteRow } from '../notes/note-pages.repo.js';
import type { PageParams } from '../notes/paging.js';
import type { RolesService } from '../roles/roles.service.js';
import type { ListsRepo } from '../social/lists.repo.js';
import type { ViewerRelationsCache } from '../social/viewer-relations.js';
import { passesTimelineFilters, timelineNoteOfRow, type TimelineViewer } from './timeline-filter.js';
import { TimelinesRepo, type TimelineOptions, type TimelineSource } from './timelines.repo.js';

// A page whose rows the in-memory rules drop is refilled from older rows, at most this many times.
const MAX_ROUNDS = 3;

/**
 * A page of a timeline: its notes in order, and the notes loaded to filter them (the page's
 * notes, their reply and renote targets, with the viewer's reactions) for the packer to reuse.
 */
export interface TimelinePage {
  notes: NoteRow[];
  loaded: ReadonlyMap<string, PageNoteRow>;
}

/** Home, local, social (hybrid), global and list timelines with Misskey's rules. */
export class TimelinesService {
  readonly #repo: TimelinesRepo;

  constructor(
    db: Kysely<DB>,
    private readonly notePages: NotePagesRepo,
    private readonly viewerRelations: ViewerRelationsCache,
    private readonly lists: ListsRepo,
    private readonly roles: RolesService,
  ) {
    this.#repo = new TimelinesRepo(db);
  }

  /** A page of `source` as `viewer` sees it; throws `timeline.*` when the viewer's role may not read it. */
  async page(source: TimelineSource, viewer: UserRow | null, options: TimelineOptions, page: PageParams): Promise<TimelinePage> {
    await this.#checkAccess(source, viewer);
    const rules = viewer ? await this.viewerOf(viewer.id) : null;
    const ascending = (page.sinceId !== undefined || page.sinceDate !== undefined) && page.untilId === undefined && page.untilDate === undefined;
    const notes: NoteRow[] = [];
    const loaded = new Map<string, PageNoteRow>();
    let cursor = { ...page };
    for (let round = 0; round < MAX_ROUNDS && notes.length < page.limit; round++) {
      const rows = await this.#repo.candidates(source, viewer?.id ?? null, options, cursor);
      notes.push(...(await this.#filter(rows, rules, loaded)));
      if (rows.length < cursor.limit) break;
      const last = rows[rows.length - 1]!.id;
      // Continue past the last row read, in the direction of the page.
      cursor = ascending ? { ...cursor, sinceId: last, sinceDate: undefined } : { ...cursor, untilId: last, untilDate: undefined };
    }
    return { notes: notes.slice(0, page.limit), loaded };
  }

  /** The viewer's relations and muting settings, as the timeline rules need them (cached per viewer). */
  async viewerOf(userId: string): Promise<TimelineViewer> {
    return { id: userId, ...(await this.viewerRelations.get(userId)) };
  }

  /**
   * The rows `viewer` may see. Their reply and renote targets are loaded with the viewer's
   * reactions (into `loaded`): the rules need the replied-to note, and the packer needs them all.
   */
  async #filter(rows: NoteRow[], viewer: TimelineViewer | null, loaded: Map<string, PageNoteRow>): Promise<NoteRow[]> {
    if (viewer === null || rows.length === 0) return rows;
    const found = await this.notePages.notesWithTargets(rows.map((r) => r.id), viewer.id, true);
    for (const [id, row] of found) loaded.set(id, row);
    return rows.filter((r) => passesTimelineFilters(timelineNoteOfRow(r, r.replyId ? found.get(r.replyId) : undefined), viewer));
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
