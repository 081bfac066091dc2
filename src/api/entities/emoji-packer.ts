import type { entities } from 'misskey-js';
import { fromJson } from '../../infra/db/dialect.js';
import type { EmojiRow } from '../../infra/db/schema.js';

/** EmojiSimple, as the `emojis` endpoint lists custom emoji. */
export function packEmojiSimple(e: EmojiRow): entities.EmojiSimple {
  const roles = fromJson<string[]>(e.roleIdsThatCanBeUsedThisEmojiAsReaction, []);
  return {
    aliases: fromJson<string[]>(e.aliases, []),
    name: e.name,
    category: e.category,
    url: e.publicUrl || e.originalUrl,
    localOnly: e.localOnly ? true : undefined,
    isSensitive: e.isSensitive ? true : undefined,
    roleIdsThatCanBeUsedThisEmojiAsReaction: roles.length > 0 ? roles : undefined,
  };
}

/** EmojiDetailed, as the `emoji` endpoint shows one. */
export function packEmojiDetailed(e: EmojiRow): entities.EmojiDetailed {
  return {
    id: e.id,
    aliases: fromJson<string[]>(e.aliases, []),
    name: e.name,
    category: e.category,
    host: e.host,
    url: e.publicUrl || e.originalUrl,
    license: e.license,
    isSensitive: e.isSensitive,
    localOnly: e.localOnly,
    roleIdsThatCanBeUsedThisEmojiAsReaction: fromJson<string[]>(e.roleIdsThatCanBeUsedThisEmojiAsReaction, []),
  };
}
