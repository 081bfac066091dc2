import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../endpoint.js';

export default defineEndpoint({
  name: 'username/available',
  tags: ['users'],
  description: 'Whether a username can be signed up with (not taken, never used, not reserved).',
  credential: 'none',
  params: Type.Object({ username: Type.String({ pattern: '^\\w{1,20}$' }) }),
  res: Type.Object({ available: Type.Boolean() }),
  async handler({ params, svc }) {
    return { available: await svc.signup.isAvailable(params.username) };
  },
});
