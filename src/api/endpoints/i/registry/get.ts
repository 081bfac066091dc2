import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../endpoint.js';
import { registryCaller, RegistryScopeParams } from '../../../schemas/registry.js';

export default defineEndpoint({
  name: 'i/registry/get',
  tags: ['account'],
  description: 'The value stored at a key of the registry (204 when it is null).',
  credential: 'required',
  permission: 'read:account',
  params: Type.Object({ key: Type.String(), ...RegistryScopeParams }),
  res: Type.Unknown(),
  errors: {
    noSuchKey: { message: 'No such key.', code: 'NO_SUCH_KEY', id: 'ac3ed68a-62f0-422b-a7bc-d5e09e8f6a6a', on: ['registry.noSuchKey'] },
  },
  async handler({ params, me, token, svc }) {
    const item = await svc.registry.get(registryCaller(me, token), params.domain, params.scope ?? [], params.key);
    return item.value as Record<string, never>;
  },
});
