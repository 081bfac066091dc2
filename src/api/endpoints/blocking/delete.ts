import { Type } from '@sinclair/typebox';
import type { entities } from 'misskey-js';
import { UserPacker } from '../../entities/user-packer.js';
import { defineEndpoint } from '../../endpoint.js';
import { Id, Ref } from '../../schemas/common.js';

type UserDetailedNotMe = entities.UserDetailedNotMe;

export default defineEndpoint({
  name: 'blocking/delete',
  tags: ['account'],
  description: "Unblocks a user.",
  credential: 'required',
  permission: 'write:blocks',
  limit: { duration: 60 * 60 * 1000, max: 100 },
  params: Type.Object({ userId: Id }),
  res: Ref('UserDetailedNotMe'),
  errors: {
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: '8621d8bf-c358-4303-a066-5ea78610eb3f', on: ['user.notFound'] },
    blockeeIsYourself: { message: 'Blockee is yourself.', code: 'BLOCKEE_IS_YOURSELF', id: '06f6fac6-524b-473c-a354-e97a40ae6eac', on: ['relation.self'] },
    notBlocking: { message: 'You are not blocking that user.', code: 'NOT_BLOCKING', id: '291b2efa-60c6-45c0-9f6a-045c8f9b02cd', on: ['block.notBlocking'] },
  },
  async handler({ params, me, svc }) {
    const target = await svc.blockMute.getTarget(params.userId, me);
    await svc.blockMute.unblock(me, target);
    return (await new UserPacker(svc).packDetailed(target, me)) as UserDetailedNotMe;
  },
});
