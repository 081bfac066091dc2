import { Type } from '@sinclair/typebox';
import { UserPacker } from '../../entities/user-packer.js';
import { defineEndpoint } from '../../endpoint.js';
import { Id, Ref } from '../../schemas/common.js';

export default defineEndpoint({
  name: 'following/create',
  tags: ['following', 'users'],
  description: 'Follows a user, or sends a follow request when the user approves followers.',
  credential: 'required',
  permission: 'write:following',
  limit: { duration: 60 * 60 * 1000, max: 100 },
  params: Type.Object({ userId: Id, withReplies: Type.Optional(Type.Boolean()) }),
  res: Ref('UserLite'),
  errors: {
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: 'fcd2eef9-a9b2-4c4f-8624-038099e90aa5', on: ['user.notFound'] },
    followeeIsYourself: { message: 'Followee is yourself.', code: 'FOLLOWEE_IS_YOURSELF', id: '26fbe7bb-a331-4857-af17-205b426669a9', on: ['follow.self'] },
    alreadyFollowing: { message: 'You are already following that user.', code: 'ALREADY_FOLLOWING', id: '35387507-38c7-4cb9-9197-300b93783fa0', on: ['follow.already'] },
    blocking: { message: 'You are blocking that user.', code: 'BLOCKING', id: '4e2206ec-aa4f-4960-b865-6c23ac38e2d9', on: ['follow.blocking'] },
    blocked: { message: 'You are blocked by that user.', code: 'BLOCKED', id: 'c4ab57cc-4e41-45e9-bfd9-584f61e35ce0', on: ['follow.blocked'] },
  },
  async handler({ params, me, svc }) {
    const { followee } = await svc.follows.follow(me, params.userId, { withReplies: params.withReplies });
    return (await new UserPacker(svc).packLiteMany([followee]))[0]!;
  },
});
