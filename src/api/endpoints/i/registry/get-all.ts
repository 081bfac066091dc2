import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../endpoint.js';
import { registryCaller, RegistryScopeParams } from '../../../schemas/registry.js';

export default defineEndpoint({
  name: 'i/registry/get-all',
  tags: ['account'],
  description: 'Every key of one registry scope with its value (sub-scopes are not included).',
  credential: 'required',
  permission: 'read:account',
  params: Type.Object(RegistryScopeParams),
  res: Type.Record(Type.String(), Type.Unknown()),
  async handler({ params, me, token, svc }) {
    const items = await svc.registry.items(registryCaller(me, token), params.domain, params.scope ?? []);
    return Object.fromEntries(items.map((item) => [item.key, item.value])) as Record<string, never>;
  },
});
