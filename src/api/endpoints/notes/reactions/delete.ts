import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../endpoint.js';
import { Id } from '../../../schemas/common.js';

export default defineEndpoint({
  name: 'notes/reactions/delete',
  tags: ['reactions', 'notes'],
  description: "Removes the caller's reaction from a note.",
  credential: 'required',
  permission: 'write:reactions',
  limit: { duration: 60 * 60 * 1000, max: 60, minInterval: 3000 },
  params: Type.Object({ noteId: Id }),
  res: null,
  errors: {
    noSuchNote: { message: 'No such note.', code: 'NO_SUCH_NOTE', id: '764d9fce-f9f2-4a0e-92b1-6ceac9a7ad37', on: ['note.notFound'] },
    notReacted: { message: 'You are not reacting to that note.', code: 'NOT_REACTED', id: '92f4426d-4196-4125-aa5b-02943e2ec8fc', on: ['reaction.notReacted'] },
  },
  async handler({ params, me, svc }) {
    await svc.reactions.unreact(me, params.noteId);
  },
});
