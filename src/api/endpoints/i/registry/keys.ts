import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../endpoint.js';
import { registryCaller, RegistryScopeParams } from '../../../schemas/registry.js';

export default defineEndpoint({
  name: 'i/registry/keys',
  tags: ['account'],
  description: 'The keys of one registry scope.',
  credential: 'required',
  permission: 'read:account',
  params: Type.Object(RegistryScopeParams),
  res: Type.Array(Type.String()),
  async handler({ params, me, token, svc }) {
    const items = await svc.registry.items(registryCaller(me, token), params.domain, params.scope ?? []);
    return items.map((item) => item.key);
  },
});
