import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../endpoint.js';
import { Id } from '../../schemas/common.js';

export default defineEndpoint({
  name: 'renote-mute/delete',
  tags: ['account'],
  description: "Shows a user's renotes again.",
  credential: 'required',
  permission: 'write:mutes',
  params: Type.Object({ userId: Id }),
  res: null,
  errors: {
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: '9b6728cf-638c-4aa1-bedb-e07d8101474d', on: ['user.notFound'] },
    muteeIsYourself: { message: 'Mutee is yourself.', code: 'MUTEE_IS_YOURSELF', id: '619b1314-0850-4597-a242-e245f3da42af', on: ['relation.self'] },
    notMuting: { message: "You are not muting that user's renotes.", code: 'NOT_MUTING', id: '2e4ef874-8bf0-4b4b-b069-4598f6d05817', on: ['mute.notMuting'] },
  },
  async handler({ params, me, svc }) {
    const target = await svc.blockMute.getTarget(params.userId, me);
    await svc.blockMute.unmuteRenotes(me, target);
  },
});
