import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../endpoint.js';
import { Id } from '../../schemas/common.js';

export default defineEndpoint({
  name: 'notes/state',
  tags: ['notes'],
  description: 'Whether the caller favorited a note and muted its thread.',
  credential: 'required',
  permission: 'read:account',
  params: Type.Object({ noteId: Id }),
  res: Type.Object({ isFavorited: Type.Boolean(), isMutedThread: Type.Boolean() }),
  errors: {
    // compat: Misskey fails with a 500 on an unknown note; we name it.
    noSuchNote: { message: 'No such note.', code: 'NO_SUCH_NOTE', id: 'b1c9a3e2-6f0d-4c8e-9a57-2d4f6e8b0c13', on: ['note.notFound'] },
  },
  async handler({ params, me, svc }) {
    return svc.noteExtras.state(me, params.noteId);
  },
});
