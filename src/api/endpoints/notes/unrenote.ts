import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../endpoint.js';
import { Id } from '../../schemas/common.js';

export default defineEndpoint({
  name: 'notes/unrenote',
  tags: ['notes'],
  description: "Deletes the caller's renotes of a note.",
  credential: 'required',
  permission: 'write:notes',
  limit: { duration: 60 * 60 * 1000, max: 300, minInterval: 1000 },
  params: Type.Object({ noteId: Id }),
  res: null,
  errors: {
    noSuchNote: { message: 'No such note.', code: 'NO_SUCH_NOTE', id: 'efd4a259-2442-496b-8dd7-b255aa1a160f', on: ['note.notFound'] },
  },
  async handler({ params, me, svc }) {
    await svc.notes.unrenote(me, params.noteId);
  },
});
