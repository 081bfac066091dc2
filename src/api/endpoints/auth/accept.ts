import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../endpoint.js';

export default defineEndpoint({
  name: 'auth/accept',
  tags: ['auth'],
  description: 'The caller accepts a legacy authentication session (what the /auth/{token} page does).',
  credential: 'required',
  secure: true,
  params: Type.Object({ token: Type.String() }),
  res: null,
  errors: {
    noSuchSession: { message: 'No such session.', code: 'NO_SUCH_SESSION', id: '9c72d8de-391a-43c1-9d06-08d29efde8df', on: ['authSession.notFound'] },
  },
  async handler({ params, me, svc }) {
    await svc.apps.accept(me.id, params.token);
  },
});
