import { Type } from '@sinclair/typebox';
import { NotePacker } from '../../entities/note-packer.js';
import { defineEndpoint } from '../../endpoint.js';
import { Id, Ref } from '../../schemas/common.js';

export default defineEndpoint({
  name: 'users/featured-notes',
  tags: ['notes'],
  description: "A user's public notes most reacted to by others in the last one to two weeks, newest first.",
  credential: 'optional',
  allowGet: true,
  cacheSec: 3600,
  params: Type.Object({
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
    untilId: Type.Optional(Id),
    userId: Id,
  }),
  res: Type.Array(Ref('Note')),
  async handler({ params, me, svc }) {
    const notes = await svc.userActivity.featuredNotes(params.userId, me, params.limit ?? 10, params.untilId);
    return new NotePacker(svc).packMany(notes, me);
  },
});
