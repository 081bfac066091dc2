import { ViewerRepo } from '../../domain/streaming/viewer.repo.js';
import type { BusMessage } from '../../infra/bus/bus.js';
import { boolParam, stringParam } from '../channel.js';
import { LIST_DELETED, MEMBER_UPDATED, type MemberUpdate } from '../list-publishers.js';
import { canSee } from '../note-stream.js';
import { defineTimelineChannel } from '../timeline-channel.js';

type Members = Map<string, { withReplies: boolean }>;

/**
 * Notes of the members of one of the viewer's lists. Membership changes arrive on bus topic
 * `userList:<listId>`: `userAdded`/`userRemoved` are applied and forwarded (as Misskey),
 * withReplies changes and the list's deletion are applied only.
 */
export default defineTimelineChannel({
  name: 'userList',
  // compat: Misskey declares this channel credential-free but needs the user; anonymous sockets are refused here.
  requireCredential: true,
  permission: 'read:account',
  async params(p, ctx) {
    const listId = stringParam(p, 'listId');
    if (!listId) return undefined;
    const members = await new ViewerRepo(ctx.deps.svc.database.db).listMembers(listId, ctx.user.id);
    if (!members) return undefined;
    await ctx.subscribe(`userList:${listId}`, (message) => {
      if (applyChange(members, message)) ctx.sendShared(message.type, message.body as object);
    });
    return { members: members as Members, withRenotes: boolParam(p, 'withRenotes', true), withFiles: boolParam(p, 'withFiles', false) };
  },
  accepts(ev, { viewer }, p) {
    const { note } = ev;
    const membership = p.members.get(note.userId);
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

/** Applies a membership message to `members`; true when the client should hear of it too. */
function applyChange(members: Members, message: Readonly<BusMessage>): boolean {
  switch (message.type) {
    case 'userAdded':
      members.set((message.body as { id: string }).id, { withReplies: false });
      return true;
    case 'userRemoved':
      members.delete((message.body as { id: string }).id);
      return true;
    case MEMBER_UPDATED: {
      const { userId, withReplies } = message.body as MemberUpdate;
      if (members.has(userId)) members.set(userId, { withReplies });
      return false;
    }
    case LIST_DELETED:
      members.clear();
      return false;
    default:
      return false;
  }
}
