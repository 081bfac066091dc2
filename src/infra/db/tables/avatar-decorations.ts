import type { Selectable } from 'kysely';

/** Avatar decorations an administrator offers (Misskey's avatar_decoration). */
export interface AvatarDecorationsTables {
  avatar_decoration: AvatarDecorationTable;
}

export interface AvatarDecorationTable {
  id: string;
  createdAt: number;
  updatedAt: number | null;
  name: string;
  description: string;
  /** The image drawn over the avatar. */
  url: string;
  /** JSON string[]: roles whose members may use it; empty = everyone. */
  roleIdsThatCanBeUsedThisDecoration: string;
  category: string | null;
}

export type AvatarDecorationRow = Selectable<AvatarDecorationTable>;

export const AVATAR_DECORATIONS_BOOLEAN_COLUMNS: string[] = [];
