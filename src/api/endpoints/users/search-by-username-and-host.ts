import { Type } from '@sinclair/typebox';
import { UserPacker } from '../../entities/user-packer.js';
import { defineEndpoint } from '../../endpoint.js';
import { Nullable, Ref } from '../../schemas/common.js';

export default defineEndpoint({
  name: 'users/search-by-username-and-host',
  tags: ['users'],
  description: 'Users whose username starts with `username` (on `host`; null = local), most recently active first.',
  credential: 'optional',
  permission: 'read:account',
  params: Type.Object({
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
    detail: Type.Optional(Type.Boolean({ default: true })),
    username: Type.Optional(Nullable(Type.String())),
    host: Type.Optional(Nullable(Type.String())),
  }),
  res: Type.Array(Ref('UserLite')),
  async handler({ params, me, svc }) {
    const host = params.host === undefined ? undefined : params.host === null || params.host === '.' ? null : params.host;
    const users = await svc.profilesRepo.search({ query: params.username ?? '', host, withName: false, limit: params.limit ?? 10, offset: 0 });
    const packer = new UserPacker(svc);
    return params.detail === false ? packer.packLiteMany(users) : packer.packDetailedMany(users, me);
  },
});
