import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../endpoint.js';
import { Ref } from '../../schemas/common.js';

export default defineEndpoint({
  name: 'i/authorized-apps',
  tags: ['account'],
  description: 'The legacy apps the caller has given a token to.',
  credential: 'required',
  secure: true,
  params: Type.Object({
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
    sort: Type.Optional(Type.Union([Type.Literal('desc'), Type.Literal('asc')], { default: 'desc' })),
  }),
  res: Type.Array(Ref('App')),
  async handler({ params, me, svc }) {
    return svc.apps.listAuthorized(me.id, params.limit ?? 10, params.offset ?? 0, params.sort ?? 'desc');
  },
});
