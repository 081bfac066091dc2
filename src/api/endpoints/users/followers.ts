import { Type } from '@sinclair/typebox';
import { RelationPacker } from '../../entities/relation-packer.js';
import { defineEndpoint } from '../../endpoint.js';
import { ApiError } from '../../errors.js';
import { Ref } from '../../schemas/common.js';
import { findUserByRef, PagedUserRef } from '../../schemas/user-ref.js';

const errors = {
  noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: '27fa5435-88ab-43de-9360-387de88727cd', on: ['user.notFound'] },
  forbidden: { message: 'Forbidden.', code: 'FORBIDDEN', id: '3c6a84db-d619-26af-ca14-06232a21df8a', on: ['follow.forbidden'] },
};

export default defineEndpoint({
  name: 'users/followers',
  tags: ['users'],
  description: 'The followers of a user (by userId, or username + host), as far as the user shows them.',
  credential: 'optional',
  params: PagedUserRef,
  res: Type.Array(Ref('Following')),
  errors,
  async handler({ params, me, svc }) {
    const owner = await findUserByRef(svc, params);
    if (!owner) throw new ApiError(errors.noSuchUser);
    const rows = await svc.follows.listOf(owner, me, 'followers', { ...params, limit: params.limit ?? 10 });
    return new RelationPacker(svc).packFollowings(rows, 'follower', me);
  },
});
