import { canSee } from '../note-stream.js';
import { defineTimelineChannel } from '../timeline-channel.js';

/** Notes with hashtags: `q` is a list of alternatives, each a list of tags that must all be present. */
export default defineTimelineChannel({
  name: 'hashtag',
  requireCredential: false,
  params(p) {
    const q = p.q;
    if (!Array.isArray(q)) return undefined;
    const groups = q
      .filter((g): g is unknown[] => Array.isArray(g))
      .map((g) => g.filter((t): t is string => typeof t === 'string').map((t) => t.normalize('NFKC').toLowerCase()))
      .filter((g) => g.length > 0);
    return groups.length > 0 ? groups : undefined;
  },
  accepts(ev, { viewer }, groups) {
    const tags = ev.tags.map((t) => t.normalize('NFKC').toLowerCase());
    // compat: Misskey does not check visibility here; a note the viewer may not see is never sent.
    return groups.some((group) => group.every((tag) => tags.includes(tag))) && canSee(ev, viewer);
  },
});
