import { Type } from '@sinclair/typebox';
import { NotePacker } from '../../entities/note-packer.js';
import { defineEndpoint } from '../../endpoint.js';
import { Paging, Ref } from '../../schemas/common.js';
import { pageOf } from '../../../domain/notes/paging.js';

export default defineEndpoint({
  name: 'i/favorites',
  tags: ['account', 'notes', 'favorites'],
  description: "The caller's favorite notes, most recently favorited first.",
  credential: 'required',
  permission: 'read:favorites',
  params: Type.Object({ ...Paging }),
  res: Type.Array(Ref('NoteFavorite')),
  async handler({ params, me, svc }) {
    const favorites = await svc.noteExtras.favorites(me, pageOf(params));
    const notes = await svc.notesRepo.findManyByIds(favorites.map((f) => f.noteId));
    const packed = await new NotePacker(svc).packMany([...notes.values()], me);
    const byId = new Map(packed.map((n) => [n.id, n]));
    return favorites.map((f) => ({ id: f.id, createdAt: new Date(f.createdAt).toISOString(), noteId: f.noteId, note: byId.get(f.noteId)! }));
  },
});
