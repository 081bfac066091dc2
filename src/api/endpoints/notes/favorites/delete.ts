import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../endpoint.js';
import { Id } from '../../../schemas/common.js';

export default defineEndpoint({
  name: 'notes/favorites/delete',
  tags: ['notes', 'favorites'],
  description: 'Removes a note from the caller\'s favorites.',
  credential: 'required',
  permission: 'write:favorites',
  params: Type.Object({ noteId: Id }),
  res: null,
  errors: {
    noSuchNote: { message: 'No such note.', code: 'NO_SUCH_NOTE', id: '80848a2c-398f-4343-baa9-df1d57696c56', on: ['note.notFound'] },
    notFavorited: { message: 'You have not marked that note a favorite.', code: 'NOT_FAVORITED', id: 'b625fc69-635e-45e9-86f4-dbefbef35af5', on: ['favorite.notFound'] },
  },
  async handler({ params, me, svc }) {
    await svc.noteExtras.unfavorite(me, params.noteId);
  },
});
