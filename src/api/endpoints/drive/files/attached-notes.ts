import { Type } from '@sinclair/typebox';
import { NotePacker } from '../../../entities/note-packer.js';
import { defineEndpoint } from '../../../endpoint.js';
import { Id, Paging, Ref } from '../../../schemas/common.js';

export default defineEndpoint({
  name: 'drive/files/attached-notes',
  tags: ['drive', 'notes'],
  description: "The notes one of the caller's files is attached to.",
  credential: 'required',
  permission: 'read:drive',
  params: Type.Object({ ...Paging, fileId: Id }),
  res: Type.Array(Ref('Note')),
  errors: {
    noSuchFile: { message: 'No such file.', code: 'NO_SUCH_FILE', id: 'c118ece3-2e4b-4296-99d1-51756e32d232', on: ['drive.noSuchFile'] },
  },
  async handler({ params, me, svc }) {
    // Only the owner may ask, as in Misskey: anyone else's file is "no such file".
    const file = await svc.drive.getOwn(me, params.fileId);
    const notes = await svc.drive.files.attachedNotes(me.id, file.id, { ...params, limit: params.limit ?? 10 });
    return new NotePacker(svc).packMany(notes, me, { detail: true });
  },
});
