import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../endpoint.js';
import { Id } from '../../../schemas/common.js';

export default defineEndpoint({
  name: 'notes/thread-muting/delete',
  tags: ['notes'],
  description: 'Unmutes the thread of a note.',
  credential: 'required',
  permission: 'write:account',
  params: Type.Object({ noteId: Id }),
  res: null,
  errors: {
    noSuchNote: { message: 'No such note.', code: 'NO_SUCH_NOTE', id: 'bddd57ac-ceb3-b29d-4334-86ea5fae481a', on: ['note.notFound'] },
  },
  async handler({ params, me, svc }) {
    await svc.noteExtras.unmuteThread(me, params.noteId);
  },
});
