import { Type } from '@sinclair/typebox';
import { RelationPacker } from '../../entities/relation-packer.js';
import { defineEndpoint } from '../../endpoint.js';
import { ApiError } from '../../errors.js';
import { Ref } from '../../schemas/common.js';
import { findUserByRef, PagedUserRef } from '../../schemas/user-ref.js';

const errors = {
  noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: '63e4aba4-4156-4e53-be25-c9559e42d71b', on: ['user.notFound'] },
  forbidden: { message: 'Forbidden.', code: 'FORBIDDEN', id: 'f6cdb0df-c19f-ec5c-7dbb-0ba84a1f92ba', on: ['follow.forbidden'] },
};

export default defineEndpoint({
  name: 'users/following',
  tags: ['users'],
  description: 'The following of a user (by userId, or username + host), as far as the user shows them.',
  credential: 'optional',
  params: PagedUserRef,
  res: Type.Array(Ref('Following')),
  errors,
  async handler({ params, me, svc }) {
    const owner = await findUserByRef(svc, params);
    if (!owner) throw new ApiError(errors.noSuchUser);
    const rows = await svc.follows.listOf(owner, me, 'following', { ...params, limit: params.limit ?? 10 });
    return new RelationPacker(svc).packFollowings(rows, 'followee', me);
  },
});
