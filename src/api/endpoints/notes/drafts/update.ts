import { Type } from '@sinclair/typebox';
import { packDrafts } from '../../../entities/note-draft-packer.js';
import { defineEndpoint } from '../../../endpoint.js';
import { Id, Ref } from '../../../schemas/common.js';
import { DraftErrors, DraftFields } from '../../../schemas/note-params.js';
import { draftData } from '../../../../domain/notes/drafts.service.js';

export default defineEndpoint({
  name: 'notes/drafts/update',
  tags: ['notes', 'drafts'],
  description: 'Replaces the content of one of the caller\'s drafts.',
  credential: 'required',
  permission: 'write:account',
  prohibitMoved: true,
  limit: { duration: 60 * 60 * 1000, max: 300 },
  params: Type.Object({ draftId: Id, ...DraftFields }),
  res: Type.Object({ updatedDraft: Ref('NoteDraft') }),
  errors: DraftErrors,
  async handler({ params, me, svc }) {
    const draft = await svc.noteDrafts.update(me, params.draftId, draftData(params));
    const [updatedDraft] = await packDrafts(svc, me, [draft]);
    return { updatedDraft: updatedDraft! };
  },
});
