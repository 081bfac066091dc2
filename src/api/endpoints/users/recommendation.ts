import { Type } from '@sinclair/typebox';
import { UserPacker } from '../../entities/user-packer.js';
import { defineEndpoint } from '../../endpoint.js';
import { Ref } from '../../schemas/common.js';

export default defineEndpoint({
  name: 'users/recommendation',
  tags: ['users'],
  description:
    'Local users the caller might follow: unlocked, explorable, updated in the last 7 days, not yet followed, muted or blocked either way; most followed first.',
  credential: 'required',
  permission: 'read:account',
  params: Type.Object({
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
    offset: Type.Optional(Type.Integer({ default: 0 })),
  }),
  res: Type.Array(Ref('UserDetailed')),
  async handler({ params, me, svc }) {
    const users = await svc.userDiscovery.recommend(me, params.limit ?? 10, params.offset ?? 0);
    return new UserPacker(svc).packDetailedMany(users, me);
  },
});
