import type { TestServer } from './server.js';

/**
 * Sets columns of a user row directly: states no endpoint reaches (suspension, remote accounts,
 * old activity). Like every writer of `user`, it announces the write, so cached rows are dropped.
 */
export async function setUser(server: TestServer, userId: string, columns: Record<string, unknown>): Promise<void> {
  await server.instance.svc.database.db.updateTable('user').set(columns).where('id', '=', userId).execute();
  server.instance.svc.events.emit('user.changed', { userIds: [userId] });
}

/** Inserts a remote account (as federation would have fetched it) and returns its id. */
export async function insertRemoteUser(server: TestServer, username: string, host: string, columns: Record<string, unknown> = {}): Promise<string> {
  const svc = server.instance.svc;
  const id = svc.ids.gen();
  await svc.database.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('user')
      .values({
        id, username, usernameLower: username.toLowerCase(), host, name: null, tokenHash: null, createdAt: Date.now(), updatedAt: null,
        lastActiveDate: null, isRoot: false, isAdmin: false, isModerator: false, isSuspended: false, isLocked: false, isBot: false,
        isCat: false, isExplorable: true, isDeleted: false, hideOnlineStatus: false, avatarId: null, bannerId: null, ...columns,
      })
      .execute();
    await trx
      .insertInto('user_profile')
      .values({ userId: id, password: null, email: null, emailVerified: false, description: null, location: null, birthday: null, lang: null, fields: '[]', settings: '{}', alsoKnownAs: null })
      .execute();
  });
  return id;
}
