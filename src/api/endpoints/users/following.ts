import { Type } from '@sinclair/typebox';
import { RelationPacker } from '../../entities/relation-packer.js';
import { defineEndpoint } from '../../endpoint.js';
import { ApiError } from '../../errors.js';
import { Id, Nullable, Paging, Ref } from '../../schemas/common.js';

const errors = {
  noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: '63e4aba4-4156-4e53-be25-c9559e42d71b', on: ['user.notFound'] },
  forbidden: { message: 'Forbidden.', code: 'FORBIDDEN', id: 'f6cdb0df-c19f-ec5c-7dbb-0ba84a1f92ba', on: ['follow.forbidden'] },
};

export default defineEndpoint({
  name: 'users/following',
  tags: ['users'],
  description: 'The following of a user (by userId, or username + host), as far as the user shows them.',
  credential: 'optional',
  params: Type.Object(
    { ...Paging, userId: Type.Optional(Id), username: Type.Optional(Type.String()), host: Type.Optional(Nullable(Type.String())) },
    { anyOf: [{ required: ['userId'] }, { required: ['username', 'host'] }] },
  ),
  res: Type.Array(Ref('Following')),
  errors,
  async handler({ params, me, svc }) {
    const owner = params.userId !== undefined
      ? await svc.usersRepo.findById(params.userId)
      : await svc.usersRepo.findByUsername(params.username!, params.host ?? null);
    if (!owner || owner.isDeleted) throw new ApiError(errors.noSuchUser);
    const rows = await svc.follows.listOf(owner, me, 'following', { ...params, limit: params.limit ?? 10 });
    return new RelationPacker(svc).packFollowings(rows, 'followee', me);
  },
});
