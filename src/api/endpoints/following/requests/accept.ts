import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../endpoint.js';
import { Id } from '../../../schemas/common.js';

export default defineEndpoint({
  name: 'following/requests/accept',
  tags: ['following', 'account'],
  description: 'Accepts a follow request.',
  credential: 'required',
  permission: 'write:following',
  params: Type.Object({ userId: Id }),
  res: null,
  errors: {
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: '66ce1645-d66c-46bb-8b79-96739af885bd', on: ['user.notFound'] },
    noFollowRequest: { message: 'No follow request.', code: 'NO_FOLLOW_REQUEST', id: 'bcde4f8b-0913-4614-8881-614e522fb041', on: ['follow.noRequest'] },
  },
  async handler({ params, me, svc }) {
    const follower = await svc.follows.getUser(params.userId);
    await svc.follows.acceptRequest(me, follower.id);
  },
});
