import { Type } from '@sinclair/typebox';
import { NotePacker } from '../../entities/note-packer.js';
import { defineEndpoint } from '../../endpoint.js';
import { Id, Paging, Ref } from '../../schemas/common.js';
import { pageOf } from '../../../domain/notes/paging.js';

export default defineEndpoint({
  name: 'notes/renotes',
  tags: ['notes'],
  description: 'Renotes and quotes of a note that the caller may see.',
  credential: 'optional',
  params: Type.Object({ noteId: Id, ...Paging }),
  res: Type.Array(Ref('Note')),
  errors: {
    noSuchNote: { message: 'No such note.', code: 'NO_SUCH_NOTE', id: '12908022-2e21-46cd-ba6a-3edaf6093f46', on: ['note.notFound'] },
  },
  async handler({ params, me, svc }) {
    const note = await svc.notes.get(params.noteId);
    const rows = await svc.notesRepo.renotes(note.id, await svc.notes.viewer(me), pageOf(params));
    return new NotePacker(svc).packMany(rows, me);
  },
});
