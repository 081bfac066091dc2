import { boolParam } from '../channel.js';
import { canSee, renotedReplyAllowed, replyAllowed } from '../note-stream.js';
import { defineTimelineChannel } from '../timeline-channel.js';

/** Home and local together ("Social"): own, followees' and local public notes, plus followed channels. */
export default defineTimelineChannel({
  name: 'hybridTimeline',
  requireCredential: true,
  permission: 'read:account',
  policy: 'ltlAvailable',
  params: (p) => ({
    withRenotes: boolParam(p, 'withRenotes', true),
    withReplies: boolParam(p, 'withReplies', false),
    withFiles: boolParam(p, 'withFiles', false),
  }),
  accepts(ev, { viewer }, p) {
    const { note } = ev;
    if (p.withFiles && !ev.hasFiles) return false;
    const included = note.channelId
      ? viewer.followingChannels.has(note.channelId)
      : note.userId === viewer.user.id || viewer.following.has(note.userId) || (ev.userHost === null && note.visibility === 'public');
    if (!included || !canSee(ev, viewer) || !replyAllowed(note, viewer, p.withReplies)) return false;
    return !(ev.isPureRenote && (!p.withRenotes || !renotedReplyAllowed(ev, viewer)));
  },
});
