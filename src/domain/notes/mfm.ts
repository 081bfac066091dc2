import * as mfm from 'mfm-js';

/** What a note's text and cw refer to. */
export interface MfmRefs {
  mentions: { username: string; host: string | null }[];
  /** Lower-cased, deduplicated, at most 32 of at most 128 characters (Misskey's limits). */
  hashtags: string[];
  /** Custom emoji names, deduplicated. */
  emojis: string[];
}

/** In mfm-js's grammar every mention contains '@', every hashtag '#', every custom emoji ':'. */
const MAY_HAVE_REFS = /[@#:]/;

/** Extracts mentions, hashtags and custom emoji from MFM text (and the cw, as Misskey does). */
export function extractRefs(...texts: (string | null | undefined)[]): MfmRefs {
  // Parsing is the costliest step of posting; text without these characters has nothing to extract.
  const nodes = texts.flatMap((t) => (t && MAY_HAVE_REFS.test(t) ? mfm.parse(t) : []));
  const mentions = new Map<string, { username: string; host: string | null }>();
  const hashtags = new Set<string>();
  const emojis = new Set<string>();
  mfm.extract(nodes, (node) => {
    if (node.type === 'mention') mentions.set(node.props.acct.toLowerCase(), { username: node.props.username, host: node.props.host });
    else if (node.type === 'hashtag') hashtags.add(node.props.hashtag.toLowerCase());
    else if (node.type === 'emojiCode') emojis.add(node.props.name);
    return false;
  });
  return {
    mentions: [...mentions.values()],
    hashtags: [...hashtags].filter((tag) => Array.from(tag).length <= 128).slice(0, 32),
    emojis: [...emojis],
  };
}
