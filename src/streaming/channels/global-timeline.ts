import { boolParam } from '../channel.js';
import { defineTimelineChannel } from '../timeline-channel.js';

/** Every public note that is not in a channel, local and remote. */
export default defineTimelineChannel({
  name: 'globalTimeline',
  requireCredential: false,
  policy: 'gtlAvailable',
  params: (p) => ({ withRenotes: boolParam(p, 'withRenotes', true), withFiles: boolParam(p, 'withFiles', false) }),
  accepts({ note, hasFiles, isPureRenote }, _ctx, p) {
    if (p.withFiles && !hasFiles) return false;
    if (note.visibility !== 'public' || note.channelId) return false;
    return !(isPureRenote && !p.withRenotes);
  },
});
