import type { EmojiRow, NoteRow, UserRow } from '../../infra/db/schema.js';

/** What an unusable reaction becomes, as in Misskey. */
export const FALLBACK_REACTION = '❤';

// Names older clients send instead of emoji.
const LEGACY: Record<string, string> = {
  like: '👍', love: '❤', laugh: '😆', hmm: '🤔', surprise: '😮', congrats: '🎉', angry: '💢', confused: '😥', rip: '😇', pudding: '🍮', star: '⭐',
};

const EMOJI = new RegExp('\\p{RGI_Emoji}', 'v');
const CUSTOM = /^:([\w+-]+)(?:@\.)?:$/;

/** The custom emoji name in `:name:` / `:name@.:`, if the reaction is one. */
export function customEmojiName(reaction: string): string | undefined {
  return CUSTOM.exec(reaction)?.[1];
}

/** A Unicode reaction as stored: the first emoji in it, without variation selectors unless it is a ZWJ sequence. */
export function normalizeUnicode(reaction: string): string {
  const match = EMOJI.exec(LEGACY[reaction] ?? reaction);
  if (!match) return FALLBACK_REACTION;
  const emoji = match[0];
  return emoji.includes('\u200d') ? emoji : emoji.replace(/\ufe0f/g, '');
}

/**
 * The reaction that is stored when `user` reacts with `requested` on `note`: the note's
 * reactionAcceptance, then a known local custom emoji (`:name@.:`) or a Unicode emoji; anything
 * else falls back to ❤ as Misskey does. `emoji` is the custom emoji the request named, if found.
 */
export function decideReaction(note: NoteRow, user: UserRow, requested: string | null | undefined, emoji: EmojiRow | undefined): string {
  const acceptance = note.reactionAcceptance;
  if (acceptance === 'likeOnly') return FALLBACK_REACTION;
  if (user.host !== null && (acceptance === 'likeOnlyForRemote' || acceptance === 'nonSensitiveOnlyForLocalLikeOnlyForRemote')) return FALLBACK_REACTION;
  if (!requested) return FALLBACK_REACTION;
  const name = customEmojiName(requested);
  if (name === undefined) return normalizeUnicode(requested);
  if (!emoji) return FALLBACK_REACTION;
  // Role-restricted emoji: nobody holds roles yet, so nobody may use them.
  if (emoji.roleIdsThatCanBeUsedThisEmojiAsReaction !== '[]') return FALLBACK_REACTION;
  if (emoji.isSensitive && (acceptance === 'nonSensitiveOnly' || acceptance === 'nonSensitiveOnlyForLocalLikeOnlyForRemote')) return FALLBACK_REACTION;
  return `:${name}@.:`;
}
