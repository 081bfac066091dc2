import { Type } from '@sinclair/typebox';
import { DomainError } from '../../../domain/errors.js';
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
    // The note and its targets from the note cache (a statement only for rows it lacks).
    const loaded = await svc.noteCache.withTargets([params.noteId], true);
    const note = loaded.get(params.noteId);
    if (!note) throw new DomainError('note.notFound');
    // compat: Misskey answers an invisible note with isHidden rather than an error.
    return new NotePacker(svc).pack(note, me, { loaded });
  },
});
