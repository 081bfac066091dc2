import type { UserRow } from '../infra/db/schema.js';
import type { Services } from '../services.js';

/**
 * What a signed-in socket filters events by: the user's relations and mute settings, loaded
 * at connect time and reloaded whenever they change (see publishers.ts, topic `viewer:<id>`).
 * The relations are the process's cached ones (ViewerRelationsCache), shared, never copied.
 */
export interface Viewer {
  user: UserRow;
  /** Followees, with the follow's "show replies" setting. */
  following: ReadonlyMap<string, { withReplies: boolean }>;
  followingChannels: ReadonlySet<string>;
  muting: ReadonlySet<string>;
  /** Users this user blocks. */
  blocking: ReadonlySet<string>;
  /** Users who block this user. */
  blockedBy: ReadonlySet<string>;
  renoteMuting: ReadonlySet<string>;
  mutedInstances: ReadonlySet<string>;
  /** Lists of words that must all appear, or `/regexp/flags`. */
  hardMutedWords: readonly (readonly string[] | string)[];
  isModerator: boolean;
}

const NO_CHANNELS: ReadonlySet<string> = new Set();

/** Loads the viewer state of `userId`; undefined when the account no longer exists. */
export async function loadViewer(svc: Services, userId: string): Promise<Viewer | undefined> {
  const user = await svc.usersRepo.findById(userId);
  return user ? viewerOf(svc, user) : undefined;
}

/**
 * The viewer state of `user`. The relations come from the cache the HTTP reads use, which every
 * relation change drops before the socket hears of it (the `viewer:<id>` reload follows the same
 * domain event), in every process.
 */
export async function viewerOf(svc: Services, user: UserRow): Promise<Viewer> {
  const relations = await svc.viewerRelations.get(user.id);
  return {
    user,
    following: relations.following,
    followingChannels: NO_CHANNELS,
    muting: relations.muted,
    blocking: relations.blocking,
    blockedBy: relations.blockedBy,
    renoteMuting: relations.renoteMuted,
    mutedInstances: relations.mutedInstances,
    hardMutedWords: relations.hardMutedWords,
    isModerator: svc.roles.isModerator(user),
  };
}
