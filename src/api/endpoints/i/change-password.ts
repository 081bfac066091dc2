import { Type } from '@sinclair/typebox';
import { INCORRECT_PASSWORD } from '../../../domain/auth/account-errors.js';
import { defineEndpoint } from '../../endpoint.js';
import { Nullable } from '../../schemas/common.js';

const errors = {
  incorrectPassword: { ...INCORRECT_PASSWORD, on: ['account.incorrectPassword'] },
  invalidPassword: { message: 'Invalid new password.', code: 'INVALID_PASSWORD', id: '2f0a8b61-6f3b-4b1e-9d0a-5c2e7a4d9b13', on: ['user.invalidPassword'] },
};

export default defineEndpoint({
  name: 'i/change-password',
  tags: ['account'],
  description: "Changes the caller's password (the current one is required).",
  credential: 'required',
  secure: true,
  params: Type.Object({
    currentPassword: Type.String(),
    newPassword: Type.String({ minLength: 1, maxLength: 1024 }),
    token: Type.Optional(Nullable(Type.String())),
  }),
  res: null,
  errors,
  async handler({ params, me, svc }) {
    await svc.account.changePassword(me, params.currentPassword, params.newPassword);
  },
});
