import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../endpoint.js';
import { Id } from '../../../schemas/common.js';

export default defineEndpoint({
  name: 'following/requests/reject',
  tags: ['following', 'account'],
  description: 'Rejects a follow request (nothing happens when there is none).',
  credential: 'required',
  permission: 'write:following',
  params: Type.Object({ userId: Id }),
  res: null,
  errors: {
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: 'abc2ffa6-25b2-4380-ba99-321ff3a94555', on: ['user.notFound'] },
  },
  async handler({ params, me, svc }) {
    const follower = await svc.follows.getUser(params.userId);
    await svc.follows.rejectRequest(me.id, follower.id);
  },
});
