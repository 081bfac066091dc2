import { boolParam } from '../channel.js';
import { replyAllowed } from '../note-stream.js';
import { defineTimelineChannel } from '../timeline-channel.js';

/** Public notes of local users outside channels; replies to others only with withReplies. */
export default defineTimelineChannel({
  name: 'localTimeline',
  requireCredential: false,
  policy: 'ltlAvailable',
  params: (p) => ({
    withRenotes: boolParam(p, 'withRenotes', true),
    withReplies: boolParam(p, 'withReplies', false),
    withFiles: boolParam(p, 'withFiles', false),
  }),
  accepts({ note, userHost, hasFiles, isPureRenote }, ctx, p) {
    if (p.withFiles && !hasFiles) return false;
    if (userHost !== null || note.visibility !== 'public' || note.channelId) return false;
    if (!replyAllowed(note, ctx.viewer, p.withReplies)) return false;
    return !(isPureRenote && !p.withRenotes);
  },
});
