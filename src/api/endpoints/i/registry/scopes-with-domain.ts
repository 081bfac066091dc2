import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../endpoint.js';
import { Nullable } from '../../../schemas/common.js';

export default defineEndpoint({
  name: 'i/registry/scopes-with-domain',
  tags: ['account'],
  description: "The registry's scopes grouped by domain (null: the user's own clients).",
  credential: 'required',
  secure: true,
  params: Type.Object({}),
  res: Type.Array(Type.Object({ scopes: Type.Array(Type.Array(Type.String())), domain: Nullable(Type.String()) })),
  async handler({ me, svc }) {
    return svc.registry.scopesWithDomain(me.id);
  },
});
