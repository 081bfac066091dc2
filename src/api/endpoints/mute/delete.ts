import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../endpoint.js';
import { Id } from '../../schemas/common.js';

export default defineEndpoint({
  name: 'mute/delete',
  tags: ['account'],
  description: "Unmutes a user.",
  credential: 'required',
  permission: 'write:mutes',
  params: Type.Object({ userId: Id }),
  res: null,
  errors: {
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: 'b851d00b-8ab1-4a56-8b1b-e24187cb48ef', on: ['user.notFound'] },
    muteeIsYourself: { message: 'Mutee is yourself.', code: 'MUTEE_IS_YOURSELF', id: 'f428b029-6b39-4d48-a1d2-cc1ae6dd5cf9', on: ['relation.self'] },
    notMuting: { message: 'You are not muting that user.', code: 'NOT_MUTING', id: '5467d020-daa9-4553-81e1-135c0c35a96d', on: ['mute.notMuting'] },
  },
  async handler({ params, me, svc }) {
    const target = await svc.blockMute.getTarget(params.userId, me);
    await svc.blockMute.unmute(me, target);
  },
});
