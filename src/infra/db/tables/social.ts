import type { Selectable } from 'kysely';

/** Follows, follow requests, blocks and mutes between users. */
export interface SocialTables {
  following: FollowingTable;
  follow_request: FollowRequestTable;
  blocking: BlockingTable;
  muting: MutingTable;
  renote_muting: RenoteMutingTable;
}

export interface FollowingTable {
  id: string;
  createdAt: number;
  followerId: string;
  followeeId: string;
  /** Denormalised hosts (null = local), so timelines need no join to tell local from remote. */
  followerHost: string | null;
  followeeHost: string | null;
  /** Show the followee's replies to others in the follower's home timeline. */
  withReplies: boolean;
  /** 'normal' notifies the follower of each new note of the followee. */
  notify: 'normal' | 'none';
}

export interface FollowRequestTable {
  id: string;
  createdAt: number;
  followerId: string;
  followeeId: string;
  withReplies: boolean;
}

export interface BlockingTable {
  id: string;
  createdAt: number;
  blockerId: string;
  blockeeId: string;
}

export interface MutingTable {
  id: string;
  createdAt: number;
  muterId: string;
  muteeId: string;
  /** Epoch ms after which the mute no longer applies; null = forever. */
  expiresAt: number | null;
}

export interface RenoteMutingTable {
  id: string;
  createdAt: number;
  muterId: string;
  muteeId: string;
}

export type FollowingRow = Selectable<FollowingTable>;
export type FollowRequestRow = Selectable<FollowRequestTable>;
export type BlockingRow = Selectable<BlockingTable>;
export type MutingRow = Selectable<MutingTable>;
export type RenoteMutingRow = Selectable<RenoteMutingTable>;

export const SOCIAL_BOOLEAN_COLUMNS = ['withReplies'];
