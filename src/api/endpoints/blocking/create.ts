import { Type } from '@sinclair/typebox';
import type { entities } from 'misskey-js';
import { UserPacker } from '../../entities/user-packer.js';
import { defineEndpoint } from '../../endpoint.js';
import { Id, Ref } from '../../schemas/common.js';

type UserDetailedNotMe = entities.UserDetailedNotMe;

export default defineEndpoint({
  name: 'blocking/create',
  tags: ['account'],
  description: "Blocks a user: follows and follow requests between you end, and they can no longer follow, reply to, mention or react to you.",
  credential: 'required',
  permission: 'write:blocks',
  limit: { duration: 60 * 60 * 1000, max: 20 },
  params: Type.Object({ userId: Id }),
  res: Ref('UserDetailedNotMe'),
  errors: {
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: '7cc4f851-e2f1-4621-9633-ec9e1d00c01e', on: ['user.notFound'] },
    blockeeIsYourself: { message: 'Blockee is yourself.', code: 'BLOCKEE_IS_YOURSELF', id: '88b19138-f28d-42c0-8499-6a31bbd0fdc6', on: ['relation.self'] },
    alreadyBlocking: { message: 'You are already blocking that user.', code: 'ALREADY_BLOCKING', id: '787fed64-acb9-464a-82eb-afbd745b9614', on: ['block.already'] },
  },
  async handler({ params, me, svc }) {
    const target = await svc.blockMute.getTarget(params.userId, me);
    await svc.blockMute.block(me, target);
    return (await new UserPacker(svc).packDetailed(target, me)) as UserDetailedNotMe;
  },
});
