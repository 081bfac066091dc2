import { Type } from '@sinclair/typebox';
import { UserPacker } from '../../../entities/user-packer.js';
import { defineEndpoint } from '../../../endpoint.js';
import { Ref } from '../../../schemas/common.js';

export default defineEndpoint({
  name: 'auth/session/userkey',
  tags: ['auth'],
  description: 'The application collects the access token of an accepted session (once). It then sends sha256(accessToken + appSecret) as `i`.',
  credential: 'none',
  params: Type.Object({ appSecret: Type.String(), token: Type.String() }),
  res: Type.Object({ accessToken: Type.String(), user: Ref('UserDetailedNotMe') }),
  errors: {
    noSuchApp: { message: 'No such app.', code: 'NO_SUCH_APP', id: 'fcab192a-2c5a-43b7-8ad8-9b7054d8d40d', on: ['app.notFound'] },
    noSuchSession: { message: 'No such session.', code: 'NO_SUCH_SESSION', id: '5b5a1503-8bc8-4bd0-8054-dc189e8cdcb3', on: ['authSession.notFound'] },
    pendingSession: { message: 'This session is not completed yet.', code: 'PENDING_SESSION', id: '8c8a4145-02cc-4cca-8e66-29ba60445a8e', on: ['authSession.pending'] },
  },
  async handler({ params, svc }) {
    const { accessToken, userId } = await svc.apps.userKey(params.appSecret, params.token);
    const user = await svc.usersRepo.findById(userId);
    return { accessToken, user: await new UserPacker(svc).packMe(user!) };
  },
});
