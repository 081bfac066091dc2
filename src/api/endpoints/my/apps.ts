import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../endpoint.js';
import { Ref } from '../../schemas/common.js';

export default defineEndpoint({
  name: 'my/apps',
  tags: ['account', 'app'],
  description: 'The legacy-flow applications the caller created, newest first.',
  credential: 'required',
  permission: 'read:account',
  params: Type.Object({
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  }),
  res: Type.Array(Ref('App')),
  async handler({ params, me, svc }) {
    return svc.apps.listMine(me.id, params.limit ?? 10, params.offset ?? 0);
  },
});
