import { boolParam } from '../channel.js';
import { canSee, renotedReplyAllowed, replyAllowed } from '../note-stream.js';
import { defineTimelineChannel } from '../timeline-channel.js';

/** The viewer's own notes and those of followees (and followed channels), as notes/timeline. */
export default defineTimelineChannel({
  name: 'homeTimeline',
  requireCredential: true,
  permission: 'read:account',
  params: (p) => ({ withRenotes: boolParam(p, 'withRenotes', true), withFiles: boolParam(p, 'withFiles', false) }),
  accepts(ev, { viewer }, p) {
    const { note } = ev;
    if (p.withFiles && !ev.hasFiles) return false;
    if (note.channelId) {
      if (!viewer.followingChannels.has(note.channelId)) return false;
    } else if (note.userId !== viewer.user.id && !viewer.following.has(note.userId)) {
      return false;
    }
    if (!canSee(ev, viewer) || !replyAllowed(note, viewer, false)) return false;
    return !(ev.isPureRenote && (!p.withRenotes || !renotedReplyAllowed(ev, viewer)));
  },
});
