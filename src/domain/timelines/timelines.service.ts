import type { Kysely } from 'kysely';
import type { DB, NoteRow, UserRow } from '../../infra/db/schema.js';
import { DomainError } from '../errors.js';
import type { PageParams } from '../notes/paging.js';
import type { NotesRepo } from '../notes/notes.repo.js';
import type { RolesService } from '../roles/roles.service.js';
import type { ListsRepo } from '../social/lists.repo.js';
import type { RelationsRepo } from '../social/relations.repo.js';
import { settingsOf } from '../users/settings.js';
import type { UsersRepo } from '../users/users.repo.js';
import { loadTimelineViewer, passesTimelineFilters, timelineNoteOfRow, type TimelineViewer } from './timeline-filter.js';
import { TimelinesRepo, type TimelineOptions, type TimelineSource } from './timelines.repo.js';

// A page whose rows the in-memory rules drop is refilled from older rows, at most this many times.
const MAX_ROUNDS = 3;

/** Home, local, social (hybrid), global and list timelines with Misskey's rules. */
export class TimelinesService {
  readonly #repo: TimelinesRepo;

  constructor(
    db: Kysely<DB>,
    private readonly notes: NotesRepo,
    private readonly users: UsersRepo,
    private readonly relations: RelationsRepo,
    private readonly lists: ListsRepo,
    private readonly roles: RolesService,
  ) {
    this.#repo = new TimelinesRepo(db);
  }

  /** A page of `source` as `viewer` sees it; throws `timeline.*` when the viewer's role may not read it. */
  async page(source: TimelineSource, viewer: UserRow | null, options: TimelineOptions, page: PageParams): Promise<NoteRow[]> {
    await this.#checkAccess(source, viewer);
    const rules = viewer ? await this.viewerOf(viewer.id) : null;
    const ascending = (page.sinceId !== undefined || page.sinceDate !== undefined) && page.untilId === undefined && page.untilDate === undefined;
    const result: NoteRow[] = [];
    let cursor = { ...page };
    for (let round = 0; round < MAX_ROUNDS && result.length < page.limit; round++) {
      const rows = await this.#repo.candidates(source, viewer?.id ?? null, options, cursor);
      result.push(...(await this.#filter(rows, rules)));
      if (rows.length < cursor.limit) break;
      const last = rows[rows.length - 1]!.id;
      // Continue past the last row read, in the direction of the page.
      cursor = ascending ? { ...cursor, sinceId: last, sinceDate: undefined } : { ...cursor, untilId: last, untilDate: undefined };
    }
    return result.slice(0, page.limit);
  }

  /** The viewer's relations and muting settings, as the timeline rules need them. */
  async viewerOf(userId: string): Promise<TimelineViewer> {
    const settings = settingsOf(await this.users.findProfile(userId));
    return loadTimelineViewer(this.relations, userId, settings);
  }

  async #filter(rows: NoteRow[], viewer: TimelineViewer | null): Promise<NoteRow[]> {
    if (viewer === null) return rows;
    const replies = await this.notes.findManyByIds(rows.map((r) => r.replyId).filter((id): id is string => id !== null));
    return rows.filter((r) => passesTimelineFilters(timelineNoteOfRow(r, r.replyId ? replies.get(r.replyId) : undefined), viewer));
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
