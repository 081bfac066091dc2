import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../endpoint.js';
import { Id, Nullable } from '../../schemas/common.js';

export default defineEndpoint({
  name: 'mute/create',
  tags: ['account'],
  description: "Mutes a user, optionally until a time (expiresAt, epoch ms).",
  credential: 'required',
  permission: 'write:mutes',
  prohibitMoved: true,
  limit: { duration: 60 * 60 * 1000, max: 20 },
  params: Type.Object({ userId: Id, expiresAt: Type.Optional(Nullable(Type.Integer(), { description: 'When the mute expires (epoch ms); null = never.' })) }),
  res: null,
  errors: {
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: '6fef56f3-e765-4957-88e5-c6f65329b8a5', on: ['user.notFound'] },
    muteeIsYourself: { message: 'Mutee is yourself.', code: 'MUTEE_IS_YOURSELF', id: 'a4619cb2-5f23-484b-9301-94c903074e10', on: ['relation.self'] },
    alreadyMuting: { message: 'You are already muting that user.', code: 'ALREADY_MUTING', id: '7e7359cb-160c-4956-b08f-4d1c653cd007', on: ['mute.already'] },
  },
  async handler({ params, me, svc }) {
    const target = await svc.blockMute.getTarget(params.userId, me);
    await svc.blockMute.mute(me, target, params.expiresAt ?? null);
  },
});
