import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../endpoint.js';
import { registryCaller, RegistryScopeParams } from '../../../schemas/registry.js';

export default defineEndpoint({
  name: 'i/registry/remove',
  tags: ['account'],
  description: 'Deletes a key of the registry; a missing key is not an error.',
  credential: 'required',
  permission: 'write:account',
  params: Type.Object({ key: Type.String(), ...RegistryScopeParams }),
  res: null,
  errors: {
    // compat: Misskey still declares this error but no longer raises it (removing a missing key succeeds).
    noSuchKey: { message: 'No such key.', code: 'NO_SUCH_KEY', id: '1fac4e8a-a6cd-4e39-a4a5-3a7e11f1b019' },
  },
  async handler({ params, me, token, svc }) {
    await svc.registry.remove(registryCaller(me, token), params.domain, params.scope ?? [], params.key);
  },
});
