import { Type } from '@sinclair/typebox';
import { UserPacker } from '../../entities/user-packer.js';
import { defineEndpoint } from '../../endpoint.js';
import { Id, Ref } from '../../schemas/common.js';

export default defineEndpoint({
  name: 'following/invalidate',
  tags: ['following', 'users'],
  description: 'Makes a follower stop following the caller.',
  credential: 'required',
  permission: 'write:following',
  limit: { duration: 60 * 60 * 1000, max: 100 },
  params: Type.Object({ userId: Id }),
  res: Ref('UserLite'),
  errors: {
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: '5b12c78d-2b28-4dca-99d2-f56139b42ff8', on: ['user.notFound'] },
    followerIsYourself: { message: 'Follower is yourself.', code: 'FOLLOWER_IS_YOURSELF', id: '07dc03b9-03da-422d-885b-438313707662', on: ['follow.self'] },
    notFollowing: { message: 'The other use is not following you.', code: 'NOT_FOLLOWING', id: '5dbf82f5-c92b-40b1-87d1-6c8c0741fd09', on: ['follow.notFollowing'] },
  },
  async handler({ params, me, svc }) {
    const follower = await svc.follows.getUser(params.userId, me.id);
    await svc.follows.unfollow(follower.id, me.id);
    // compat: Misskey answers with the caller (the followee), not the removed follower.
    return (await new UserPacker(svc).packLiteMany([me]))[0]!;
  },
});
