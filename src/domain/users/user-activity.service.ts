import type { NoteRow, UserRow } from '../../infra/db/schema.js';
import { DomainError } from '../errors.js';
import type { NotesRepo } from '../notes/notes.repo.js';
import type { NotesService } from '../notes/notes.service.js';
import type { PageParams } from '../notes/paging.js';
import type { RolesService } from '../roles/roles.service.js';
import { settingsOf } from './settings.js';
import type { ReactionWithNote, UserActivityRepo } from './user-activity.repo.js';
import type { UsersRepo } from './users.repo.js';

const DAY = 24 * 60 * 60 * 1000;
/** Misskey ranks a user's notes in 7-day windows counted from this date, reading the current and the previous window. */
const RANKING_EPOCH = Date.parse('2023-01-01T00:00:00Z');
const RANKING_WINDOW_MS = 7 * DAY;
/** Misskey scores a reaction only while the note is at most 3 days old. */
const RANKING_FRESH_MS = 3 * DAY;
/** How many ranked notes Misskey keeps per user. */
const RANKING_SIZE = 50;

/** What a user did that others may look at: their featured notes and their reactions. */
export class UserActivityService {
  constructor(
    private readonly repo: UserActivityRepo,
    private readonly notes: NotesService,
    private readonly notesRepo: NotesRepo,
    private readonly users: UsersRepo,
    private readonly roles: RolesService,
  ) {}

  /**
   * Misskey's users/featured-notes: the user's public notes most reacted to by others in the
   * current and previous ranking windows, newest first, without notes of users hidden from `me`.
   */
  async featuredNotes(userId: string, me: UserRow | null, limit: number, untilId?: string, now: number = Date.now()): Promise<NoteRow[]> {
    const viewer = await this.notes.viewer(me);
    const hidden = new Set(viewer.hiddenUserIds);
    // A user who blocks (or is muted by) the caller shows them nothing.
    if (hidden.has(userId)) return [];
    const since = RANKING_EPOCH + (Math.floor((now - RANKING_EPOCH) / RANKING_WINDOW_MS) - 1) * RANKING_WINDOW_MS;
    // compat: Misskey samples 30% of reactions into a Redis ranking; counting them all is the same ranking without the noise.
    const ranked = await this.repo.mostReactedNoteIds(userId, since, RANKING_FRESH_MS, RANKING_SIZE);
    const ids = ranked
      .sort((a, b) => (a > b ? -1 : 1))
      .filter((id) => untilId === undefined || id < untilId)
      .slice(0, limit);
    const found = await this.notesRepo.findManyByIds(ids);
    return ids
      .map((id) => found.get(id))
      .filter((n): n is NoteRow => n !== undefined && ![n.userId, n.replyUserId, n.renoteUserId].some((u) => u !== null && hidden.has(u)));
  }

  /**
   * Misskey's users/reactions: refused for remote users and when the user keeps reactions
   * private, except to themself and to moderators; notes `me` may not see are left out.
   */
  async reactions(userId: string, me: UserRow | null, page: PageParams): Promise<ReactionWithNote[]> {
    const [user, profile] = await Promise.all([this.users.findById(userId), this.users.findProfile(userId)]);
    if (!user) throw new DomainError('user.notFound');
    if (!(me !== null && this.roles.isModerator(me))) {
      if (user.host !== null) throw new DomainError('user.remote');
      if (me?.id !== userId && !settingsOf(profile).publicReactions) throw new DomainError('user.reactionsNotPublic');
    }
    return this.repo.reactionsBy(userId, await this.notes.viewer(me), page);
  }
}
