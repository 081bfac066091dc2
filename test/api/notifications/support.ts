import type { BusMessage } from '../../../src/infra/bus/bus.js';
import type { TestServer, TestUser } from '../../support/server.js';

/** Resolves with the next main-stream event of `type` (whose body `match` accepts) for the user; rejects after `timeoutMs`. */
export function nextMainEvent(
  server: TestServer,
  userId: string,
  type: string,
  timeoutMs = 5000,
  match: (body: any) => boolean = () => true, // eslint-disable-line @typescript-eslint/no-explicit-any
): Promise<BusMessage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no ${type} event for ${userId} within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = server.instance.svc.bus.subscribe(`main:${userId}`, (message) => {
      if (message.type !== type || !match(message.body)) return;
      clearTimeout(timer);
      off();
      resolve(message);
    });
  });
}

/** Collects every main-stream event of the user until `stop()` is called. */
export function recordMainEvents(server: TestServer, userId: string): { events: BusMessage[]; stop(): void } {
  const events: BusMessage[] = [];
  const stop = server.instance.svc.bus.subscribe(`main:${userId}`, (message) => void events.push(message));
  return { events, stop };
}

/** Stores a follow row and emits `follow.created`, as following/create does; resolves when the notification is published. */
export async function follow(server: TestServer, follower: TestUser, followee: TestUser): Promise<void> {
  const { svc } = server.instance;
  const now = Date.now();
  await svc.database.db
    .insertInto('following')
    .values({ id: svc.ids.gen(now), createdAt: now, followerId: follower.id, followeeId: followee.id, followerHost: null, followeeHost: null, withReplies: false, notify: 'none' })
    .execute();
  const published = nextMainEvent(server, followee.id, 'notification');
  svc.events.emit('follow.created', { followerId: follower.id, followeeId: followee.id });
  await published;
}

/** Overwrites the user's settings JSON and announces it, as i/update does (cached relations read muted instances). */
export async function setSettings(server: TestServer, user: TestUser, settings: Record<string, unknown>): Promise<void> {
  await server.instance.svc.database.db.updateTable('user_profile').set({ settings: JSON.stringify(settings) }).where('userId', '=', user.id).execute();
  server.instance.svc.events.emit('profile.updated', { userId: user.id });
}

/** An access token of `user` with the given permissions (and a name and icon); resolves once its createToken notification is out. */
export async function appToken(server: TestServer, user: TestUser, permission: string[]): Promise<string> {
  const notified = nextMainEvent(server, user.id, 'notification');
  const res = await server.post('miauth/gen-token', { i: user.token, session: null, name: 'My App', iconUrl: 'https://example.com/icon.png', permission });
  if (res.status !== 200) throw new Error(`gen-token failed: ${res.status}`);
  await notified;
  return res.body.token;
}

export const ERR = {
  invalidParam: '3d81ceae-475f-4600-b2a8-2bc116157532',
  credentialRequired: '1384574d-a912-4b81-8601-c7b1c4085df1',
  permissionDenied: '1370e5b7-d4eb-4566-bb1d-7748ee6a1838',
  rateLimitExceeded: 'd5826d14-3982-4d2e-8011-b9e9f02499ef',
};
