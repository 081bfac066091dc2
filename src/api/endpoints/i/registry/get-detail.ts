import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../endpoint.js';
import { registryCaller, RegistryScopeParams } from '../../../schemas/registry.js';

export default defineEndpoint({
  name: 'i/registry/get-detail',
  tags: ['account'],
  description: 'The value stored at a key of the registry, with when it was last set.',
  credential: 'required',
  permission: 'read:account',
  params: Type.Object({ key: Type.String(), ...RegistryScopeParams }),
  res: Type.Object({ updatedAt: Type.String(), value: Type.Unknown() }),
  errors: {
    noSuchKey: { message: 'No such key.', code: 'NO_SUCH_KEY', id: '97a1e8e7-c0f7-47d2-957a-92e61256e01a', on: ['registry.noSuchKey'] },
  },
  async handler({ params, me, token, svc }) {
    const item = await svc.registry.get(registryCaller(me, token), params.domain, params.scope ?? [], params.key);
    return { updatedAt: new Date(item.updatedAt).toISOString(), value: item.value };
  },
});
