import { defineChannel } from '../channel.js';

/** The user's drive events (fileCreated, fileDeleted, folderCreated, …), relayed from bus topic `drive:<userId>`. */
export default defineChannel({
  name: 'drive',
  requireCredential: true,
  permission: 'read:account',
  shared: true,
  async init(ctx) {
    await ctx.subscribe(`drive:${ctx.user.id}`, (message) => ctx.send(message.type, message.body));
  },
});
