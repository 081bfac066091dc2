import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../endpoint.js';
import { registryCaller, RegistryScopeParams } from '../../../schemas/registry.js';

export default defineEndpoint({
  name: 'i/registry/set',
  tags: ['account'],
  description: 'Stores any JSON value at a key of the registry; native clients hear `registryUpdated`.',
  credential: 'required',
  permission: 'write:account',
  params: Type.Object({ key: Type.String({ minLength: 1 }), value: Type.Unknown(), ...RegistryScopeParams }),
  res: null,
  async handler({ params, me, token, svc }) {
    await svc.registry.set(registryCaller(me, token), params.domain, params.scope ?? [], params.key, params.value);
  },
});
