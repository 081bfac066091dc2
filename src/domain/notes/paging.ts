import { sql, type SelectQueryBuilder } from 'kysely';
import { idAtTime } from '../../lib/aidx.js';

/** Misskey's paging params, after validation. */
export interface PageParams {
  limit: number;
  sinceId?: string;
  untilId?: string;
  sinceDate?: number;
  untilDate?: number;
}

/**
 * Applies Misskey's id paging to a query on `column` (an aidx id column): newest first,
 * except when only a lower bound is given, then oldest first (as Misskey's makePaginationQuery).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function paginate<Q extends SelectQueryBuilder<any, any, any>>(query: Q, column: string, page: PageParams): Q {
  const since = page.sinceId ?? (page.sinceDate !== undefined ? idAtTime(page.sinceDate) : undefined);
  const until = page.untilId ?? (page.untilDate !== undefined ? idAtTime(page.untilDate) : undefined);
  const ref = sql.ref(column);
  let q = query;
  if (since !== undefined) q = q.where(ref, '>', since) as Q;
  if (until !== undefined) q = q.where(ref, '<', until) as Q;
  const ascending = since !== undefined && until === undefined;
  return q.orderBy(ref, ascending ? 'asc' : 'desc').limit(page.limit) as Q;
}

/** Paging params as an endpoint receives them (limit may be absent). */
export function pageOf(params: { limit?: number; sinceId?: string; untilId?: string; sinceDate?: number; untilDate?: number }): PageParams {
  return { limit: params.limit ?? 10, sinceId: params.sinceId, untilId: params.untilId, sinceDate: params.sinceDate, untilDate: params.untilDate };
}
