import { Type } from '@sinclair/typebox';
import { NotePacker } from '../../entities/note-packer.js';
import { UserPacker } from '../../entities/user-packer.js';
import { defineEndpoint } from '../../endpoint.js';
import { Id, Ref } from '../../schemas/common.js';

export default defineEndpoint({
  name: 'i/unpin',
  tags: ['account', 'notes'],
  description: 'Unpins a note from the caller\'s profile.',
  credential: 'required',
  permission: 'write:account',
  params: Type.Object({ noteId: Id }),
  res: Ref('MeDetailed'),
  errors: {
    noSuchNote: { message: 'No such note.', code: 'NO_SUCH_NOTE', id: '454170ce-9d63-4a43-9da1-ea10afe81e21', on: ['note.notFound'] },
  },
  async handler({ params, me, svc }) {
    await svc.noteExtras.unpin(me, params.noteId);
    const [packed, pinned] = await Promise.all([new UserPacker(svc).packMe(me), new NotePacker(svc).pinnedOf(me.id, me)]);
    return { ...packed, ...pinned };
  },
});
