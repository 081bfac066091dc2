import { defineChannel } from '../channel.js';

/**
 * Moderation events for a moderator (newAbuseUserReport, …), relayed from bus topic
 * `admin:<userId>`; the publisher addresses each moderator, so no role check is needed here.
 */
export default defineChannel({
  name: 'admin',
  requireCredential: true,
  permission: 'read:admin:stream',
  shared: true,
  async init(ctx) {
    await ctx.subscribe(`admin:${ctx.user.id}`, (message) => ctx.send(message.type, message.body));
  },
});
