import { after, before } from 'node:test';
import { startTestServer, type TestServer, type TestUser } from '../support/server.js';
import { ServerProcess } from './processes.js';

/** A server and a second process on its database and bus, where alice follows bob and bob has posted `noteId`. */
export interface TwoProcesses {
  server: TestServer;
  second: ServerProcess;
  alice: TestUser;
  bob: TestUser;
  noteId: string;
}

/**
 * Registers the suite's before/after hooks that start and stop the two processes; the returned
 * object is filled in by `before`. For the cache tests, which read on one process after a change
 * made on the other.
 */
export function twoProcessesWithFollowedNote(): TwoProcesses {
  const ctx = {} as TwoProcesses;
  before(async () => {
    ctx.server = await startTestServer({ RATE_LIMIT: 'false' });
    await ctx.server.createUser('admin');
    ctx.alice = await ctx.server.createUser('alice');
    ctx.bob = await ctx.server.createUser('bob');
    await ctx.server.api(ctx.alice.token).request('following/create', { userId: ctx.bob.id });
    ctx.noteId = (await ctx.server.api(ctx.bob.token).request('notes/create', { text: 'a swallow over the river' })).createdNote.id;
    ctx.second = await ServerProcess.beside(ctx.server, 'B');
  });
  after(async () => {
    await ctx.second?.stop();
    await ctx.server?.close();
  });
  return ctx;
}
