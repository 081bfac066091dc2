import { Type } from '@sinclair/typebox';
import { INCORRECT_PASSWORD } from '../../../domain/auth/account-errors.js';
import { defineEndpoint } from '../../endpoint.js';
import { Nullable } from '../../schemas/common.js';

export default defineEndpoint({
  name: 'i/delete-account',
  tags: ['account'],
  description: "Deletes the caller's account (the password is required); every token stops working.",
  credential: 'required',
  secure: true,
  params: Type.Object({ password: Type.String(), token: Type.Optional(Nullable(Type.String())) }),
  res: null,
  errors: { incorrectPassword: { ...INCORRECT_PASSWORD, on: ['account.incorrectPassword'] } },
  async handler({ params, me, svc }) {
    await svc.account.deleteAccount(me, params.password);
  },
});
