import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, NoteRow } from '../../src/infra/db/schema.js';
import { IdGenerator } from '../../src/lib/aidx.js';
import { sha256Hex } from '../../src/lib/secure.js';

/** The shape of a home-timeline workload. */
export interface HomeTimelineSeed {
  /** Authors on the instance (the viewer is created in addition). */
  users: number;
  /** How many of them the viewer follows. */
  follows: number;
  /** Notes spread evenly over the authors, oldest first, one second apart. */
  notes: number;
  /** Usernames are `<prefix><n>` (default `u`), so a database seeded through the API can take these too. */
  prefix?: string;
}

/** What the seed made: the viewer (with a native token for API calls) and the time span of the notes. */
export interface HomeTimelineSeeded {
  viewerId: string;
  viewerToken: string;
  firstNoteAt: number;
  lastNoteAt: number;
}

const BATCH = 400;

/**
 * Fills a migrated database directly (no API, for speed) with users, the viewer's follows and
 * notes, and the home_timeline rows notes/create would write for them (each note in its
 * author's timeline, and in the viewer's when the viewer follows the author). Returns the
 * viewer. Reusable by `npm run bench` and by the query-plan script.
 */
export async function seedHomeTimeline(db: Kysely<DB>, seed: HomeTimelineSeed): Promise<HomeTimelineSeeded> {
  const prefix = seed.prefix ?? 'u';
  // A native token is 16 characters; only its hash is stored, as for every user.
  const viewerToken = randomBytes(8).toString('hex');
  const ids = new IdGenerator();
  const start = Date.now() - seed.notes * 1000;
  const userIds = Array.from({ length: seed.users + 1 }, () => ids.gen(start - 1000));
  const viewerId = userIds[0]!;
  for (let i = 0; i < userIds.length; i += BATCH) {
    const rows = userIds.slice(i, i + BATCH).map((id, j) => ({
      id, username: `${prefix}${i + j}`, usernameLower: `${prefix}${i + j}`, host: null, name: null, tokenHash: id === viewerId ? sha256Hex(viewerToken) : null, createdAt: start,
      updatedAt: null, lastActiveDate: null, isRoot: false, isAdmin: false, isModerator: false, isSuspended: false, isLocked: false,
      isBot: false, isCat: false, isExplorable: true, isDeleted: false, hideOnlineStatus: false, avatarId: null, bannerId: null,
    }));
    await db.insertInto('user').values(rows).execute();
  }
  const followees = userIds.slice(1, seed.follows + 1);
  for (let i = 0; i < followees.length; i += BATCH) {
    const rows = followees.slice(i, i + BATCH).map((followeeId) => ({
      id: ids.gen(start), createdAt: start, followerId: viewerId, followeeId, followerHost: null, followeeHost: null, withReplies: false, notify: 'none' as const,
    }));
    await db.insertInto('following').values(rows).execute();
  }
  const followeeSet = new Set(followees);
  for (let i = 0; i < seed.notes; i += BATCH) {
    const rows: NoteRow[] = [];
    for (let k = i; k < Math.min(i + BATCH, seed.notes); k++) {
      const at = start + k * 1000;
      const id = ids.gen(at);
      rows.push({
        id, createdAt: at, userId: userIds[1 + (k % seed.users)]!, userHost: null, replyId: null, renoteId: null, replyUserId: null,
        replyUserHost: null, renoteUserId: null, renoteUserHost: null, threadId: id, text: `note ${k}`, cw: null, visibility: 'public',
        localOnly: false, reactionAcceptance: null, visibleUserIds: '[]', mentions: '[]', tags: '[]', emojis: '[]', fileIds: '[]',
        hasPoll: false, channelId: null, repliesCount: 0, renoteCount: 0, reactions: '{}', uri: null, url: null,
      });
    }
    await db.insertInto('note').values(rows).execute();
    await db.insertInto('home_timeline').values(homeTimelineRows(rows, viewerId, followeeSet)).execute();
  }
  return { viewerId, viewerToken, firstNoteAt: start, lastNoteAt: start + (seed.notes - 1) * 1000 };
}

/** The home_timeline rows of a batch of notes, as notes/create writes them (the viewer is the only follower). */
function homeTimelineRows(notes: NoteRow[], viewerId: string, followees: Set<string>): { userId: string; noteId: string }[] {
  return notes.flatMap((n) => [{ userId: n.userId, noteId: n.id }, ...(followees.has(n.userId) ? [{ userId: viewerId, noteId: n.id }] : [])]);
}
