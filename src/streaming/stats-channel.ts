import type { ChannelContext, ChannelHooks } from './channel.js';
import type { StatsFeed } from './stats-feed.js';

/** What serverStats and queueStats share: forward each sample, answer `requestLog {id, length}` with the history. */
export function statsChannel(ctx: ChannelContext, feed: StatsFeed): ChannelHooks {
  ctx.onDispose(feed.listen((sample) => ctx.send('stats', sample)));
  return {
    onMessage(type, body) {
      if (type !== 'requestLog' || typeof body !== 'object' || body === null) return;
      const length = Number((body as { length?: unknown }).length);
      ctx.send('statsLog', feed.log(Number.isFinite(length) ? length : 50));
    },
  };
}
