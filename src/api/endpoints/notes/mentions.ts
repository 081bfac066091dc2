import { Type } from '@sinclair/typebox';
import { NotePacker } from '../../entities/note-packer.js';
import { defineEndpoint } from '../../endpoint.js';
import { Paging, Ref } from '../../schemas/common.js';
import { pageOf } from '../../../domain/notes/paging.js';

export default defineEndpoint({
  name: 'notes/mentions',
  tags: ['notes'],
  description: 'Notes that mention the caller or are addressed to them (muted threads left out).',
  credential: 'required',
  permission: 'read:account',
  params: Type.Object({
    following: Type.Optional(Type.Boolean({ default: false })),
    visibility: Type.Optional(Type.String()),
    ...Paging,
  }),
  res: Type.Array(Ref('Note')),
  async handler({ params, me, svc }) {
    const viewer = { ...(await svc.notes.viewer(me)), id: me.id };
    const visibility = params.visibility as 'public' | undefined;
    const rows = await svc.notesRepo.mentioning(viewer, pageOf(params), { visibility, following: params.following });
    // Listing mentions reads them, as in Misskey.
    await svc.noteUnreads.read(me.id, rows);
    return new NotePacker(svc).packMany(rows, me);
  },
});
