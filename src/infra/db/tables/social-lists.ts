import type { Generated, Selectable } from 'kysely';

/** User lists, personal memos about other users and profile images (the social area beyond the graph itself). */
export interface SocialListsTables {
  user_list: UserListTable;
  user_list_membership: UserListMembershipTable;
  user_list_favorite: UserListFavoriteTable;
  user_memo: UserMemoTable;
  user_image: UserImageTable;
}

export interface UserListTable {
  id: string;
  createdAt: number;
  /** The owner. */
  userId: string;
  name: string;
  isPublic: boolean;
}

export interface UserListMembershipTable {
  id: string;
  createdAt: number;
  /** The member. */
  userId: string;
  userListId: string;
  /** The list's owner, denormalised so "lists of X containing Y" needs no join. */
  userListUserId: string;
  /** Show the member's replies to others in the list timeline. */
  withReplies: boolean;
}

export interface UserListFavoriteTable {
  id: string;
  createdAt: number;
  userId: string;
  userListId: string;
}

export interface UserMemoTable {
  id: string;
  /** Who wrote the memo. */
  userId: string;
  /** Whom it is about. */
  targetUserId: string;
  memo: string;
}

/** The URLs of a user's avatar and banner, copied from their drive files when set. */
export interface UserImageTable {
  userId: string;
  avatarUrl: string | null;
  avatarBlurhash: string | null;
  bannerUrl: string | null;
  bannerBlurhash: string | null;
  /** JSON [{id, angle, flipH, offsetX, offsetY}]: the avatar decorations the user chose, in drawing order. */
  avatarDecorations: Generated<string>;
}

export type UserImageRow = Selectable<UserImageTable>;
export type UserListRow = Selectable<UserListTable>;
export type UserListMembershipRow = Selectable<UserListMembershipTable>;
export type UserListFavoriteRow = Selectable<UserListFavoriteTable>;
export type UserMemoRow = Selectable<UserMemoTable>;

export const SOCIAL_LISTS_BOOLEAN_COLUMNS = ['isPublic'];
