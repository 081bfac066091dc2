import type { ViewerRepo } from '../domain/streaming/viewer.repo.js';
import { fromJson } from '../infra/db/dialect.js';
import type { UserRow } from '../infra/db/schema.js';
import type { Services } from '../services.js';

/**
 * What a signed-in socket filters events by: the user's relations and mute settings, loaded
 * at connect time and reloaded whenever they change (see publishers.ts, topic `viewer:<id>`).
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
  hardMutedWords: readonly (readonly string[])[];
  isModerator: boolean;
}

interface MuteSettings {
  mutedInstances?: string[];
  hardMutedWords?: string[][];
}

/** Loads the viewer state of `userId`; undefined when the account no longer exists. */
export async function loadViewer(svc: Services, repo: ViewerRepo, userId: string): Promise<Viewer | undefined> {
  const [user, profile, following, muting, blocking, blockedBy, renoteMuting] = await Promise.all([
    svc.usersRepo.findById(userId),
    svc.usersRepo.findProfile(userId),
    repo.followings(userId),
    svc.relations.mutedUserIds(userId),
    svc.relations.blockeeIdsOf(userId),
    svc.relations.blockerIdsOf(userId),
    svc.relations.renoteMutedUserIds(userId),
  ]);
  if (!user) return undefined;
  const settings = fromJson<MuteSettings>(profile?.settings, {});
  return {
    user,
    following,
    followingChannels: new Set(),
    muting: new Set(muting),
    blocking: new Set(blocking),
    blockedBy: new Set(blockedBy),
    renoteMuting: new Set(renoteMuting),
    mutedInstances: new Set((settings.mutedInstances ?? []).map((h) => h.toLowerCase())),
    hardMutedWords: settings.hardMutedWords ?? [],
    isModerator: svc.roles.isModerator(user),
  };
}
