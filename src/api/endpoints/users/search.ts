import { Type } from '@sinclair/typebox';
import { UserPacker } from '../../entities/user-packer.js';
import { defineEndpoint } from '../../endpoint.js';
import { Ref } from '../../schemas/common.js';

export default defineEndpoint({
  name: 'users/search',
  tags: ['users'],
  description:
    'Search for users: `@prefix` matches usernames by prefix; other text matches display names (and usernames), then profile descriptions. Most recently updated first.',
  credential: 'optional',
  requiredRolePolicy: 'canSearchUsers',
  params: Type.Object({
    query: Type.String(),
    offset: Type.Optional(Type.Integer({ default: 0 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
    origin: Type.Optional(Type.Union([Type.Literal('local'), Type.Literal('remote'), Type.Literal('combined')], { default: 'combined' })),
    detail: Type.Optional(Type.Boolean({ default: true })),
  }),
  res: Type.Array(Ref('UserLite')),
  async handler({ params, me, svc }) {
    const users = await svc.userDiscovery.search({ query: params.query, origin: params.origin ?? 'combined', limit: params.limit ?? 10, offset: params.offset ?? 0 });
    const packer = new UserPacker(svc);
    return params.detail === false ? packer.packLiteMany(users) : packer.packDetailedMany(users, me);
  },
});
