import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../endpoint.js';
import { Id } from '../../../schemas/common.js';

export default defineEndpoint({
  name: 'notes/favorites/create',
  tags: ['notes', 'favorites'],
  description: 'Adds a note to the caller\'s favorites.',
  credential: 'required',
  permission: 'write:favorites',
  prohibitMoved: true,
  limit: { duration: 60 * 60 * 1000, max: 20 },
  params: Type.Object({ noteId: Id }),
  res: null,
  errors: {
    noSuchNote: { message: 'No such note.', code: 'NO_SUCH_NOTE', id: '6dd26674-e060-4816-909a-45ba3f4da458', on: ['note.notFound'] },
    alreadyFavorited: { message: 'The note has already been marked as a favorite.', code: 'ALREADY_FAVORITED', id: 'a402c12b-34dd-41d2-97d8-4d2ffd96a1a6', on: ['favorite.exists'] },
  },
  async handler({ params, me, svc }) {
    await svc.noteExtras.favorite(me, params.noteId);
  },
});
