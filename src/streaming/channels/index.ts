import type { AnyChannelDef } from '../channel.js';
import admin from './admin.js';
import drive from './drive.js';
import globalTimeline from './global-timeline.js';
import hashtag from './hashtag.js';
import homeTimeline from './home-timeline.js';
import hybridTimeline from './hybrid-timeline.js';
import localTimeline from './local-timeline.js';
import main from './main.js';
import queueStats from './queue-stats.js';
import serverStats from './server-stats.js';
import userList from './user-list.js';

/** Every channel this server offers, by Misskey name. */
export function channelRegistry(): ReadonlyMap<string, AnyChannelDef> {
  const defs: AnyChannelDef[] = [
    main,
    homeTimeline,
    localTimeline,
    hybridTimeline,
    globalTimeline,
    userList,
    hashtag,
    drive,
    serverStats,
    queueStats,
    admin,
  ];
  return new Map(defs.map((def) => [def.name, def]));
}
