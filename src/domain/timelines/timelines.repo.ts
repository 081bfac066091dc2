import { type Expression, type ExpressionBuilder, type Kysely, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { DB, NoteRow } from '../../infra/db/schema.js';
import { paginate, type PageParams } from '../notes/paging.js';
import { visibleToCondition } from '../notes/visibility.js';

type Eb = ExpressionBuilder<DB, 'note'>;
type NoteQuery = SelectQueryBuilder<DB, 'note', NoteRow>;

/** Which notes a timeline draws from. */
export type TimelineSource =
  | { kind: 'home' }
  | { kind: 'local'; withReplies: boolean }
  | { kind: 'hybrid'; withReplies: boolean }
  | { kind: 'global' }
  | { kind: 'list'; listId: string };

/** The filters of a timeline request (Misskey's params, after defaults). */
export interface TimelineOptions {
  withFiles: boolean;
  withRenotes: boolean;
  includeMyRenotes: boolean;
  includeRenotedMyNotes: boolean;
  includeLocalRenotes: boolean;
}

/**
 * The SQL half of the timelines: candidate notes of a source, newest first by id, with the
 * filters an index can serve (author sets, visibility, mutes, blocks, renote flags). The
 * rest of the rules run on the rows (timeline-filter.ts).
 */
export class TimelinesRepo {
  constructor(private readonly db: Kysely<DB>) {}

  async candidates(source: TimelineSource, viewerId: string | null, options: TimelineOptions, page: PageParams): Promise<NoteRow[]> {
    if (source.kind !== 'hybrid') return this.query(source, viewerId, options, page).execute();
    // home ∪ local as two index range scans merged here: an OR of the two would defeat both indexes.
    const [home, local] = await Promise.all([
      this.query({ kind: 'home' }, viewerId, options, page).execute(),
      this.query({ kind: 'local', withReplies: source.withReplies }, viewerId, options, page).execute(),
    ]);
    return mergePages(home, local, page);
  }

  /**
   * The candidates query of one source (the benchmark prints its plan). The home timeline reads
   * the viewer's range of `home_timeline` newest first and joins each row to its note.
   */
  query(source: Exclude<TimelineSource, { kind: 'hybrid' }>, viewerId: string | null, options: TimelineOptions, page: PageParams) {
    if (source.kind === 'home') {
      // CROSS JOIN: SQLite then keeps home_timeline as the outer loop (otherwise it prefers seeking
      // every followee's notes for the author test below, and sorting them); PostgreSQL plans it as a join.
      const home = this.db
        .selectFrom('home_timeline')
        .crossJoin('note')
        .selectAll('note')
        .where('home_timeline.userId', '=', viewerId!)
        .whereRef('note.id', '=', 'home_timeline.noteId');
      // The filters only name `note`; ordering and paging go by home_timeline.noteId so its index serves them.
      return paginate(this.#filtered(home as unknown as NoteQuery, source, viewerId, options), 'home_timeline.noteId', page);
    }
    return paginate(this.#filtered(this.db.selectFrom('note').selectAll('note'), source, viewerId, options), 'note.id', page);
  }

  #filtered(from: NoteQuery, source: Exclude<TimelineSource, { kind: 'hybrid' }>, viewerId: string | null, options: TimelineOptions): NoteQuery {
    let q = from
      .where('note.channelId', 'is', null)
      .where((eb) => this.#source(eb, source, viewerId))
      .where(visibleToCondition(viewerId));
    if (viewerId !== null) q = q.where((eb) => this.#notHidden(eb, viewerId));
    if (options.withFiles) q = q.where('note.fileIds', '!=', '[]');
    if (!options.withRenotes) q = q.where((eb) => eb.not(pureRenote(eb)));
    if (viewerId !== null && !options.includeMyRenotes) q = q.where((eb) => eb.not(eb.and([pureRenote(eb), eb('note.userId', '=', viewerId)])));
    if (viewerId !== null && !options.includeRenotedMyNotes) q = q.where((eb) => eb.not(eb.and([pureRenote(eb), eb('note.renoteUserId', '=', viewerId)])));
    if (!options.includeLocalRenotes) q = q.where((eb) => eb.not(eb.and([pureRenote(eb), eb('note.renoteUserHost', 'is', null)])));
    return q;
  }

  #source(eb: Eb, source: Exclude<TimelineSource, { kind: 'hybrid' }>, viewerId: string | null): Expression<SqlBool> {
    switch (source.kind) {
      case 'home':
        return this.#home(eb, viewerId!);
      case 'local':
        return this.#local(eb, viewerId, source.withReplies);
      case 'global':
        return eb('note.visibility', '=', 'public');
      case 'list':
        return this.#list(eb, source.listId, viewerId!);
    }
  }

  /**
   * The viewer's and their followees' notes; replies to others only from follows with withReplies.
   * home_timeline holds just these already; the author test stays so that a row a concurrent
   * unfollow missed never shows.
   */
  #home(eb: Eb, viewerId: string): Expression<SqlBool> {
    // One index probe per row read (following's unique pair), not a list of every followee built per query.
    const followsAuthor = (withReplies?: boolean) => {
      let sub = eb.selectFrom('following').select('following.id').where('following.followerId', '=', viewerId).whereRef('following.followeeId', '=', 'note.userId');
      if (withReplies) sub = sub.where('following.withReplies', '=', true);
      return eb.exists(sub);
    };
    return eb.or([eb('note.userId', '=', viewerId), eb.and([followsAuthor(), eb.or([...shownReply(eb, viewerId), followsAuthor(true)])])]);
  }

  /** Local users' public notes; replies to others only with withReplies. */
  #local(eb: Eb, viewerId: string | null, withReplies: boolean): Expression<SqlBool> {
    const local = eb.and([eb('note.userHost', 'is', null), eb('note.visibility', '=', 'public')]);
    return withReplies ? local : eb.and([local, eb.or(shownReply(eb, viewerId))]);
  }

  /** Members' notes; followers-only ones are left to the visibility rule, replies per membership. */
  #list(eb: Eb, listId: string, viewerId: string): Expression<SqlBool> {
    const members = (withReplies?: boolean) => {
      let sub = eb.selectFrom('user_list_membership').select('user_list_membership.userId').where('user_list_membership.userListId', '=', listId);
      if (withReplies) sub = sub.where('user_list_membership.withReplies', '=', true);
      return sub;
    };
    return eb.and([eb('note.userId', 'in', members()), eb.or([...shownReply(eb, viewerId), eb('note.userId', 'in', members(true))])]);
  }

  /** Nothing by, replying to or renoting someone the viewer mutes or blocks, or who blocks the viewer. */
  #notHidden(eb: Eb, viewerId: string): Expression<SqlBool> {
    const now = Date.now();
    const hidden = eb
      .selectFrom('muting')
      .select('muting.muteeId as id')
      .where('muting.muterId', '=', viewerId)
      .where((w) => w.or([w('muting.expiresAt', 'is', null), w('muting.expiresAt', '>', now)]))
      .union(eb.selectFrom('blocking').select('blocking.blockeeId as id').where('blocking.blockerId', '=', viewerId))
      .union(eb.selectFrom('blocking').select('blocking.blockerId as id').where('blocking.blockeeId', '=', viewerId));
    const renoteMuted = eb.selectFrom('renote_muting').select('renote_muting.muteeId').where('renote_muting.muterId', '=', viewerId);
    return eb.and([
      eb.not(eb('note.userId', 'in', hidden)),
      eb.or([eb('note.replyUserId', 'is', null), eb.not(eb('note.replyUserId', 'in', hidden))]),
      eb.or([eb('note.renoteUserId', 'is', null), eb.not(eb('note.renoteUserId', 'in', hidden))]),
      eb.not(eb.and([pureRenote(eb), eb('note.userId', 'in', renoteMuted)])),
    ]);
  }
}

/** A renote without text, cw, files or poll (Misskey's isPureRenote). */
function pureRenote(eb: Eb): Expression<SqlBool> {
  return eb.and([
    eb('note.renoteId', 'is not', null),
    eb('note.text', 'is', null),
    eb('note.cw', 'is', null),
    eb('note.replyId', 'is', null),
    eb('note.hasPoll', '=', false),
    eb('note.fileIds', '=', '[]'),
  ]);
}

/** The replies that show without withReplies: none at all, self-replies, the viewer's own, and replies to the viewer. */
function shownReply(eb: Eb, viewerId: string | null): Expression<SqlBool>[] {
  const shown: Expression<SqlBool>[] = [eb('note.replyId', 'is', null), eb('note.replyUserId', '=', eb.ref('note.userId'))];
  if (viewerId !== null) shown.push(eb('note.userId', '=', viewerId), eb('note.replyUserId', '=', viewerId));
  return shown;
}

/** Two pages of the same paging merged: each note once, in the page's order, at most `limit`. */
function mergePages(a: NoteRow[], b: NoteRow[], page: PageParams): NoteRow[] {
  const ascending = (page.sinceId !== undefined || page.sinceDate !== undefined) && page.untilId === undefined && page.untilDate === undefined;
  const byId = new Map([...a, ...b].map((n) => [n.id, n]));
  const ids = [...byId.keys()].sort();
  if (!ascending) ids.reverse();
  return ids.slice(0, page.limit).map((id) => byId.get(id)!);
}
