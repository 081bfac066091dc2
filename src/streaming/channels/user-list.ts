import { ViewerRepo } from '../../domain/streaming/viewer.repo.js';
import { boolParam, stringParam } from '../channel.js';
import { canSee } from '../note-stream.js';
import { defineTimelineChannel } from '../timeline-channel.js';

type Members = Map<string, { withReplies: boolean }>;

/**
 * Notes of the members of one of the viewer's lists. List changes arrive on bus topic
 * `userList:<listId>` (`userAdded`/`userRemoved`); they are forwarded and the members reloaded.
 */
export default defineTimelineChannel({
  name: 'userList',
  // compat: Misskey declares this channel credential-free but needs the user; anonymous sockets are refused here.
  requireCredential: true,
  permission: 'read:account',
  async params(p, ctx) {
    const listId = stringParam(p, 'listId');
    if (!listId) return undefined;
    const repo = new ViewerRepo(ctx.deps.svc.database.db);
    const state = { members: await repo.listMembers(listId, ctx.user.id) };
    if (!state.members) return undefined;
    await ctx.subscribe(`userList:${listId}`, async (message) => {
      ctx.send(message.type, message.body);
      state.members = (await repo.listMembers(listId, ctx.user.id)) ?? new Map();
    });
    return { state: state as { members: Members }, withRenotes: boolParam(p, 'withRenotes', true), withFiles: boolParam(p, 'withFiles', false) };
  },
  accepts(ev, { viewer }, p) {
    const { note } = ev;
    const membership = p.state.members.get(note.userId);
    if (!membership || note.channelId) return false;
    if (p.withFiles && !ev.hasFiles) return false;
    if (!canSee(ev, viewer)) return false;
    const reply = note.reply;
    if (reply) {
      const me = viewer.user.id;
      if (membership.withReplies) {
        if (reply.visibility === 'followers' && reply.userId !== me && !viewer.following.has(reply.userId)) return false;
      } else if (reply.userId !== me && note.userId !== me && reply.userId !== note.userId) {
        return false;
      }
    }
    return !(ev.isPureRenote && !p.withRenotes);
  },
});
