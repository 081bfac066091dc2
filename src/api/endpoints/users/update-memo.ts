import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../endpoint.js';
import { ApiError } from '../../errors.js';
import { Id, Nullable } from '../../schemas/common.js';

const errors = {
  noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: '6fef56f3-e765-4957-88e5-c6f65329b8a5' },
};

export default defineEndpoint({
  name: 'users/update-memo',
  tags: ['account'],
  description: 'Sets your private memo about a user (an empty or null memo removes it).',
  credential: 'required',
  permission: 'write:account',
  params: Type.Object({ userId: Id, memo: Nullable(Type.String({ description: 'A personal memo for the target user. If null or empty, delete the memo.' })) }),
  res: null,
  errors,
  async handler({ params, me, svc }) {
    const target = await svc.usersRepo.findById(params.userId);
    if (!target) throw new ApiError(errors.noSuchUser);
    await svc.profilesRepo.setMemo(svc.ids.gen(), me.id, target.id, params.memo ?? '');
  },
});
