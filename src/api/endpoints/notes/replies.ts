import { Type } from '@sinclair/typebox';
import { NotePacker } from '../../entities/note-packer.js';
import { defineEndpoint } from '../../endpoint.js';
import { Id, Paging, Ref } from '../../schemas/common.js';
import { pageOf } from '../../../domain/notes/paging.js';

export default defineEndpoint({
  name: 'notes/replies',
  tags: ['notes'],
  description: 'Replies to a note that the caller may see.',
  credential: 'optional',
  params: Type.Object({ noteId: Id, ...Paging }),
  res: Type.Array(Ref('Note')),
  async handler({ params, me, svc }) {
    const rows = await svc.notesRepo.replies(params.noteId, await svc.notes.viewer(me), pageOf(params));
    return new NotePacker(svc).packMany(rows, me);
  },
});
