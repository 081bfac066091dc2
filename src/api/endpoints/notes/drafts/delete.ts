import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../endpoint.js';
import { Id } from '../../../schemas/common.js';

export default defineEndpoint({
  name: 'notes/drafts/delete',
  tags: ['notes', 'drafts'],
  description: 'Deletes one of the caller\'s drafts.',
  credential: 'required',
  permission: 'write:account',
  prohibitMoved: true,
  params: Type.Object({ draftId: Id }),
  res: null,
  errors: {
    noSuchNoteDraft: { message: 'No such note draft.', code: 'NO_SUCH_NOTE_DRAFT', id: '49cd6b9d-848e-41ee-b0b9-adaca711a6b1', on: ['draft.notFound'] },
  },
  async handler({ params, me, svc }) {
    await svc.noteDrafts.delete(me, params.draftId);
  },
});
