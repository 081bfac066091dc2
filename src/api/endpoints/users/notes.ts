import { Type } from '@sinclair/typebox';
import { NotePacker } from '../../entities/note-packer.js';
import { defineEndpoint } from '../../endpoint.js';
import { ApiError } from '../../errors.js';
import { Id, Paging, Ref } from '../../schemas/common.js';
import { pageOf } from '../../../domain/notes/paging.js';

const errors = {
  noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: '27e494ba-2ac2-48e8-893b-10d4d8c2387b' },
  bothWithRepliesAndWithFiles: { message: 'Specifying both withReplies and withFiles is not supported', code: 'BOTH_WITH_REPLIES_AND_WITH_FILES', id: '91c8cb9f-36ed-46e7-9ca2-7df96ed6e222' },
};

export default defineEndpoint({
  name: 'users/notes',
  tags: ['users', 'notes'],
  description: "A user's notes that the caller may see, newest first.",
  credential: 'optional',
  params: Type.Object({
    userId: Id,
    withReplies: Type.Optional(Type.Boolean({ default: false })),
    withRenotes: Type.Optional(Type.Boolean({ default: true })),
    withChannelNotes: Type.Optional(Type.Boolean({ default: false })),
    withFiles: Type.Optional(Type.Boolean({ default: false })),
    allowPartial: Type.Optional(Type.Boolean({ default: false })),
    ...Paging,
  }),
  res: Type.Array(Ref('Note')),
  errors,
  async handler({ params, me, svc }) {
    if (params.withReplies && params.withFiles) throw new ApiError(errors.bothWithRepliesAndWithFiles);
    const user = await svc.usersRepo.findById(params.userId);
    if (!user || user.isSuspended || user.isDeleted) throw new ApiError(errors.noSuchUser);
    const opts = { withReplies: params.withReplies ?? false, withRenotes: params.withRenotes ?? true, withFiles: params.withFiles ?? false };
    const rows = await svc.notesRepo.userNotes(user.id, await svc.notes.viewer(me, true), pageOf(params), opts);
    return new NotePacker(svc).packMany(rows, me);
  },
});
