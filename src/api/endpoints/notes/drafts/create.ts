import { Type } from '@sinclair/typebox';
import { packDrafts } from '../../../entities/note-draft-packer.js';
import { defineEndpoint } from '../../../endpoint.js';
import { Ref } from '../../../schemas/common.js';
import { DraftErrors, DraftFields } from '../../../schemas/note-params.js';
import { draftData } from '../../../../domain/notes/drafts.service.js';

export default defineEndpoint({
  name: 'notes/drafts/create',
  tags: ['notes', 'drafts'],
  description: 'Saves a note draft (within the role\'s noteDraftLimit).',
  credential: 'required',
  permission: 'write:account',
  prohibitMoved: true,
  limit: { duration: 60 * 60 * 1000, max: 300 },
  params: Type.Object(DraftFields),
  res: Type.Object({ createdDraft: Ref('NoteDraft') }),
  errors: DraftErrors,
  async handler({ params, me, svc }) {
    const draft = await svc.noteDrafts.create(me, draftData(params));
    const [createdDraft] = await packDrafts(svc, me, [draft]);
    return { createdDraft: createdDraft! };
  },
});
