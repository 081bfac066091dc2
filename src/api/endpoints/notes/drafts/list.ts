import { Type } from '@sinclair/typebox';
import { packDrafts } from '../../../entities/note-draft-packer.js';
import { defineEndpoint } from '../../../endpoint.js';
import { Nullable, Paging, Ref } from '../../../schemas/common.js';
import { pageOf } from '../../../../domain/notes/paging.js';

export default defineEndpoint({
  name: 'notes/drafts/list',
  tags: ['notes', 'drafts'],
  description: "The caller's drafts, newest first.",
  credential: 'required',
  permission: 'read:account',
  prohibitMoved: true,
  params: Type.Object({ ...Paging, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 30 })), scheduled: Type.Optional(Nullable(Type.Boolean())) }),
  res: Type.Array(Ref('NoteDraft')),
  async handler({ params, me, svc }) {
    const drafts = await svc.noteDrafts.list(me, { ...pageOf(params), limit: params.limit ?? 30 }, params.scheduled);
    return packDrafts(svc, me, drafts);
  },
});
