import { Type } from '@sinclair/typebox';
import { NotePacker } from '../../../entities/note-packer.js';
import { defineEndpoint } from '../../../endpoint.js';
import { Ref } from '../../../schemas/common.js';

export default defineEndpoint({
  name: 'notes/polls/recommendation',
  tags: ['notes'],
  description: 'Open polls by other local users that the caller has not voted in.',
  credential: 'required',
  permission: 'read:account',
  params: Type.Object({
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
    offset: Type.Optional(Type.Integer({ default: 0 })),
    excludeChannels: Type.Optional(Type.Boolean({ default: false })),
  }),
  res: Type.Array(Ref('Note')),
  async handler({ params, me, svc }) {
    const viewer = { ...(await svc.notes.viewer(me)), id: me.id };
    const rows = await svc.notesRepo.openPollsFor(viewer, params.limit ?? 10, params.offset ?? 0, Date.now());
    return new NotePacker(svc).packMany(rows, me);
  },
});
