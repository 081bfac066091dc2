import { Type } from '@sinclair/typebox';
import { NotePacker } from '../../entities/note-packer.js';
import { defineEndpoint } from '../../endpoint.js';
import { Id, Ref } from '../../schemas/common.js';

export default defineEndpoint({
  name: 'notes/show',
  tags: ['notes'],
  description: 'One note; a note the caller may not see comes back with isHidden and its content blanked.',
  credential: 'optional',
  params: Type.Object({ noteId: Id }),
  res: Ref('Note'),
  errors: {
    noSuchNote: { message: 'No such note.', code: 'NO_SUCH_NOTE', id: '24fcbfc6-2e37-42b6-8388-c29b3861a08d', on: ['note.notFound'] },
  },
  async handler({ params, me, svc }) {
    // compat: Misskey answers an invisible note with isHidden rather than an error.
    const note = await svc.notes.get(params.noteId);
    return new NotePacker(svc).pack(note, me);
  },
});
