import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../endpoint.js';
import { Nullable, Ref } from '../../schemas/common.js';

export default defineEndpoint({
  name: 'app/create',
  tags: ['app'],
  description: 'Registers an application of the legacy authentication flow; the result carries its secret, shown only here.',
  credential: 'optional',
  params: Type.Object({
    name: Type.String({ maxLength: 128 }),
    description: Type.String({ maxLength: 512 }),
    permission: Type.Array(Type.String(), { uniqueItems: true }),
    callbackUrl: Type.Optional(Nullable(Type.String({ maxLength: 512 }))),
  }),
  res: Ref('App'),
  async handler({ params, me, svc }) {
    return svc.apps.create({ userId: me?.id ?? null, ...params, callbackUrl: params.callbackUrl ?? null });
  },
});
