import { Type } from '@sinclair/typebox';
import { UserPacker } from '../../entities/user-packer.js';
import { defineEndpoint } from '../../endpoint.js';
import { Id, Ref } from '../../schemas/common.js';

export default defineEndpoint({
  name: 'following/delete',
  tags: ['following', 'users'],
  description: 'Stops following a user.',
  credential: 'required',
  permission: 'write:following',
  limit: { duration: 60 * 60 * 1000, max: 100 },
  params: Type.Object({ userId: Id }),
  res: Ref('UserLite'),
  errors: {
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: '5b12c78d-2b28-4dca-99d2-f56139b42ff8', on: ['user.notFound'] },
    followeeIsYourself: { message: 'Followee is yourself.', code: 'FOLLOWEE_IS_YOURSELF', id: 'd9e400b9-36b0-4808-b1d8-79e707f1296c', on: ['follow.self'] },
    notFollowing: { message: 'You are not following that user.', code: 'NOT_FOLLOWING', id: '5dbf82f5-c92b-40b1-87d1-6c8c0741fd09', on: ['follow.notFollowing'] },
  },
  async handler({ params, me, svc }) {
    const followee = await svc.follows.getUser(params.userId, me.id);
    await svc.follows.unfollow(me.id, followee.id);
    return (await new UserPacker(svc).packLiteMany([followee]))[0]!;
  },
});
