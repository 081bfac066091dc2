import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../endpoint.js';

export default defineEndpoint({
  name: 'auth/session/generate',
  tags: ['auth'],
  description: 'Starts a legacy authentication session; the user opens `url` to accept it.',
  credential: 'none',
  params: Type.Object({ appSecret: Type.String() }),
  res: Type.Object({ token: Type.String(), url: Type.String() }),
  errors: { noSuchApp: { message: 'No such app.', code: 'NO_SUCH_APP', id: '92f93e63-428e-4f2f-a5a4-39e1407fe998', on: ['app.notFound'] } },
  async handler({ params, svc }) {
    return svc.apps.generateSession(params.appSecret);
  },
});
