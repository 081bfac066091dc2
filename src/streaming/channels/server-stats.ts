import { defineChannel } from '../channel.js';
import { statsChannel } from '../stats-channel.js';

/** The machine's CPU, memory, network and disk every 2 s (`stats`), with history on `requestLog` (`statsLog`). */
export default defineChannel({
  name: 'serverStats',
  requireCredential: false,
  shared: true,
  async init(ctx) {
    // Like Misskey, the machine is only reported when the administrator allows it.
    if (!(await ctx.deps.svc.meta.get()).enableServerMachineStats) return {};
    return statsChannel(ctx, ctx.deps.serverStats);
  },
});
