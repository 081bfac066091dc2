import { defineChannel } from '../channel.js';
import type { Viewer } from '../viewer.js';

interface UserRef {
  userId?: string;
  user?: { host?: string | null } | null;
}

interface NoteRef extends UserRef {
  reply?: UserRef | null;
  renote?: UserRef | null;
}

/**
 * The signed-in user's own events (notifications, follows, drive, token, registry, …), relayed
 * from bus topic `main:<userId>`. Notifications and mentions from muted users or muted
 * instances are dropped, as Misskey does.
 */
export default defineChannel({
  name: 'main',
  requireCredential: true,
  permission: 'read:account',
  shared: true,
  async init(ctx) {
    await ctx.subscribe(`main:${ctx.user.id}`, (message) => {
      if (message.type === 'notification' || message.type === 'unreadNotification') {
        if (fromMuted(ctx.viewer, message.body as UserRef)) return;
      } else if (message.type === 'mention') {
        const note = message.body as NoteRef;
        if (fromMuted(ctx.viewer, note) || fromMutedInstance(ctx.viewer, note.reply) || fromMutedInstance(ctx.viewer, note.renote)) return;
      }
      ctx.sendShared(message.type, message.body as object);
    });
  },
});

function fromMuted(viewer: Viewer, ref: UserRef | null | undefined): boolean {
  return (ref?.userId !== undefined && viewer.muting.has(ref.userId)) || fromMutedInstance(viewer, ref);
}

function fromMutedInstance(viewer: Viewer, ref: UserRef | null | undefined): boolean {
  const host = ref?.user?.host;
  return typeof host === 'string' && viewer.mutedInstances.has(host.toLowerCase());
}
