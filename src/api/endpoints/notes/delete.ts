import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../endpoint.js';
import { Id } from '../../schemas/common.js';

export default defineEndpoint({
  name: 'notes/delete',
  tags: ['notes'],
  description: 'Deletes a note (its author or a moderator), with its replies and renotes.',
  credential: 'required',
  permission: 'write:notes',
  limit: { duration: 60 * 60 * 1000, max: 300, minInterval: 1000 },
  params: Type.Object({ noteId: Id }),
  res: null,
  errors: {
    noSuchNote: { message: 'No such note.', code: 'NO_SUCH_NOTE', id: '490be23f-8c1f-4796-819f-94cb4f9d1630', on: ['note.notFound'] },
    accessDenied: { message: 'Access denied.', code: 'ACCESS_DENIED', id: 'fe8d7103-0ea8-4ec3-814d-f8b401dc69e9', on: ['note.accessDenied'] },
  },
  async handler({ params, me, svc }) {
    await svc.notes.delete(me, params.noteId);
  },
});
