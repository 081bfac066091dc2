import { Type } from '@sinclair/typebox';
import { UserPacker } from '../../entities/user-packer.js';
import { defineEndpoint } from '../../endpoint.js';
import { Id, Ref } from '../../schemas/common.js';

export default defineEndpoint({
  name: 'following/update',
  tags: ['following', 'users'],
  description: "Changes the settings of one follow (notify on the followee's notes, show their replies).",
  credential: 'required',
  permission: 'write:following',
  limit: { duration: 60 * 60 * 1000, max: 100 },
  params: Type.Object({
    userId: Id,
    notify: Type.Optional(Type.Union([Type.Literal('normal'), Type.Literal('none')])),
    withReplies: Type.Optional(Type.Boolean()),
  }),
  res: Ref('UserLite'),
  errors: {
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: '14318698-f67e-492a-99da-5353a5ac52be', on: ['user.notFound'] },
    followeeIsYourself: { message: 'Followee is yourself.', code: 'FOLLOWEE_IS_YOURSELF', id: '4c4cbaf9-962a-463b-8418-a5e365dbf2eb', on: ['follow.self'] },
    notFollowing: { message: 'You are not following that user.', code: 'NOT_FOLLOWING', id: 'b8dc75cf-1cb5-46c9-b14b-5f1ffbd782c9', on: ['follow.notFollowing'] },
  },
  async handler({ params, me, svc }) {
    const followee = await svc.follows.getUser(params.userId, me.id);
    await svc.follows.update(me.id, followee.id, { notify: params.notify, withReplies: params.withReplies });
    return (await new UserPacker(svc).packLiteMany([followee]))[0]!;
  },
});
