import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { DialectName } from '../../infra/db/dialect.js';
import { precompiled, type PrecompiledArg } from '../../infra/db/precompiled.js';
import type { DB } from '../../infra/db/schema.js';
import { idAtTime } from '../../lib/aidx.js';
import { paginate, type PageParams } from '../notes/paging.js';
import { visibleToCondition } from '../notes/visibility.js';

type Eb = ExpressionBuilder<DB, 'note'>;

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

/** The viewer as the SQL filters see them: their id and, from their cached relations, whom they do not see. */
export interface CandidateViewer {
  id: string;
  /** Users muted, blocked or blocking the viewer: nothing by, replying to or renoting them. */
  hidden: readonly string[];
  /** Users whose pure renotes the viewer muted. */
  renoteMuted: readonly string[];
}

/** The values a candidates query runs with; each shape of query uses some of them (see #ids). */
interface QueryValues {
  viewerId: string;
  hidden: string;
  renoteMuted: string;
  listId: string;
  since: string;
  until: string;
  limit: number;
}

type Runner = (db: Kysely<DB>, ...args: PrecompiledArg[]) => Promise<{ id: string }[]>;

/** A page of candidate note ids, newest first (oldest first when paging up from sinceId/sinceDate). */
export interface Candidates {
  ids: string[];
  /**
   * The ids read from the viewer's home_timeline alone, to which no SQL filter applied: the home
   * rules and the request's switches run on their rows (timeline-filter.ts).
   */
  unchecked: ReadonlySet<string>;
}

const NONE: ReadonlySet<string> = new Set();

// The home timeline's id range, read on every home and social page: compiled once per paging shape (see precompiled.ts).
const homeRange = (db: Kysely<DB>, userId: string) => db.selectFrom('home_timeline').select('home_timeline.noteId as id').where('home_timeline.userId', '=', userId);
const homeIds = {
  newest: precompiled((db, userId: string, limit: number) => homeRange(db, userId).orderBy('home_timeline.noteId', 'desc').limit(limit)),
  until: precompiled((db, userId: string, until: string, limit: number) =>
    homeRange(db, userId).where('home_timeline.noteId', '<', until).orderBy('home_timeline.noteId', 'desc').limit(limit),
  ),
  // Only a lower bound: oldest first, as Misskey pages up (paging.ts).
  since: precompiled((db, userId: string, since: string, limit: number) =>
    homeRange(db, userId).where('home_timeline.noteId', '>', since).orderBy('home_timeline.noteId', 'asc').limit(limit),
  ),
  between: precompiled((db, userId: string, since: string, until: string, limit: number) =>
    homeRange(db, userId).where('home_timeline.noteId', '>', since).where('home_timeline.noteId', '<', until).orderBy('home_timeline.noteId', 'desc').limit(limit),
  ),
};

/**
 * The SQL half of the timelines: candidate note ids of a source, in page order. The home
 * timeline is a range of the viewer's `home_timeline` index, nothing else; the other sources
 * filter by what an index can serve (author sets, visibility, mutes, blocks, renote flags).
 * The rest of the rules run on the rows (timeline-filter.ts).
 */
export class TimelinesRepo {
  // One compiled query per shape (source, switches, viewer or not, paging bounds): a bounded set.
  readonly #runners = new Map<string, { names: (keyof QueryValues)[]; run: Runner }>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly dialect: DialectName,
  ) {}

  async candidates(source: TimelineSource, viewer: CandidateViewer | null, options: TimelineOptions, page: PageParams): Promise<Candidates> {
    if (source.kind !== 'hybrid') {
      const ids = await this.#ids(source, viewer, options, page);
      return { ids, unchecked: source.kind === 'home' ? new Set(ids) : NONE };
    }
    // home ∪ local as two index range scans merged here: an OR of the two would defeat both indexes.
    const [home, local] = await Promise.all([
      this.#ids({ kind: 'home' }, viewer, options, page),
      this.#ids({ kind: 'local', withReplies: source.withReplies }, viewer, options, page),
    ]);
    const fromLocal = new Set(local);
    return { ids: mergePages(home, local, page), unchecked: new Set(home.filter((id) => !fromLocal.has(id))) };
  }

  async #ids(source: Exclude<TimelineSource, { kind: 'hybrid' }>, viewer: CandidateViewer | null, options: TimelineOptions, page: PageParams): Promise<string[]> {
    if (source.kind === 'home') return (await this.#homeIds(viewer!.id, page)).map((r) => r.id);
    const values: QueryValues = {
      viewerId: viewer?.id ?? '',
      hidden: JSON.stringify(viewer?.hidden ?? []),
      renoteMuted: JSON.stringify(viewer?.renoteMuted ?? []),
      listId: source.kind === 'list' ? source.listId : '',
      since: page.sinceId ?? (page.sinceDate !== undefined ? idAtTime(page.sinceDate) : ''),
      until: page.untilId ?? (page.untilDate !== undefined ? idAtTime(page.untilDate) : ''),
      limit: page.limit,
    };
    const { names, run } = this.#runner(source, viewer !== null, options, values.since !== '', values.until !== '');
    return (await run(this.db, ...names.map((n) => values[n]))).map((r) => r.id);
  }

  /**
   * The compiled query of a shape. Kysely builds and compiles it once, with placeholders for the
   * values the shape uses (precompiled.ts refuses an unused one), in the order of `names`.
   */
  #runner(source: Exclude<TimelineSource, { kind: 'home' | 'hybrid' }>, signedIn: boolean, options: TimelineOptions, since: boolean, until: boolean) {
    const key = JSON.stringify([source.kind, source.kind === 'local' && source.withReplies, signedIn, options, since, until]);
    let runner = this.#runners.get(key);
    if (!runner) {
      const names: (keyof QueryValues)[] = [
        ...(signedIn ? (['viewerId', 'hidden', 'renoteMuted'] as const) : []),
        ...(source.kind === 'list' ? (['listId'] as const) : []),
        ...(since ? (['since'] as const) : []),
        ...(until ? (['until'] as const) : []),
        'limit',
      ];
      const run = precompiled((db: Kysely<DB>, ...args: PrecompiledArg[]) => {
        const v = Object.fromEntries(names.map((n, i) => [n, args[i]])) as Record<keyof QueryValues, string>;
        const shaped = source.kind === 'list' ? { kind: 'list' as const, listId: v.listId } : source;
        const viewer = signedIn ? { id: v.viewerId, hiddenJson: v.hidden, renoteMutedJson: v.renoteMuted } : null;
        return this.#query(db, shaped, viewer, options, { limit: v.limit as unknown as number, sinceId: v.since, untilId: v.until });
      });
      runner = { names, run };
      this.#runners.set(key, runner);
    }
    return runner;
  }

  /** The same rows as `query` for the home timeline, through the statements compiled once. */
  #homeIds(userId: string, page: PageParams): Promise<{ id: string }[]> {
    const since = page.sinceId ?? (page.sinceDate !== undefined ? idAtTime(page.sinceDate) : undefined);
    const until = page.untilId ?? (page.untilDate !== undefined ? idAtTime(page.untilDate) : undefined);
    if (since !== undefined && until !== undefined) return homeIds.between(this.db, userId, since, until, page.limit);
    if (since !== undefined) return homeIds.since(this.db, userId, since, page.limit);
    if (until !== undefined) return homeIds.until(this.db, userId, until, page.limit);
    return homeIds.newest(this.db, userId, page.limit);
  }

  /** The home candidates query (the benchmark prints its plan): the viewer's range of `home_timeline`, ids only (the index covers it). */
  homeQuery(viewerId: string, page: PageParams) {
    return paginate(homeRange(this.db, viewerId), 'home_timeline.noteId', page);
  }

  #query(db: Kysely<DB>, source: Exclude<TimelineSource, { kind: 'home' | 'hybrid' }>, viewer: SqlViewer | null, options: TimelineOptions, page: PageParams) {
    const viewerId = viewer?.id ?? null;
    let q = db
      .selectFrom('note')
      .select('note.id')
      .where('note.channelId', 'is', null)
      .where((eb) => this.#source(eb, source, viewerId))
      .where(visibleToCondition(viewerId));
    if (viewer !== null) q = q.where((eb) => this.#notHidden(eb, viewer));
    if (options.withFiles) q = q.where('note.fileIds', '!=', '[]');
    if (!options.withRenotes) q = q.where((eb) => eb.not(pureRenote(eb)));
    if (viewerId !== null && !options.includeMyRenotes) q = q.where((eb) => eb.not(eb.and([pureRenote(eb), eb('note.userId', '=', viewerId)])));
    if (viewerId !== null && !options.includeRenotedMyNotes) q = q.where((eb) => eb.not(eb.and([pureRenote(eb), eb('note.renoteUserId', '=', viewerId)])));
    if (!options.includeLocalRenotes) q = q.where((eb) => eb.not(eb.and([pureRenote(eb), eb('note.renoteUserHost', 'is', null)])));
    return paginate(q, 'note.id', page);
  }

  #source(eb: Eb, source: Exclude<TimelineSource, { kind: 'home' | 'hybrid' }>, viewerId: string | null): Expression<SqlBool> {
    switch (source.kind) {
      case 'local':
        return this.#local(eb, viewerId, source.withReplies);
      case 'global':
        return eb('note.visibility', '=', 'public');
      case 'list':
        return this.#list(eb, source.listId, viewerId!);
    }
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
  #notHidden(eb: Eb, viewer: SqlViewer): Expression<SqlBool> {
    // The lists come from the viewer's cached relations, as one JSON parameter each.
    const notIn = (column: 'note.userId' | 'note.replyUserId' | 'note.renoteUserId', json: string) =>
      this.dialect === 'postgres'
        ? sql<SqlBool>`${sql.ref(column)} not in (select jsonb_array_elements_text(cast(${json} as jsonb)))`
        : sql<SqlBool>`${sql.ref(column)} not in (select "value" from json_each(${json}))`;
    return eb.and([
      notIn('note.userId', viewer.hiddenJson),
      eb.or([eb('note.replyUserId', 'is', null), notIn('note.replyUserId', viewer.hiddenJson)]),
      eb.or([eb('note.renoteUserId', 'is', null), notIn('note.renoteUserId', viewer.hiddenJson)]),
      eb.or([eb.not(pureRenote(eb)), notIn('note.userId', viewer.renoteMutedJson)]),
    ]);
  }
}

/** The viewer while a query is built: the id, and the hidden users as JSON parameters. */
interface SqlViewer {
  id: string;
  hiddenJson: string;
  renoteMutedJson: string;
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

/** Two pages of ids of the same paging merged: each id once, in the page's order, at most `limit`. */
function mergePages(a: string[], b: string[], page: PageParams): string[] {
  const ascending = (page.sinceId !== undefined || page.sinceDate !== undefined) && page.untilId === undefined && page.untilDate === undefined;
  const ids = [...new Set([...a, ...b])].sort();
  if (!ascending) ids.reverse();
  return ids.slice(0, page.limit);
}
