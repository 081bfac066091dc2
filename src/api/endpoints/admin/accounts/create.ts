import { Type } from '@sinclair/typebox';
import { UserPacker } from '../../../entities/user-packer.js';
import { defineEndpoint } from '../../../endpoint.js';
import { ApiError } from '../../../errors.js';
import { Nullable, Ref } from '../../../schemas/common.js';

const errors = {
  accessDenied: { message: 'Access denied.', code: 'ACCESS_DENIED', id: '1fb7cb09-d46a-4fff-b8df-057708cce513' },
  wrongInitialPassword: { message: 'Initial password is incorrect.', code: 'INCORRECT_INITIAL_PASSWORD', id: '97147c55-1ae1-4f6f-91d6-e1c3e0e76d62' },
  // compat: Misskey answers a taken username here with a 500; we name it.
  usernameTaken: { message: 'This username is already taken.', code: 'DUPLICATED_USERNAME', id: 'f8e9a1c2-3b4d-4e5f-8a6b-7c8d9e0f1a2b', on: ['user.duplicateUsername'] },
};

export default defineEndpoint({
  name: 'admin/accounts/create',
  tags: ['admin'],
  description: 'Creates a local account. Without credentials only while the instance has no account yet (the first becomes its administrator); afterwards administrators only, with their native token.',
  credential: 'optional',
  params: Type.Object({
    username: Type.String({ pattern: '^\\w{1,20}$' }),
    password: Type.String({ minLength: 1 }),
    setupPassword: Type.Optional(Nullable(Type.String())),
  }),
  res: Type.Intersect([Ref('MeDetailed'), Type.Object({ token: Type.String() })]),
  errors,
  async handler({ params, me, token, svc }) {
    const settings = await svc.meta.get();
    if (settings.rootUserId === null && me === null && token === null) {
      const expected = svc.config.setupPassword;
      const given = params.setupPassword?.trim() ? params.setupPassword : undefined;
      if (given !== expected) throw new ApiError(errors.wrongInitialPassword);
    } else if (me === null || token !== null || !svc.roles.isAdministrator(me)) {
      throw new ApiError(errors.accessDenied);
    }
    const created = await svc.users.createLocalUser({ username: params.username, password: params.password });
    const packed = await new UserPacker(svc).packMe(created.user);
    return { ...packed, token: created.token };
  },
});
