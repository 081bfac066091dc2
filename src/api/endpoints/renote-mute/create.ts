import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../endpoint.js';
import { Id } from '../../schemas/common.js';

export default defineEndpoint({
  name: 'renote-mute/create',
  tags: ['account'],
  description: "Hides a user's renotes from your timelines.",
  credential: 'required',
  permission: 'write:mutes',
  prohibitMoved: true,
  limit: { duration: 60 * 60 * 1000, max: 20 },
  params: Type.Object({ userId: Id }),
  res: null,
  errors: {
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: '5e0a5dff-1e94-4202-87ae-4d9c89eb2271', on: ['user.notFound'] },
    muteeIsYourself: { message: 'Mutee is yourself.', code: 'MUTEE_IS_YOURSELF', id: '37285718-52f7-4aef-b7de-c38b8e8a8420', on: ['relation.self'] },
    alreadyMuting: { message: "You are already muting that user's renotes.", code: 'ALREADY_MUTING', id: 'ccfecbe4-1f1c-4fc2-8a3d-c3ffee61cb7b', on: ['mute.already'] },
  },
  async handler({ params, me, svc }) {
    const target = await svc.blockMute.getTarget(params.userId, me);
    await svc.blockMute.muteRenotes(me, target);
  },
});
