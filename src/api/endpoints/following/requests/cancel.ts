import { Type } from '@sinclair/typebox';
import { UserPacker } from '../../../entities/user-packer.js';
import { defineEndpoint } from '../../../endpoint.js';
import { Id, Ref } from '../../../schemas/common.js';

export default defineEndpoint({
  name: 'following/requests/cancel',
  tags: ['following', 'account'],
  description: 'Withdraws a follow request the caller sent.',
  credential: 'required',
  permission: 'write:following',
  params: Type.Object({ userId: Id }),
  res: Ref('UserLite'),
  errors: {
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: '4e68c551-fc4c-4e46-bb41-7d4a37bf9dab', on: ['user.notFound'] },
    followRequestNotFound: { message: 'Follow request not found.', code: 'FOLLOW_REQUEST_NOT_FOUND', id: '089b125b-d338-482a-9a09-e2622ac9f8d4', on: ['follow.requestNotFound'] },
  },
  async handler({ params, me, svc }) {
    const followee = await svc.follows.getUser(params.userId);
    await svc.follows.cancelRequest(me.id, followee.id);
    return (await new UserPacker(svc).packLiteMany([followee]))[0]!;
  },
});
