import { defineChannel } from '../channel.js';
import { statsChannel } from '../stats-channel.js';

/** The deliver and inbox job queues every 10 s (`stats`), with history on `requestLog` (`statsLog`). */
export default defineChannel({
  name: 'queueStats',
  requireCredential: false,
  shared: true,
  init: (ctx) => statsChannel(ctx, ctx.deps.queueStats),
});
