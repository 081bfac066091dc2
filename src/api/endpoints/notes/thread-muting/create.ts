import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../endpoint.js';
import { Id } from '../../../schemas/common.js';

export default defineEndpoint({
  name: 'notes/thread-muting/create',
  tags: ['notes'],
  description: 'Mutes the thread of a note: its notes leave the caller\'s mentions and notifications.',
  credential: 'required',
  permission: 'write:account',
  limit: { duration: 60 * 60 * 1000, max: 10 },
  params: Type.Object({ noteId: Id }),
  res: null,
  errors: {
    noSuchNote: { message: 'No such note.', code: 'NO_SUCH_NOTE', id: '5ff67ada-ed3b-2e71-8e87-a1a421e177d2', on: ['note.notFound'] },
    alreadyMuting: { message: 'You are already muting that thread.', code: 'ALREADY_MUTING', id: 'c146e22d-1141-4b31-b28d-176371014d18', on: ['threadMuting.exists'] },
  },
  async handler({ params, me, svc }) {
    await svc.noteExtras.muteThread(me, params.noteId);
    // A muted thread's notes are no longer unread, as in Misskey.
    const note = await svc.notesRepo.findById(params.noteId);
    if (note) await svc.noteUnreads.readThread(me.id, note.threadId);
  },
});
