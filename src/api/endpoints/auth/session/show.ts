import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../endpoint.js';
import { Id, Ref } from '../../../schemas/common.js';

export default defineEndpoint({
  name: 'auth/session/show',
  tags: ['auth'],
  description: 'A pending legacy authentication session and its application.',
  credential: 'optional',
  params: Type.Object({ token: Type.String() }),
  res: Type.Object({ id: Id, app: Ref('App'), token: Type.String() }),
  errors: {
    noSuchSession: { message: 'No such session.', code: 'NO_SUCH_SESSION', id: 'bd72c97d-eba7-4adb-a467-f171b8847250', on: ['authSession.notFound'] },
  },
  async handler({ params, me, svc }) {
    const session = await svc.apps.showSession(params.token, me?.id);
    return { id: session.id, app: session.app, token: session.token };
  },
});
